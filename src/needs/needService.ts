// recommendForNeed: a need in the customer's own words → parsed need → the catalog ranked for it
// (rankForNeed.ts: semantic match, the need's constraints, the customer's history, the suitability
// gate) → a served list, logged like every other when the customer is known.
import { digest } from '../config';
import type { ChatProvider } from '../llm/providers';
import { InvalidInputError, NotFoundError } from '../recommend/errors';
import { logServedLists, sliceRanking, type ServedItem } from '../recommend/servedLists';
import { buildCustomerState } from '../recommend/customerState';
import { RULE_SET_VERSION } from '../recommend/suitability';
import type { CustomerProfile, CustomerState, Notice, ProductInfo, RankedItem } from '../recommend/types';
import type { Db } from '../store/db';
import { loadCustomerState } from '../store/snapshot';
import { parseNeed } from './parseNeed';
import { semanticQuery } from './semanticQuery';
import { noticeText } from './notices';
import type { NeedRuleOptions } from './needRules';
import { NEED_WEIGHTS, rankForNeed, type NeedRanking } from './rankForNeed';
import type { ParsedNeed } from './types';

/** What the need service needs of semantic search (search/productSearch.ts). */
export interface SemanticCatalog {
  readonly provider: { readonly name: string };
  /** Every active product: lines and instruments. */
  products(): readonly ProductInfo[];
  embedQuery(text: string): Promise<Float32Array>;
  /** Cosine similarity of each indexed product to a query vector. */
  scores(query: Float32Array): ReadonlyMap<string, number>;
}

export const MAX_NEED_CHARS = 1000;
export const MAX_NEED_FIRST = 20;
export const NEED_RECOMMENDER = 'need';

export interface NeedRequest { text: string; userId?: string | null; first?: number | null }

export interface NeedResult {
  need: ParsedNeed;
  items: ServedItem[];
  /** Products the gate (profile and need rules) removed. */
  excludedCount: number;
  /** What the customer should be told: contradictions in the need, limits applied (code and message in the need's language). */
  notices: Notice[];
  /** Id of the logged list when a customer was named (feedback may refer to it); null otherwise. */
  listId: string | null;
  recommender: string;
  configHash: string;
  servedAt: Date;
}

const ANONYMOUS: CustomerProfile = {
  id: '', age: null, income: null, segment: null, seniorityMonths: null, active: null, region: null,
  riskTolerance: null, investmentHorizonMonths: null, liquidityNeed: null,
};

export interface NeedServiceOptions {
  db: Db;
  /** The customer's behavioural ranking of product lines (ScoringService.lineRanking); null: cold start. */
  lineRanking(customerId: string | null): Promise<readonly RankedItem[]>;
  catalog: SemanticCatalog;
  chat: ChatProvider | null;
  /** The need rules' settings: unprofiled risk cap, home currency. */
  rules: NeedRuleOptions;
  /** The saved model version behind `lineRanking` (ScoringService), audited with each logged list; absent: null. */
  modelVersion?: () => string | null;
}

/** A customer FinRec knows nothing about: no profile, no history (cold start). */
export function anonymousCustomer(profile: Partial<CustomerProfile> = {}): CustomerState {
  return buildCustomerState({ ...ANONYMOUS, ...profile }, []);
}

export class NeedService {
  constructor(private readonly options: NeedServiceOptions) {}

  /** Parse the need and rank the catalog for it, for a customer in a given state (no validation, no log). */
  async rank(text: string, customer: CustomerState, lineRanking: Promise<readonly RankedItem[]>, first: number): Promise<{ need: ParsedNeed; ranked: NeedRanking }> {
    const { catalog } = this.options;
    const need = await parseNeed(text, { chat: this.options.chat });
    const [query, lines] = await Promise.all([catalog.embedQuery(semanticQuery(need)), lineRanking]);
    const ranked = rankForNeed({
      need, customer, products: catalog.products(), semantic: catalog.scores(query), lineRanking: lines, first, options: this.options.rules,
    });
    return { need, ranked };
  }

  async recommend(request: NeedRequest): Promise<NeedResult> {
    const text = request.text.trim();
    if (text.length === 0) throw new InvalidInputError('text', 'text must say what the customer needs');
    if (text.length > MAX_NEED_CHARS) throw new InvalidInputError('text', `text must be at most ${MAX_NEED_CHARS} characters`);
    const first = request.first ?? 5;
    if (!Number.isInteger(first) || first < 1 || first > MAX_NEED_FIRST) throw new InvalidInputError('first', `first must be between 1 and ${MAX_NEED_FIRST}`);
    const userId = request.userId ?? null;

    const { db } = this.options;
    const customer: CustomerState | null = userId === null ? anonymousCustomer() : await loadCustomerState(db, userId);
    if (!customer) throw new NotFoundError('userId', 'User', userId!);
    const { need, ranked } = await this.rank(text, customer, this.options.lineRanking(userId), first);
    const configHash = digest({ weights: NEED_WEIGHTS, embedder: this.options.catalog.provider.name, parser: need.parser, rules: this.options.rules });
    const items = sliceRanking(ranked, first, null);
    // Coded, as on every served list (and in the audit trail); messages in the need's language.
    const notices: Notice[] = need.conflicts.map((c) => ({ code: c.code, message: noticeText(c.code, need.language, {}, c.message) }));
    const say = (code: string, params?: Parameters<typeof noticeText>[2]) => notices.push({ code, message: noticeText(code, need.language, params) });
    const understood = need.amount || need.currency || need.horizonMonths || need.riskAppetite || need.liquidity
      || need.goals.length + need.wantedCategories.length + need.unwantedCategories.length > 0;
    if (!understood) say('NOTHING_UNDERSTOOD');
    if (ranked.riskCap.by === 'unprofiled') say('UNPROFILED_CAP', { max: ranked.riskCap.max });
    if (customer.profile.age === null && ranked.excluded.some((x) => x.rule === 'AGE_NOT_ELIGIBLE')) say('AGE_UNKNOWN');
    const offered = new Set(this.options.catalog.products().map((p) => p.category));
    for (const c of need.wantedCategories) if (!offered.has(c.value)) say('NOT_OFFERED', { category: c.value.toLowerCase(), words: c.source });
    if (items.length === 0) say('NOTHING_MATCHES');
    let listId: string | null = null;
    let servedAt = new Date();
    if (userId !== null) {
      const [logged] = await logServedLists(db, [{
        customerId: userId, recommender: NEED_RECOMMENDER, configHash, request: { first, category: null, need: text }, items,
        // rankForNeed gates with the full rule set (RULES) plus the need's own rules (part of configHash).
        ruleSetVersion: RULE_SET_VERSION, modelVersion: this.options.modelVersion?.() ?? null, exclusions: ranked.excluded, notices,
      }]);
      listId = logged.id;
      servedAt = logged.createdAt;
    }
    return { need, items, excludedCount: ranked.excluded.length, notices, listId, recommender: NEED_RECOMMENDER, configHash, servedAt };
  }
}

// Ranks the catalog for a need stated in words. Pure: the caller brings the parsed need, the
// customer's state, the catalog (product lines and the instruments within them), each product's
// semantic similarity to the need's text, and the customer's behavioural ranking of product lines.
//
//   candidates (credit products only when the need asks for credit) → the one suitability gate (the full
//   rule set, src/recommend/rules) with the need's rules added (needRules.ts) → score → diversify → Top-N → reasons
//
// score = 0.45·semantic + 0.30·category fit + 0.15·history + 0.05·cost + 0.05·term fit, each in [0, 1]:
//  - semantic: cosine of the need's and the product's text embeddings, rescaled over the eligible
//    products (their median → 0, the best → 1), so it ranks rather than thresholds;
//  - category fit: 1 for a category the customer named, 0.75 … 0.25 for those the need implies (its
//    goals, or its risk and access wishes), the most relevant first;
//  - history: the customer's behavioural score of the product's line (an instrument inherits its
//    line's), relative to their best line; a customer with no history gets the cold-start ranking;
//  - cost: ongoing charge, 1 at ≤ 0.3 % a year down to 0 at ≥ 1.5 %;
//  - term fit: a term deposit whose term uses more of the stated horizon earns more.
// Order: what the customer asked for comes first — products of a category they named, then of one
// the need implies, then the rest — and by score within each tier (so a score is comparable only
// within its tier; the category-fit reason says which tier an item is in).
// Diversity: at most two items of one issuer, and two of one subcategory, in a list.
import type { Contribution } from '../recommend/blender';
import { buildReasons, signalReason } from '../recommend/reasons';
import { RULES, suitabilityGate } from '../recommend/suitability';
import type { CustomerState, Exclusion, ProductCategory, ProductInfo, RankedItem, Reason } from '../recommend/types';
import { CREDIT_CATEGORIES, needRules, riskCap, type NeedRuleOptions } from './needRules';
import { GOAL_CATEGORIES, impliedCategories, type ParsedNeed } from './types';

export const NEED_WEIGHTS = { semantic: 0.45, category: 0.3, history: 0.15, cost: 0.05, term: 0.05 } as const;
/** Items per issuer and per subcategory in one list. */
const PER_GROUP = 2;
/** Ongoing charge (percent a year) at or below which a product is called low-cost. */
const LOW_COST_PERCENT = 0.3;

export interface NeedRankingInput {
  need: ParsedNeed;
  customer: CustomerState;
  /** Active products: lines and instruments. */
  products: readonly ProductInfo[];
  /** Cosine similarity of each product's text to the need's (products without an embedding: absent). */
  semantic: ReadonlyMap<string, number>;
  /** The customer's behavioural ranking of product lines, best first (held lines are not in it). */
  lineRanking: readonly RankedItem[];
  first: number;
  options: NeedRuleOptions;
}

export interface NeedRanking {
  items: RankedItem[];
  excluded: Exclusion[];
  /** The risk cap applied and what set it. */
  riskCap: ReturnType<typeof riskCap>;
}

const clamp01 = (x: number): number => (x > 1 ? 1 : x > 0 ? x : 0);

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

/** Evidence for each need rule a product passed: the customer's own words. */
function needEvidence(need: ParsedNeed): Record<string, string | undefined> {
  return {
    WITHIN_YOUR_RISK_APPETITE: need.riskAppetite?.source,
    FITS_YOUR_HORIZON: need.horizonMonths?.source,
    EASY_ACCESS: need.liquidity?.source,
    IN_YOUR_CURRENCY: need.currency?.value,
    AMOUNT_MEETS_MINIMUM: need.amount?.source,
  };
}

/**
 * The history term's reason: a product line keeps the strongest reason of its own behavioural
 * ranking; an instrument says that customers like this one take up its line (the behavioural
 * models know lines, not the single funds within them).
 */
function historyContribution(product: ProductInfo, line: RankedItem, value: number): Contribution {
  if (product.id === line.product.id && line.reasons[0] && line.reasons[0].weight > 0) {
    return { recommender: 'history', code: line.reasons[0].code, value, evidence: line.reasons[0].evidence };
  }
  return { recommender: 'history', code: 'CUSTOMERS_LIKE_YOU_USE_LINE', value, evidence: line.product.name };
}

function stricter(pick: (a: number, b: number) => number, a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : pick(a, b);
}

/**
 * An instrument is offered only through its line: when the line is not among the active products
 * (withdrawn, or missing) the instrument is inactive too, and it is subject to the line's age bounds
 * as well as its own (a fund sold through the adults-only Investment Funds line is adults-only too,
 * whatever bounds the fund's own record carries).
 */
export function withLineEligibility(products: readonly ProductInfo[]): ProductInfo[] {
  const lines = new Map(products.filter((p) => !p.lineCode && p.active).map((p) => [p.code, p]));
  return products.map((p) => {
    if (!p.lineCode) return p;
    const line = lines.get(p.lineCode);
    if (!line) return { ...p, active: false };
    // The stricter of the two bounds on each side: an instrument may narrow its line's eligibility, never widen it.
    return { ...p, minAge: stricter(Math.max, line.minAge, p.minAge), maxAge: stricter(Math.min, line.maxAge, p.maxAge) };
  });
}

export function rankForNeed(input: NeedRankingInput): NeedRanking {
  const { need, customer, first } = input;
  const wanted = new Map<ProductCategory, string>(need.wantedCategories.map((c) => [c.value, c.source]));
  // Categories the need points at without naming them (needs/types.ts impliedCategories): by its
  // goals (SUITS_YOUR_GOAL), or by its risk and access wishes (FITS_WHAT_YOU_DESCRIBED), each with the words.
  // Fit falls from 0.75 for the most relevant implied category to 0.25 for the least.
  const implied = new Map<ProductCategory, { code: string; source?: string; fit: number }>();
  const pointed = impliedCategories(need).filter((c) => !wanted.has(c));
  pointed.forEach((c, i) => {
    const goal = need.goals.find((g) => GOAL_CATEGORIES[g.value].includes(c)) ?? need.goals[0];
    const fit = 0.75 - (0.5 * i) / Math.max(1, pointed.length - 1);
    // A wish is already quoted by its own rule's reason (WITHIN_YOUR_RISK_APPETITE, EASY_ACCESS): not quoted twice.
    implied.set(c, goal ? { code: 'SUITS_YOUR_GOAL', source: goal.source, fit } : { code: 'FITS_WHAT_YOU_DESCRIBED', fit });
  });
  // Credit is offered only when the need asks for it, by name or by goal (someone saving is not offered a loan).
  const candidates = withLineEligibility(input.products)
    .filter((p) => !CREDIT_CATEGORIES.has(p.category) || wanted.has(p.category) || implied.has(p.category));

  const rules = needRules(need, customer, input.options);
  const gate = suitabilityGate(customer, candidates, [...RULES, ...rules]);
  const needCodes = new Set(rules.map((r) => r.passed));
  const evidence = needEvidence(need);

  const cosines = gate.kept.map((k) => input.semantic.get(k.product.id) ?? 0);
  const mid = median(cosines);
  const top = Math.max(mid, ...cosines);
  const lineTop = input.lineRanking.reduce((m, it) => Math.max(m, it.score), 0);
  const lineByCode = new Map(input.lineRanking.map((it) => [it.product.code, it]));

  const scored = gate.kept.map(({ product, passed }, i) => {
    const semantic = top > mid ? clamp01((cosines[i] - mid) / (top - mid)) : 0;
    const category = wanted.has(product.category) ? 1 : implied.get(product.category)?.fit ?? 0;
    const line = lineByCode.get(product.lineCode ?? product.code);
    const history = line && lineTop > 0 ? clamp01(line.score / lineTop) : 0;
    const fee = product.managementFeePercent;
    const cost = fee === null ? 0 : clamp01((1.5 - fee) / 1.2);
    const horizon = need.horizonMonths?.value;
    const term = horizon && product.termMonths !== null && product.termMonths <= horizon ? product.termMonths / horizon : 0;
    const W = NEED_WEIGHTS;
    const contributions: Contribution[] = [
      // No evidence: the customer's words name a kind of product ("ETF"), the category is wider.
      { recommender: 'semantic', code: 'MATCHES_YOUR_NEED', value: W.semantic * semantic },
      wanted.has(product.category)
        ? { recommender: 'category', code: 'WANTED_CATEGORY', value: W.category * category }
        : { recommender: 'category', code: implied.get(product.category)?.code ?? 'SUITS_YOUR_GOAL', value: W.category * category, evidence: implied.get(product.category)?.source },
      ...(line ? [historyContribution(product, line, W.history * history)] : []),
      ...(fee !== null && fee <= LOW_COST_PERCENT ? [{ recommender: 'cost', code: 'LOW_COST', value: W.cost * cost, evidence: `${fee.toFixed(2)} % a year` }] : []),
    ];
    const score = contributions.reduce((a, c) => a + c.value, 0) + W.term * term;
    const tier = wanted.has(product.category) ? 2 : implied.has(product.category) ? 1 : 0;
    return { product, passed, score, tier, contributions };
  });
  scored.sort((a, b) => b.tier - a.tier || b.score - a.score || (a.product.code < b.product.code ? -1 : 1));

  const items: RankedItem[] = [];
  const perGroup = new Map<string, number>();
  for (const s of scored) {
    if (items.length >= first) break;
    const groups = [s.product.issuer && `issuer:${s.product.issuer}`, s.product.subcategory && `sub:${s.product.subcategory}`].filter((g): g is string => Boolean(g));
    if (groups.some((g) => (perGroup.get(g) ?? 0) >= PER_GROUP)) continue;
    for (const g of groups) perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
    const profileRules = s.passed.filter((code) => !needCodes.has(code));
    const reasons: Reason[] = buildReasons(customer, s.product, s.contributions, profileRules);
    for (const code of s.passed) if (needCodes.has(code) && evidence[code]) reasons.push(signalReason(code, 0, evidence[code], s.product));
    items.push({ product: s.product, score: s.score, reasons });
  }
  return { items, excluded: gate.excluded, riskCap: riskCap(need, customer, input.options) };
}

// The audit log of served recommendations: every list a customer is shown is written as one
// RecommendationList row with its RecommendationItem rows (rank, score, reasons as JSON), the
// recommender and its config digest, the request that produced it, the rule-set and model versions,
// every product the suitability gate excluded (with the rule and its detail) and the list's notices.
// Rows are append-only: nothing in the API updates or deletes them (erasure only re-points a list to
// the customer's pseudonym, src/privacy/erase.ts).
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db';
import type { LoggedList } from './cache';
import { NotFoundError } from './errors';
import type { Exclusion, Notice, ProductCategory, ProductInfo, RankedItem, Reason } from './types';

export interface ServedItem { rank: number; productId: string; score: number; reasons: Reason[] }

/** What the API returns for one served list. */
export interface ServedList {
  id: string;
  userId: string;
  items: ServedItem[];
  recommender: string;
  configHash: string;
  /** The saved model version it was scored with; null when the models were fitted in-process. */
  modelVersion: string | null;
  /** When the ranking was computed (a cached serve keeps the original time). */
  generatedAt: Date;
  /** When this list was logged. */
  servedAt: Date;
  /** Products the suitability gate removed from this request's candidates. */
  excludedCount: number;
  request: ListRequest;
  /** Version of the suitability rule set that gated it ("" when the engine reported none). */
  ruleSetVersion: string;
  /** What the customer should know about the whole list (e.g. NO_RISK_PROFILE). */
  notices: Notice[];
}

export interface ListRequest {
  first: number;
  category: ProductCategory | null;
  /** A need-based list (recommendForNeed): the customer's words, as asked. */
  need?: string;
}

/** One request variant of a cached full ranking: its category (if any), its first N, ranked 1…N. */
export function sliceRanking(ranking: { items: readonly RankedItem[] }, first: number, category: ProductCategory | null): ServedItem[] {
  return ranking.items
    .filter((it) => category === null || it.product.category === category)
    .slice(0, first)
    .map((it, i) => ({ rank: i + 1, productId: it.product.id, score: round(it.score), reasons: it.reasons.map((r) => ({ ...r, weight: round(r.weight) })) }));
}

/** Scores are relative: six decimals is all a reader or an auditor needs (and no 0.8739999999999999). */
const round = (x: number): number => Math.round(x * 1e6) / 1e6;

export interface ListToLog {
  customerId: string; recommender: string; configHash: string; request: ListRequest; items: readonly ServedItem[];
  /** "" when the engine reported no rule-set version. */
  ruleSetVersion: string;
  modelVersion: string | null;
  /** Every product of the request's candidates the gate removed, with its rule and detail. */
  exclusions: readonly Exclusion[];
  notices: readonly Notice[];
}

/**
 * The exclusions that belong to one request variant: a cached ranking is computed over the whole
 * catalog, so a category-filtered request keeps only the exclusions of its own candidates (the same
 * products `excludedCount` counts).
 */
export function exclusionsFor(excluded: readonly Exclusion[], catalog: readonly ProductInfo[], category: ProductCategory | null): Exclusion[] {
  if (category === null) return excluded.map(copyExclusion);
  const inCategory = new Set(catalog.filter((p) => p.category === category).map((p) => p.id));
  return excluded.filter((x) => inCategory.has(x.productId)).map(copyExclusion);
}

/** Only the audited fields, in a fixed order (a rule may attach more to its exclusion object). */
const copyExclusion = (x: Exclusion): Exclusion => ({ productId: x.productId, rule: x.rule, detail: x.detail });
const copyNotice = (n: Notice): Notice => ({ code: n.code, message: n.message });

/**
 * Write served lists and their items (see writeLists); a list whose customer no longer exists —
 * erased or deleted by another process after their ranking was read — is NOT_FOUND on userId in
 * its place, and the other lists are still logged. Results are aligned with `lists`.
 */
export async function logServedListsEach(db: Db, lists: readonly ListToLog[]): Promise<(LoggedList | NotFoundError)[]> {
  const out: (LoggedList | NotFoundError)[] = new Array(lists.length);
  let pending = lists.map((_, i) => i);
  // Each retry drops at least one list; erasures racing every retry are given up on after a few.
  for (let attempt = 0; ; attempt += 1) {
    try {
      const logged = await writeLists(db, pending.map((i) => lists[i]));
      pending.forEach((i, k) => { out[i] = logged[k]; });
      return out;
    } catch (e) {
      if (!isForeignKeyViolation(e) || attempt >= 3) throw e;
      const ids = [...new Set(pending.map((i) => lists[i].customerId))];
      const present = new Set((await db.customer.findMany({ where: { id: { in: ids }, erasedAt: null }, select: { id: true } })).map((c) => c.id));
      const gone = pending.filter((i) => !present.has(lists[i].customerId));
      if (gone.length === 0) throw e; // not a customer's row (a product deleted meanwhile): a real failure
      for (const i of gone) out[i] = new NotFoundError('userId', 'User', lists[i].customerId);
      pending = pending.filter((i) => present.has(lists[i].customerId));
      if (pending.length === 0) return out;
    }
  }
}

/** `logServedListsEach` for callers that log lists of one customer: NOT_FOUND is thrown. */
export async function logServedLists(db: Db, lists: readonly ListToLog[]): Promise<LoggedList[]> {
  const results = await logServedListsEach(db, lists);
  const failed = results.find((r) => r instanceof NotFoundError);
  if (failed) throw failed;
  return results as LoggedList[];
}

/** Prisma's foreign-key violation (P2003), however the driver adapter wraps it. */
function isForeignKeyViolation(e: unknown): boolean {
  for (let x = e, depth = 0; x !== null && typeof x === 'object' && depth < 4; x = (x as { cause?: unknown }).cause, depth += 1) {
    if ((x as { code?: unknown }).code === 'P2003') return true;
  }
  return false;
}

/**
 * Two statements in one transaction, however many lists (a GraphQL query may ask for a hundred
 * through aliases). Results are aligned with `lists`.
 */
async function writeLists(db: Db, lists: readonly ListToLog[]): Promise<LoggedList[]> {
  const createdAt = new Date();
  const logged = lists.map(() => ({ id: randomUUID(), createdAt }));
  await db.$transaction([
    db.recommendationList.createMany({
      data: lists.map((l, i) => ({
        id: logged[i].id, createdAt, customerId: l.customerId, recommender: l.recommender, configHash: l.configHash,
        request: JSON.stringify(l.request), ruleSetVersion: l.ruleSetVersion, modelVersion: l.modelVersion,
        exclusions: JSON.stringify(l.exclusions.map(copyExclusion)), notices: JSON.stringify(l.notices.map(copyNotice)),
      })),
    }),
    db.recommendationItem.createMany({
      data: lists.flatMap((l, i) => l.items.map((it) => ({
        listId: logged[i].id, rank: it.rank, productId: it.productId, score: it.score, reasons: JSON.stringify(it.reasons),
      }))),
    }),
  ]);
  return logged;
}

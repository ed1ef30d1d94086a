// The audit log of served recommendations: every list a customer is shown is written as one
// RecommendationList row with its RecommendationItem rows (rank, score, reasons as JSON), the
// recommender and its config digest, and the request that produced it.
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db';
import type { LoggedList } from './cache';
import type { ProductCategory, RankedItem, Reason } from './types';

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
}

/**
 * Write served lists and their items: two statements in one transaction, however many lists
 * (a GraphQL query may ask for a hundred through aliases). Results are aligned with `lists`.
 */
export async function logServedLists(db: Db, lists: readonly ListToLog[]): Promise<LoggedList[]> {
  const createdAt = new Date();
  const logged = lists.map(() => ({ id: randomUUID(), createdAt }));
  await db.$transaction([
    db.recommendationList.createMany({
      data: lists.map((l, i) => ({
        id: logged[i].id, createdAt, customerId: l.customerId, recommender: l.recommender, configHash: l.configHash,
        request: JSON.stringify(l.request),
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

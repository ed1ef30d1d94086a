// Read side of the audit trail: stored RecommendationList rows → RecommendationAudit. Reads only;
// the rows are written once by servedLists.ts and never updated (erasure re-points customerId only).
import { InvalidInputError } from '../../recommend/errors';
import type { Db } from '../../store/db';
import type { Reason as ReasonData } from '../../recommend/types';
import { pageOf, toConnection, type ConnectionShape, type PageArgs } from '../common/connection';
import type { AuditExclusion, RecommendationAudit } from './audit.type';
import type { Notice } from '../common/notice.type';

const CURSOR = 'audit';
const INCLUDE = { items: { orderBy: { rank: 'asc' } }, customer: { select: { erasedAt: true } } } as const;

type Row = {
  id: string; customerId: string; recommender: string; configHash: string; request: string; ruleSetVersion: string;
  modelVersion: string | null; exclusions: string; notices: string; createdAt: Date;
  items: { rank: number; productId: string; score: number; reasons: string }[];
  customer: { erasedAt: Date | null };
};

/** A stored JSON column; an unreadable value (never written by FinRec) reads as `fallback` rather than failing the audit. */
function parse<T>(text: string, fallback: T): T {
  try { return JSON.parse(text) as T; } catch { return fallback; }
}

export function toAudit(row: Row): RecommendationAudit {
  return {
    id: row.id, userId: row.customerId, customerErased: row.customer.erasedAt !== null, servedAt: row.createdAt,
    recommender: row.recommender, configHash: row.configHash, modelVersion: row.modelVersion, ruleSetVersion: row.ruleSetVersion,
    request: parse<Record<string, unknown>>(row.request, {}),
    items: row.items.map((it) => ({ rank: it.rank, productId: it.productId, score: it.score, reasons: parse<ReasonData[]>(it.reasons, []) })),
    exclusions: parse<AuditExclusion[]>(row.exclusions, []),
    notices: parse<Notice[]>(row.notices, []),
  };
}

/** Keyset over (servedAt, id), newest first: stable while new lists are logged. */
const keyOf = (r: Pick<Row, 'createdAt' | 'id'>): string => `${r.createdAt.toISOString()}|${r.id}`;

export class AuditService {
  constructor(private readonly db: Db) {}

  async byId(id: string): Promise<RecommendationAudit | null> {
    const row = await this.db.recommendationList.findUnique({ where: { id }, include: INCLUDE });
    return row ? toAudit(row) : null;
  }

  /** A customer's (or pseudonym's) served lists, newest first. */
  async ofCustomer(userId: string, args: PageArgs): Promise<ConnectionShape<RecommendationAudit>> {
    const { first, afterKey } = pageOf(args, CURSOR);
    const after = afterKey ? splitKey(afterKey) : null;
    const rows = await this.db.recommendationList.findMany({
      where: {
        customerId: userId,
        ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: first + 1, include: INCLUDE,
    });
    return toConnection(rows, first, CURSOR, keyOf, toAudit);
  }
}

function splitKey(key: string): { at: Date; id: string } {
  const bar = key.indexOf('|');
  const at = new Date(key.slice(0, bar));
  if (bar < 0 || Number.isNaN(at.getTime())) throw new InvalidInputError('after', 'after is not a cursor returned by this connection');
  return { at, id: key.slice(bar + 1) };
}

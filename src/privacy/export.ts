// Everything FinRec stores about one customer, for a data-access request: the profile as stored
// (protected attributes included — they are the customer's own data, never a model input), risk
// assessments, interactions, feedback, API keys bound to them (never the key hash), and the lists
// served to them with items, exclusions and notices. Bounded: each collection returns its newest
// EXPORT_LIMITS rows and the envelope says how many exist, so a long history never builds an
// unbounded response; anything cut is reported in `truncated`.
import { NotFoundError } from '../recommend/errors';
import type { Db } from '../store/db';

export const EXPORT_FORMAT_VERSION = 1;

export const EXPORT_LIMITS = { interactions: 10_000, feedback: 10_000, recommendationLists: 1_000, riskAssessments: 1_000, apiKeys: 1_000 } as const;
type Collection = keyof typeof EXPORT_LIMITS;

export interface CustomerExport {
  userId: string;
  exportedAt: Date;
  formatVersion: number;
  /** How many rows each collection has in the store. */
  totals: Record<Collection, number>;
  /** Collections of which only the newest EXPORT_LIMITS rows are included. */
  truncated: Collection[];
  /** The data, JSON-ready: { profile, riskAssessments, interactions, feedback, apiKeys, recommendationLists }. */
  data: Record<string, unknown>;
}

const parse = (text: string): unknown => { try { return JSON.parse(text); } catch { return text; } };

/**
 * Related rows are read by id in chunks, not through Prisma's `include`: an include binds one
 * parameter per parent row, and SQLite refuses a statement of 1,000 parameters or more (an export
 * of 1,000 lists failed, INTERNAL_SERVER_ERROR).
 */
const CHUNK = 500;
function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

async function withItems<L extends { id: string }>(tx: Tx, lists: L[]) {
  const items = new Map<string, { rank: number; productId: string; score: number; reasons: string }[]>();
  for (const ids of chunks(lists.map((l) => l.id))) {
    for (const it of await tx.recommendationItem.findMany({ where: { listId: { in: ids } }, orderBy: [{ listId: 'asc' }, { rank: 'asc' }] })) {
      const list = items.get(it.listId) ?? [];
      list.push(it);
      items.set(it.listId, list);
    }
  }
  return lists.map((l) => ({ ...l, items: items.get(l.id) ?? [] }));
}

async function productCodes(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const codes = new Map<string, string>();
  for (const chunk of chunks([...new Set(ids)])) {
    for (const p of await db.product.findMany({ where: { id: { in: chunk } }, select: { id: true, code: true } })) codes.set(p.id, p.code);
  }
  return codes;
}

/** NOT_FOUND for an unknown id and for an erased customer's pseudonym (it holds no one's data). */
export async function exportCustomerData(db: Db, userId: string, now = new Date()): Promise<CustomerExport> {
  const profile = await db.customer.findUnique({ where: { id: userId } });
  if (!profile || profile.erasedAt) throw new NotFoundError('userId', 'User', userId);
  const where = { customerId: userId };
  // One read transaction: the counts and the rows describe the same moment.
  const [totals, riskAssessments, interactions, feedback, apiKeys, lists] = await db.$transaction(async (tx) => [
    {
      interactions: await tx.interaction.count({ where }), feedback: await tx.feedback.count({ where }),
      recommendationLists: await tx.recommendationList.count({ where }), riskAssessments: await tx.riskAssessment.count({ where }),
      apiKeys: await tx.apiKey.count({ where }),
    },
    await tx.riskAssessment.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: EXPORT_LIMITS.riskAssessments }),
    await tx.interaction.findMany({ where, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], take: EXPORT_LIMITS.interactions }),
    await tx.feedback.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: EXPORT_LIMITS.feedback }),
    await tx.apiKey.findMany({
      where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: EXPORT_LIMITS.apiKeys,
      select: { id: true, name: true, prefix: true, role: true, createdAt: true, revokedAt: true },
    }),
    await withItems(tx, await tx.recommendationList.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: EXPORT_LIMITS.recommendationLists })),
  ] as const);
  const codes = await productCodes(db, [...interactions, ...feedback, ...lists.flatMap((l) => l.items)].map((x) => x.productId));
  const truncated = (Object.keys(EXPORT_LIMITS) as Collection[]).filter((k) => totals[k] > EXPORT_LIMITS[k]);
  return {
    userId, exportedAt: now, formatVersion: EXPORT_FORMAT_VERSION, totals, truncated,
    data: {
      profile,
      riskAssessments: riskAssessments.map((a) => ({ ...a, answers: parse(a.answers) })),
      interactions: interactions.map((i) => ({ ...i, productCode: codes.get(i.productId) })),
      feedback: feedback.map((f) => ({ ...f, productCode: codes.get(f.productId) })),
      apiKeys,
      recommendationLists: lists.map((l) => ({
        id: l.id, servedAt: l.createdAt, recommender: l.recommender, configHash: l.configHash, modelVersion: l.modelVersion,
        ruleSetVersion: l.ruleSetVersion, request: parse(l.request), exclusions: parse(l.exclusions), notices: parse(l.notices),
        items: l.items.map((it) => ({ rank: it.rank, productId: it.productId, productCode: codes.get(it.productId), score: it.score, reasons: parse(it.reasons) })),
      })),
    },
  };
}

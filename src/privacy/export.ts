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
    await tx.interaction.findMany({
      where, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], take: EXPORT_LIMITS.interactions, include: { product: { select: { code: true } } },
    }),
    await tx.feedback.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: EXPORT_LIMITS.feedback, include: { product: { select: { code: true } } } }),
    await tx.apiKey.findMany({
      where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: EXPORT_LIMITS.apiKeys,
      select: { id: true, name: true, prefix: true, role: true, createdAt: true, revokedAt: true },
    }),
    await tx.recommendationList.findMany({
      where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: EXPORT_LIMITS.recommendationLists,
      include: { items: { orderBy: { rank: 'asc' }, include: { product: { select: { code: true } } } } },
    }),
  ] as const);
  const truncated = (Object.keys(EXPORT_LIMITS) as Collection[]).filter((k) => totals[k] > EXPORT_LIMITS[k]);
  return {
    userId, exportedAt: now, formatVersion: EXPORT_FORMAT_VERSION, totals, truncated,
    data: {
      profile,
      riskAssessments: riskAssessments.map((a) => ({ ...a, answers: parse(a.answers) })),
      interactions: interactions.map(({ product, ...i }) => ({ ...i, productCode: product.code })),
      feedback: feedback.map(({ product, ...f }) => ({ ...f, productCode: product.code })),
      apiKeys,
      recommendationLists: lists.map((l) => ({
        id: l.id, servedAt: l.createdAt, recommender: l.recommender, configHash: l.configHash, modelVersion: l.modelVersion,
        ruleSetVersion: l.ruleSetVersion, request: parse(l.request), exclusions: parse(l.exclusions), notices: parse(l.notices),
        items: l.items.map((it) => ({ rank: it.rank, productId: it.productId, productCode: it.product.code, score: it.score, reasons: parse(it.reasons) })),
      })),
    },
  };
}

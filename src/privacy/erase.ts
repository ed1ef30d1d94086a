// Erasure of a customer ("right to be forgotten") that keeps the audit trail: in ONE transaction,
// a pseudonymous Customer row (erased-<uuid>, every attribute null, erasedAt set) takes over the
// customer's served lists — items, reasons, exclusions, notices and versions untouched; a need-based
// list's text (the customer's own words) is redacted from its request — and the
// customer is deleted with their interactions, feedback and risk assessments; API keys bound to them
// are revoked (and re-bound to the pseudonym, so the erased id is not left behind on them).
// The caller drops what the scoring service holds of the customer (ScoringService.forget); the fitted recommenders
// forget their history at the next refit.
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../recommend/errors';
import type { Db } from '../store/db';

export interface Erasure {
  userId: string;
  pseudonym: string;
  erasedAt: Date;
  listsKept: number;
  interactionsDeleted: number;
  feedbackDeleted: number;
  riskAssessmentsDeleted: number;
  apiKeysRevoked: number;
}

export const PSEUDONYM_PREFIX = 'erased-';

/** The request of a list with the customer's words removed (and marked so an auditor knows there were some). */
function redactNeed(request: string): string {
  const parsed = JSON.parse(request) as Record<string, unknown>;
  return JSON.stringify({ ...parsed, need: null, needErased: true });
}

/** NOT_FOUND for an unknown id, an id already erased, and a pseudonym (nothing personal left to erase). */
export async function eraseCustomer(db: Db, userId: string, now = new Date()): Promise<Erasure> {
  const pseudonym = `${PSEUDONYM_PREFIX}${randomUUID()}`;
  return db.$transaction(async (tx) => {
    // Checked inside the transaction, before any write: two concurrent erasures of one customer
    // cannot both succeed (the second finds no customer and writes nothing).
    const customer = await tx.customer.findUnique({ where: { id: userId }, select: { erasedAt: true } });
    if (!customer || customer.erasedAt) throw new NotFoundError('userId', 'User', userId);
    const where = { customerId: userId };
    await tx.customer.create({ data: { id: pseudonym, erasedAt: now } });
    // A need-based list's request holds the customer's own words, which may say who they are: they
    // go with the customer (the only change the database allows to a list, and only in this update).
    const worded = await tx.recommendationList.findMany({ where: { ...where, request: { contains: '"need"' } }, select: { id: true, request: true } });
    for (const l of worded) {
      await tx.recommendationList.update({ where: { id: l.id }, data: { customerId: pseudonym, request: redactNeed(l.request) } });
    }
    const lists = await tx.recommendationList.updateMany({ where, data: { customerId: pseudonym } });
    const keys = await tx.apiKey.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: now } });
    await tx.apiKey.updateMany({ where, data: { customerId: pseudonym } });
    // Explicit deletes (the schema would cascade them) so the result can count what was removed.
    const feedback = await tx.feedback.deleteMany({ where });
    const interactions = await tx.interaction.deleteMany({ where });
    const assessments = await tx.riskAssessment.deleteMany({ where });
    await tx.customer.delete({ where: { id: userId } });
    return {
      userId, pseudonym, erasedAt: now, listsKept: lists.count + worded.length, interactionsDeleted: interactions.count,
      feedbackDeleted: feedback.count, riskAssessmentsDeleted: assessments.count, apiKeysRevoked: keys.count,
    };
  });
}

// Records a completed risk questionnaire: validates the whole submission first (nothing is written
// for a bad one), then writes the assessment and the customer's new profile in one transaction, so
// a profile is never set without the answers that justify it (or vice versa).
import { InvalidInputError, NotFoundError } from '../recommend/errors';
import type { Db } from '../store/db';
import { answerIssues, scoreAnswers, type RiskAnswer, type ScoredProfile } from './questionnaire';

export interface RecordedProfile extends ScoredProfile { userId: string; assessmentId: string; assessedAt: Date }

/** A submission is at most one answer per question; anything longer is refused unread. */
const MAX_ANSWERS = 50;

export async function submitRiskQuestionnaire(db: Db, userId: string, answers: readonly RiskAnswer[], now = () => new Date()): Promise<RecordedProfile> {
  if (answers.length > MAX_ANSWERS) throw new InvalidInputError('answers', `at most ${MAX_ANSWERS} answers`);
  const issue = answerIssues(answers)[0];
  if (issue) throw new InvalidInputError(issue.field, issue.message);
  const customer = await db.customer.findUnique({ where: { id: userId }, select: { id: true, erasedAt: true } });
  // An erased customer is only a pseudonym kept for the audit trail: there is no one to profile.
  if (!customer || customer.erasedAt) throw new NotFoundError('userId', 'Customer', userId);

  const scored = scoreAnswers(answers);
  const assessedAt = now();
  const assessment = await db.$transaction(async (tx) => {
    const row = await tx.riskAssessment.create({
      data: {
        customerId: userId, questionnaireVersion: scored.questionnaireVersion,
        answers: JSON.stringify(Object.fromEntries(answers.map((a) => [a.questionId, a.optionId]))),
        score: scored.score, riskTolerance: scored.riskTolerance, investmentHorizonMonths: scored.investmentHorizonMonths,
        liquidityNeed: scored.liquidityNeed, createdAt: assessedAt,
      },
    });
    await tx.customer.update({
      where: { id: userId },
      data: {
        riskTolerance: scored.riskTolerance, investmentHorizonMonths: scored.investmentHorizonMonths,
        liquidityNeed: scored.liquidityNeed, riskProfiledAt: assessedAt,
      },
    });
    return row;
  });
  return { ...scored, userId, assessmentId: assessment.id, assessedAt };
}

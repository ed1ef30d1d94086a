import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import { OwnCustomer } from '../../auth/guard';
import { POLICY } from '../../auth/policy';
import { MAX_SCORE, QUESTIONNAIRE_VERSION, QUESTIONS, submitRiskQuestionnaire } from '../../profile';
import type { Context } from '../context';
import { RiskAnswerInput } from './profile.input';
import { RiskProfile, RiskQuestionnaire } from './profile.type';

@Resolver()
export class ProfileResolver {
  @Authorized(...POLICY.catalogRead)
  @Query(() => RiskQuestionnaire, { description: 'The risk-profiling questionnaire: questions, options and their points' })
  riskQuestionnaire(): RiskQuestionnaire {
    return {
      version: QUESTIONNAIRE_VERSION, maxScore: MAX_SCORE,
      questions: QUESTIONS.map((q) => ({ ...q, options: q.options.map((o) => ({ id: o.id, text: o.text, points: o.points, maxTolerance: o.maxTolerance ?? null })) })),
    };
  }

  @Authorized(...POLICY.profiling)
  @UseMiddleware(OwnCustomer('userId'))
  @Mutation(() => RiskProfile, {
    description: "Score a completed risk questionnaire and set the customer's risk tolerance, horizon and liquidity need (one transaction); their next recommendations use it",
  })
  async submitRiskQuestionnaire(
    @Arg('userId', () => ID) userId: string,
    @Arg('answers', () => [RiskAnswerInput]) answers: RiskAnswerInput[],
    @Ctx() ctx: Context,
  ): Promise<RiskProfile> {
    const p = await submitRiskQuestionnaire(ctx.db, userId, answers);
    ctx.scoring.invalidate(userId);
    return p;
  }
}

import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LiquidityNeed } from '../common/enums';

@ObjectType('RiskOption', { description: 'One possible answer to a risk question' })
export class RiskOptionType {
  @Field(() => ID) id!: string;
  @Field() text!: string;
  @Field(() => Int, { description: 'Points this answer adds to the score' }) points!: number;
  @Field(() => Int, { nullable: true, description: 'The highest risk tolerance this answer allows, whatever the score (e.g. cannot afford any loss: 2)' })
  maxTolerance!: number | null;
}

@ObjectType('RiskQuestion', { description: 'A question of the risk-profiling questionnaire' })
export class RiskQuestionType {
  @Field(() => ID) id!: string;
  @Field({ description: 'What it assesses: knowledge, experience, horizon, capacity for loss, attitude, objectives, liquidity' }) topic!: string;
  @Field() text!: string;
  @Field(() => [RiskOptionType]) options!: RiskOptionType[];
}

@ObjectType({ description: 'The risk-profiling questionnaire (docs/risk-questionnaire.md): answer every question exactly once' })
export class RiskQuestionnaire {
  @Field() version!: string;
  @Field(() => Int, { description: 'Highest possible score' }) maxScore!: number;
  @Field(() => [RiskQuestionType]) questions!: RiskQuestionType[];
}

@ObjectType({ description: "A customer's risk profile, as set by a completed questionnaire" })
export class RiskProfile {
  @Field(() => ID) userId!: string;
  @Field() questionnaireVersion!: string;
  @Field(() => Int, { description: 'Sum of the answers\' points' }) score!: number;
  @Field(() => Int, { description: 'Risk tolerance 1–7: products of a higher risk level are not recommended' }) riskTolerance!: number;
  @Field(() => Int, { description: 'Months until the customer may need the money: products with a longer term are not recommended' }) investmentHorizonMonths!: number;
  @Field(() => LiquidityNeed) liquidityNeed!: LiquidityNeed;
  @Field() assessedAt!: Date;
}

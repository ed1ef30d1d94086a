import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'The option chosen for one question (ids from Query.riskQuestionnaire)' })
export class RiskAnswerInput {
  @Field(() => ID) questionId!: string;
  @Field(() => ID) optionId!: string;
}

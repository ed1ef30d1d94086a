import { ArgsType, Field, ID, Int } from 'type-graphql';
import { MAX_NEED_FIRST } from '../../needs/needService';
import { PageSize } from '../common/pageSize';

@ArgsType()
export class RecommendForNeedArgs {
  @Field({ description: 'The need in the customer\'s own words, English or Spanish (at most 1,000 characters)' })
  text!: string;

  @Field(() => ID, { nullable: true, description: 'The customer, for their history and profile; omitted: a customer with no history (cold start)' })
  userId?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 5, description: `How many, 1–${MAX_NEED_FIRST}` })
  @PageSize(MAX_NEED_FIRST)
  first?: number | null;
}

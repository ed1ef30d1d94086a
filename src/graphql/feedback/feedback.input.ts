import { Length } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import type { FeedbackInput } from '../../recommend/writes';
import { FeedbackKind } from '../common/enums';
import { IdempotencyKey } from '../common/idempotencyKey';

@InputType({ description: 'Feedback on a product, optionally answering a served list' })
export class SubmitFeedbackInput implements FeedbackInput {
  @Field(() => ID)
  @Length(1, 64)
  userId!: string;

  @Field(() => ID)
  @Length(1, 64)
  productId!: string;

  @Field(() => FeedbackKind)
  kind!: FeedbackKind;

  @Field(() => Float, { nullable: true, description: 'RATING: 1–5' })
  value?: number | null;

  @Field(() => ID, { nullable: true, description: 'Id of the RecommendationList this answers; it must have been served to this user and contain the product' })
  recommendationListId?: string | null;

  @Field(() => String, { nullable: true, description: 'The same key twice for one user is one feedback (keys are per user): a retry with the same feedback returns the stored one and writes nothing; the same key with another feedback is refused' })
  @IdempotencyKey()
  idempotencyKey?: string | null;
}

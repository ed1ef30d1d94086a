import { Field, Float, ID, ObjectType } from 'type-graphql';
import { FeedbackKind } from '../common/enums';

@ObjectType({ description: 'Explicit feedback of a customer on a product' })
export class Feedback {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { name: 'userId' })
  customerId!: string;

  @Field(() => ID)
  productId!: string;

  @Field(() => FeedbackKind)
  kind!: FeedbackKind;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => ID, { nullable: true, description: 'The served list this feedback answers' })
  recommendationListId!: string | null;

  @Field(() => String, { nullable: true })
  idempotencyKey!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class SubmitFeedbackPayload {
  @Field(() => Feedback)
  feedback!: Feedback;

  @Field({ description: 'True when the idempotency key was seen before: the first feedback is returned and nothing was written' })
  replayed!: boolean;
}

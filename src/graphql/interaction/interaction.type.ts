import { Field, Float, ID, ObjectType } from 'type-graphql';
import { InteractionKind } from '../common/enums';

@ObjectType({ description: 'One behavioural event of a customer on a product' })
export class Interaction {
  @Field(() => ID)
  id!: number;

  @Field(() => ID, { name: 'userId' })
  customerId!: string;

  @Field(() => ID)
  productId!: string;

  @Field(() => InteractionKind)
  kind!: InteractionKind;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field()
  occurredAt!: Date;

  @Field({ description: 'Where the event came from: api, feedback, import:santander, …' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'The idempotency key it was recorded with, if any' })
  idempotencyKey!: string | null;
}

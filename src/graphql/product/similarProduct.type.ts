import { Field, Float, ObjectType } from 'type-graphql';
import { Reason } from '../common/reason.type';

@ObjectType({ description: 'A product like another one, with why' })
export class SimilarProduct {
  /** Resolved through the per-request product loader. */
  productId!: string;

  @Field(() => Float)
  score!: number;

  @Field(() => [Reason])
  reasons!: Reason[];
}

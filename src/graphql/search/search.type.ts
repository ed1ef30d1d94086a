import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A product matching a search, with how closely' })
export class ProductMatch {
  /** Resolved through the per-request product loader. */
  productId!: string;

  @Field(() => Float, { description: 'Cosine similarity of the product\'s embedding with the query\'s, −1 – 1 (higher: closer)' })
  score!: number;
}

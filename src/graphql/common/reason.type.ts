import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Why an item was recommended: one signal or rule that made it' })
export class Reason {
  @Field({ description: 'Stable machine-readable code, e.g. SIMILAR_CUSTOMERS' })
  code!: string;

  @Field({ description: 'Plain-language explanation for the customer' })
  text!: string;

  @Field(() => Float, { description: 'Contribution to the score (0 for rules)' })
  weight!: number;
}

import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A model version saved by `npm run train`; the active one scores every list' })
export class ModelVersion {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'What it holds: "ranking" = the learned models (neural ranker, two-tower) and the learned blend weights' })
  kind!: string;

  @Field({ description: 'Training configuration (hyper-parameters, seed), as JSON' })
  params!: string;

  @Field(() => Int, { description: 'Customers in the store when it was trained' })
  dataCustomers!: number;

  @Field(() => Int, { description: 'Training examples (customer-dates with added products)' })
  dataExamples!: number;

  @Field({ description: 'Training metrics (validation MAP@7, epochs, time), as JSON' })
  metrics!: string;

  @Field(() => Float, { nullable: true, description: 'MAP@7 on the validation share of the training customers' })
  validationMap7!: number | null;

  @Field({ description: 'TensorFlow.js backend it was trained on' })
  backend!: string;

  @Field({ description: 'Directory of the saved artifact' })
  artifactPath!: string;

  @Field({ description: 'Whether the server scores with it' })
  active!: boolean;

  @Field()
  createdAt!: Date;
}

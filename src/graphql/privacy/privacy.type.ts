import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'How many rows of each kind FinRec holds about the customer' })
export class ExportTotals {
  @Field(() => Int) interactions!: number;
  @Field(() => Int) feedback!: number;
  @Field(() => Int) recommendationLists!: number;
  @Field(() => Int) riskAssessments!: number;
  @Field(() => Int) apiKeys!: number;
}

@ObjectType({ description: 'Everything FinRec stores about one customer (data-access request)' })
export class CustomerDataExport {
  @Field(() => ID)
  userId!: string;

  @Field()
  exportedAt!: Date;

  @Field(() => Int, { description: 'Version of the layout of `data`' })
  formatVersion!: number;

  @Field(() => ExportTotals, { description: 'Rows held of each kind (the export includes the newest ones up to its limits)' })
  totals!: ExportTotals;

  @Field(() => [String], { description: 'Collections cut to their newest rows: interactions and feedback (10,000), recommendationLists, riskAssessments and apiKeys (1,000)' })
  truncated!: string[];

  @Field(() => GraphQLJSONObject, {
    description: 'profile (as stored, protected attributes included), riskAssessments, interactions, feedback, apiKeys (never the key), recommendationLists with items, exclusions and notices; newest first',
  })
  data!: Record<string, unknown>;
}

@ObjectType({ description: 'What an erasure did: the customer is gone, their served lists are kept under a pseudonym' })
export class CustomerErasure {
  @Field(() => ID, { description: 'The erased customer id (no longer exists)' })
  userId!: string;

  @Field(() => ID, { description: 'The pseudonym (erased-…) that now holds the audit trail' })
  pseudonym!: string;

  @Field()
  erasedAt!: Date;

  @Field(() => Int, { description: 'Served lists kept, re-pointed to the pseudonym' })
  listsKept!: number;

  @Field(() => Int)
  interactionsDeleted!: number;

  @Field(() => Int)
  feedbackDeleted!: number;

  @Field(() => Int)
  riskAssessmentsDeleted!: number;

  @Field(() => Int, { description: 'API keys bound to the customer, revoked' })
  apiKeysRevoked!: number;
}

// The audit record of one served list, as stored (RecommendationList + RecommendationItem rows):
// read-only; nothing in the API changes it.
import { GraphQLJSONObject } from 'graphql-scalars';
import { Min } from 'class-validator';
import { ArgsType, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../common/connection';
import { PageSize } from '../common/pageSize';
import { Notice } from '../common/notice.type';
import { Reason } from '../common/reason.type';

export const MAX_EXCLUSIONS_PAGE = 1000;
export const MAX_AUDITS_PAGE = 20;

@ObjectType({ description: 'One item of an audited list: rank, score and reasons as served' })
export class AuditItem {
  /** Resolved through the per-request product loader. */
  productId!: string;

  @Field(() => Int, { description: '1 = best' })
  rank!: number;

  @Field(() => Float)
  score!: number;

  @Field(() => [Reason], { description: 'The reason codes stored with the item (weight and English text as served)' })
  reasons!: Reason[];
}

@ObjectType({ description: 'A product the suitability gate removed from the list, and the rule that removed it' })
export class AuditExclusion {
  @Field(() => ID)
  productId!: string;

  @Field({ description: 'Code of the rule that excluded it, e.g. RISK_ABOVE_TOLERANCE' })
  rule!: string;

  @Field({ description: "The rule's detail for this customer and product" })
  detail!: string;
}

@ObjectType({ description: 'The stored record of a served list: who, when, by which recommender, rule set and model, what was shown and what was excluded' })
export class RecommendationAudit {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: "The customer it was served to; after erasure, the customer's pseudonym (erased-…)" })
  userId!: string;

  @Field({ description: 'Whether the customer has been erased (userId is then a pseudonym)' })
  customerErased!: boolean;

  @Field({ description: 'When the list was served and logged' })
  servedAt!: Date;

  @Field()
  recommender!: string;

  @Field({ description: "Digest of the recommender's configuration" })
  configHash!: string;

  @Field(() => String, { nullable: true, description: 'The saved model version that scored it; null when every model was fitted in-process' })
  modelVersion!: string | null;

  @Field({ description: 'Version of the suitability rule set that gated it ("" on lists served before rule sets were versioned)' })
  ruleSetVersion!: string;

  @Field(() => GraphQLJSONObject, { description: 'The request as served: first, category; for a need-based list, the need text' })
  request!: Record<string, unknown>;

  @Field(() => [AuditItem])
  items!: AuditItem[];

  /** Every product the gate excluded from the request's candidates, with its rule: served in pages
   *  (AuditResolver.exclusions), as a need-based list over a fund catalog excludes thousands. */
  exclusions!: AuditExclusion[];

  @Field(() => [Notice])
  notices!: Notice[];
}

@ObjectType()
export class RecommendationAuditConnection extends Connection(RecommendationAudit, 'RecommendationAudit') {}

/** A page of an audit record's exclusions, by position (the record never changes, so an offset is stable). */
@ArgsType()
export class ExclusionsArgs {
  @Field(() => Int, { defaultValue: 100, description: `Page size, 1–${MAX_EXCLUSIONS_PAGE}` })
  @PageSize(MAX_EXCLUSIONS_PAGE)
  first!: number;

  @Field(() => Int, { defaultValue: 0, description: 'How many exclusions to skip' })
  @Min(0)
  offset!: number;
}

/** recommendationAudits pages are smaller than other connections: one record may hold hundreds of exclusions. */
@ArgsType()
export class AuditsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 10, description: `Page size, 1–${MAX_AUDITS_PAGE} (null: 10)` })
  @PageSize(MAX_AUDITS_PAGE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the edges after this cursor' })
  after?: string | null;
}

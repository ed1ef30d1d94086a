import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Notice } from '../common/notice.type';
import { Reason } from '../common/reason.type';

@ObjectType({ description: 'One recommended product at its rank' })
export class RecommendationItem {
  /** Resolved through the per-request product loader. */
  productId!: string;

  @Field(() => Int, { description: '1 = best' })
  rank!: number;

  @Field(() => Float)
  score!: number;

  @Field(() => [Reason], { description: 'Which signals and rules made this item' })
  reasons!: Reason[];
}

@ObjectType({ description: 'A served, logged list of recommendations for one customer' })
export class RecommendationList {
  @Field(() => ID, { description: 'Id of the logged list; feedback may refer to it' })
  id!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => [RecommendationItem])
  items!: RecommendationItem[];

  @Field({ description: "Whether the ranking came from the scoring service's cache" })
  cached!: boolean;

  @Field({
    description: 'True when the database was unavailable and this is the list last served for the same request, re-served with its logged id: '
      + 'it may be outdated (e.g. not reflect feedback given since). False normally',
  })
  stale!: boolean;

  @Field({ description: 'When the ranking was computed' })
  generatedAt!: Date;

  @Field({ description: 'When this list was served and logged' })
  servedAt!: Date;

  @Field({ description: 'Name of the recommender (blend) that produced the list' })
  recommender!: string;

  @Field({ description: "Digest of the recommender's configuration" })
  configHash!: string;

  @Field(() => String, { nullable: true, description: 'The saved model version (ModelVersion id) the list was scored with; null when every model was fitted in-process' })
  modelVersion!: string | null;

  @Field(() => Int, { description: 'Products the suitability gate removed (held, dismissed, too risky, not eligible)' })
  excludedCount!: number;

  @Field(() => [Notice], { description: 'What the customer should know about the whole list (e.g. NO_RISK_PROFILE); stored with the list' })
  notices!: Notice[];

  @Field({ description: 'Version of the suitability rule set that gated the list ("" when none was reported); stored with the list' })
  ruleSetVersion!: string;
}

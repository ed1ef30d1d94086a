import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LiquidityNeed, ProductCategory } from '../common/enums';
import { Notice } from '../common/notice.type';
import { RecommendationItem } from '../recommendation/recommendation.type';

export enum RiskAppetite { NONE = 'NONE', LOW = 'LOW', MEDIUM = 'MEDIUM', HIGH = 'HIGH' }
export enum NeedGoal {
  SAVE = 'SAVE', GROW = 'GROW', INCOME = 'INCOME', RETIREMENT = 'RETIREMENT', BUY_HOME = 'BUY_HOME', BORROW = 'BORROW',
  EVERYDAY_BANKING = 'EVERYDAY_BANKING', PAYMENTS_CREDIT = 'PAYMENTS_CREDIT', PROTECTION = 'PROTECTION', EDUCATION = 'EDUCATION',
  CHILD = 'CHILD', TRADE = 'TRADE',
}
registerEnumType(RiskAppetite, { name: 'RiskAppetite', description: 'Risk the customer said they accept; NONE = no capital at risk' });
registerEnumType(NeedGoal, { name: 'NeedGoal', description: 'What the customer wants the money or product for' });

const SOURCE = 'The exact words of the text it was read from';

@ObjectType({ description: 'A number read from the need' })
export class NeedNumber {
  @Field(() => Float) value!: number;
  @Field({ description: SOURCE }) source!: string;
}

@ObjectType({ description: 'A whole number read from the need' })
export class NeedInt {
  @Field(() => Int) value!: number;
  @Field({ description: SOURCE }) source!: string;
}

@ObjectType({ description: 'A text value read from the need (e.g. an ISO currency code)' })
export class NeedText {
  @Field() value!: string;
  @Field({ description: SOURCE }) source!: string;
}

@ObjectType()
export class NeedRisk {
  @Field(() => RiskAppetite) value!: RiskAppetite;
  @Field({ description: SOURCE }) source!: string;
}

@ObjectType()
export class NeedLiquidity {
  @Field(() => LiquidityNeed, { description: 'HIGH: needs access to the money at any time' }) value!: LiquidityNeed;
  @Field({ description: SOURCE }) source!: string;
}

@ObjectType()
export class NeedGoalField {
  @Field(() => NeedGoal) value!: NeedGoal;
  @Field({ description: SOURCE }) source!: string;
}

@ObjectType()
export class NeedCategory {
  @Field(() => ProductCategory) value!: ProductCategory;
  @Field({ description: SOURCE }) source!: string;
}

@ObjectType({ description: 'A contradiction in the need the customer should be told about' })
export class NeedConflict {
  @Field({ description: 'e.g. RETURN_WITHOUT_RISK' }) code!: string;
  @Field() message!: string;
  @Field(() => [String], { description: 'The words that contradict each other' }) sources!: string[];
}

@ObjectType({ description: 'What FinRec understood of a need stated in words; each field carries the words it came from' })
export class ParsedNeed {
  @Field() text!: string;
  @Field({ description: 'en or es' }) language!: string;
  @Field(() => NeedNumber, { nullable: true, description: 'Amount, in `currency` when stated' }) amount!: NeedNumber | null;
  @Field(() => NeedText, { nullable: true, description: 'ISO 4217 code' }) currency!: NeedText | null;
  @Field(() => NeedInt, { nullable: true }) horizonMonths!: NeedInt | null;
  @Field(() => NeedRisk, { nullable: true }) riskAppetite!: NeedRisk | null;
  @Field(() => NeedLiquidity, { nullable: true }) liquidity!: NeedLiquidity | null;
  @Field(() => [NeedGoalField]) goals!: NeedGoalField[];
  @Field(() => [NeedCategory]) wantedCategories!: NeedCategory[];
  @Field(() => [NeedCategory]) unwantedCategories!: NeedCategory[];
  @Field(() => [NeedConflict]) conflicts!: NeedConflict[];
  @Field({ description: '"rules" (built-in) or "llm:<model>"' }) parser!: string;
}

@ObjectType({ description: 'Products for a need stated in words: semantic match, the need\'s constraints, the customer\'s history and the suitability gate' })
export class NeedRecommendation {
  @Field(() => ParsedNeed) need!: ParsedNeed;
  @Field(() => [RecommendationItem]) items!: RecommendationItem[];
  @Field(() => [Notice], { description: 'What the customer should be told: contradictions in the need, limits applied (as on every served list)' }) notices!: Notice[];
  @Field(() => Int, { description: 'Products the suitability gate (profile and need rules) removed' }) excludedCount!: number;
  @Field(() => ID, { nullable: true, description: 'Id of the logged list when userId was given (feedback may refer to it)' }) listId!: string | null;
  @Field() recommender!: string;
  @Field() configHash!: string;
  @Field() servedAt!: Date;
}

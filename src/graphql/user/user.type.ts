// The public view of a customer. Protected attributes (sex, residence, birth country) are not
// part of this type and never leave the store through the API.
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { LiquidityNeed } from '../common/enums';
import { Connection } from '../common/connection';

@ObjectType({ description: 'What the customer told us about their finances; null until known' })
export class FinancialProfile {
  @Field(() => Int, { nullable: true, description: 'Risk tolerance on the SRI scale, 1 (lowest) – 7' })
  riskTolerance!: number | null;

  @Field(() => Int, { nullable: true })
  investmentHorizonMonths!: number | null;

  @Field(() => LiquidityNeed, { nullable: true })
  liquidityNeed!: LiquidityNeed | null;
}

@ObjectType({ description: 'A bank customer' })
export class User {
  @Field(() => ID, { description: "The bank's customer reference" })
  id!: string;

  @Field(() => Int, { nullable: true })
  age!: number | null;

  @Field(() => Float, { nullable: true, description: 'Gross household income, EUR; null when unknown' })
  income!: number | null;

  @Field(() => String, { nullable: true })
  segment!: string | null;

  @Field(() => Int, { nullable: true })
  seniorityMonths!: number | null;

  @Field(() => Boolean, { nullable: true })
  active!: boolean | null;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => Date, { nullable: true })
  joinedAt!: Date | null;

  @Field(() => FinancialProfile)
  financialProfile!: FinancialProfile;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType()
export class UserConnection extends Connection(User, 'User') {}

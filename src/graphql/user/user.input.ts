import { Length, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type { UserInput } from '../../recommend/writes';
import { LiquidityNeed } from '../common/enums';

@InputType({ description: 'Create a customer or update the one with this id. Omitted fields are left unchanged; null clears a field.' })
export class UpsertUserInput implements UserInput {
  @Field(() => ID)
  @Length(1, 64)
  id!: string;

  @Field(() => Int, { nullable: true })
  @Min(0) @Max(130)
  age?: number | null;

  @Field(() => Float, { nullable: true, description: 'Gross household income, EUR' })
  @Min(0)
  income?: number | null;

  @Field(() => String, { nullable: true })
  @Length(1, 60)
  segment?: string | null;

  @Field(() => Int, { nullable: true })
  @Min(0) @Max(1200)
  seniorityMonths?: number | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;

  @Field(() => String, { nullable: true })
  @Length(1, 80)
  region?: string | null;

  @Field(() => Date, { nullable: true })
  joinedAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Risk tolerance on the SRI scale, 1–7' })
  @Min(1) @Max(7)
  riskTolerance?: number | null;

  @Field(() => Int, { nullable: true })
  @Min(0) @Max(1200)
  investmentHorizonMonths?: number | null;

  @Field(() => LiquidityNeed, { nullable: true })
  liquidityNeed?: LiquidityNeed | null;
}

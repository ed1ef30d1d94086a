import { IsNotEmpty, IsNumber, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Field, Float, InputType, Int } from 'type-graphql';
import type { ProductInput } from '../../recommend/writes';
import { ProductCategory } from '../common/enums';

@InputType({ description: 'Create a product (name, category, riskLevel and description required) or update the one with this code. Omitted fields are left unchanged.' })
export class UpsertProductInput implements ProductInput {
  @Field()
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'code must be 1–64 letters, digits, "_", ".", ":" or "-"' })
  code!: string;

  @Field(() => String, { nullable: true })
  @Length(1, 120)
  name?: string | null;

  @Field(() => ProductCategory, { nullable: true })
  category?: ProductCategory | null;

  @Field(() => Int, { nullable: true, description: 'EU PRIIPs SRI, 1–7' })
  @Min(1) @Max(7)
  riskLevel?: number | null;

  @Field(() => Float, { nullable: true })
  @IsNumber() @Min(-10) @Max(100)
  interestRate?: number | null;

  @Field(() => Float, { nullable: true })
  @IsNumber() @Min(0) @Max(100)
  apr?: number | null;

  @Field(() => Float, { nullable: true })
  @Min(0)
  annualFee?: number | null;

  @Field(() => Float, { nullable: true })
  @Min(0) @Max(20)
  managementFeePercent?: number | null;

  @Field(() => Int, { nullable: true })
  @Min(0) @Max(600)
  termMonths?: number | null;

  @Field(() => Int, { nullable: true })
  @Min(0) @Max(130)
  minAge?: number | null;

  @Field(() => Int, { nullable: true })
  @Min(0) @Max(130)
  maxAge?: number | null;

  @Field(() => Float, { nullable: true })
  @Min(0)
  minAmount?: number | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217 code' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a 3-letter ISO 4217 code' })
  currency?: string | null;

  @Field(() => String, { nullable: true })
  @IsNotEmpty() @Length(1, 4000)
  description?: string | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Code of the product line this instrument belongs to (an existing product that is itself a line); null makes the product a line' })
  @IsOptional() @Length(1, 64)
  lineCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Finer category, e.g. "Large Blend"' })
  @IsOptional() @Length(1, 120)
  subcategory?: string | null;

  @Field(() => String, { nullable: true, description: 'Issuer or fund family' })
  @IsOptional() @Length(1, 120)
  issuer?: string | null;

  @Field(() => String, { nullable: true, description: 'ISIN (ISO 6166): 2 letters, 9 letters or digits, 1 check digit' })
  @IsOptional() @Matches(/^[A-Z]{2}[A-Z0-9]{9}[0-9]$/, { message: 'isin must be 12 characters: a 2-letter country code, 9 letters or digits and a check digit' })
  isin?: string | null;
}

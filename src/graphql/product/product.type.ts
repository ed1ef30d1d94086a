import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ProductCategory } from '../common/enums';
import { Connection } from '../common/connection';

@ObjectType({ description: 'A product of the bank catalog' })
export class Product {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Catalog code (Santander: ind_…_ult1)' })
  code!: string;

  @Field()
  name!: string;

  @Field(() => ProductCategory)
  category!: ProductCategory;

  @Field(() => Int, { description: 'EU PRIIPs summary risk indicator, 1 (lowest) – 7' })
  riskLevel!: number;

  @Field(() => Float, { nullable: true, description: 'Annual interest paid to the customer, percent' })
  interestRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Annual percentage rate charged, percent' })
  apr!: number | null;

  @Field(() => Float, { nullable: true })
  annualFee!: number | null;

  @Field(() => Float, { nullable: true, description: 'Ongoing charge of funds and pensions, percent per year' })
  managementFeePercent!: number | null;

  @Field(() => Int, { nullable: true })
  termMonths!: number | null;

  @Field(() => Int, { nullable: true, description: 'Eligibility: minimum age' })
  minAge!: number | null;

  @Field(() => Int, { nullable: true, description: 'Eligibility: maximum age' })
  maxAge!: number | null;

  @Field(() => Float, { nullable: true })
  minAmount!: number | null;

  @Field()
  currency!: string;

  @Field()
  description!: string;

  @Field({ description: 'Inactive products are never recommended' })
  active!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Code of the bank product line this instrument belongs to (an imported fund: the Investment Funds, Pension Plan or Securities Account line); null for a product line itself',
  })
  lineCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Finer category from the source, e.g. "Large Blend", "Liquid", "Corporate Bonds"' })
  subcategory!: string | null;

  @Field(() => String, { nullable: true, description: 'Issuer, fund family or asset manager' })
  issuer!: string | null;

  @Field(() => String, { nullable: true, description: 'ISIN (ISO 6166) of the instrument, when known' })
  isin!: string | null;

  @Field({ description: 'How riskLevel was set: "catalog" (the bank\'s own), "sebi-riskometer", "volatility-3y" (PRIIPs volatility bands), "morningstar-risk", or "category" (a conservative default for the fund\'s asset class)' })
  riskBasis!: string;

  @Field({ description: 'Where the product came from: "catalog" (the bank\'s own lines), "api", or an external catalog ("yahoo-us-etf-2019", "yahoo-us-mf-2021", "india-mf", "financedatabase")' })
  source!: string;
}

@ObjectType()
export class ProductConnection extends Connection(Product, 'Product') {}

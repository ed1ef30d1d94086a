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
}

@ObjectType()
export class ProductConnection extends Connection(Product, 'Product') {}

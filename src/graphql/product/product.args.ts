import { ArgsType, Field, ID, Int } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';
import { ProductCategory } from '../common/enums';
import { PageSize } from '../common/pageSize';

@ArgsType()
export class ProductsArgs extends ConnectionArgs {
  @Field(() => ProductCategory, { nullable: true, description: 'Only products of this category' })
  category?: ProductCategory | null;
}

@ArgsType()
export class SimilarProductsArgs {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int, { nullable: true, defaultValue: 5, description: 'How many, 1–100 (null: 5)' })
  @PageSize()
  first?: number | null;
}

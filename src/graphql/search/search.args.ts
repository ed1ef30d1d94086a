import { ArgsType, Field, Int } from 'type-graphql';
import { ProductCategory } from '../common/enums';
import { PageSize } from '../common/pageSize';

@ArgsType()
export class SearchProductsArgs {
  // Blank and length (≤ 500 characters once trimmed) are checked by the search service.
  @Field({ description: 'What the customer is looking for, in their own words (1–500 characters)' })
  text!: string;

  @Field(() => Int, { nullable: true, defaultValue: 10, description: 'How many, 1–100 (null: 10)' })
  @PageSize()
  first?: number | null;

  @Field(() => ProductCategory, { nullable: true, description: 'Only products of this category' })
  category?: ProductCategory | null;
}

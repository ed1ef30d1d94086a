import { ArgsType, Field, ID, Int } from 'type-graphql';
import { ProductCategory } from '../common/enums';
import { PageSize } from '../common/pageSize';

@ArgsType()
export class RecommendationsArgs {
  @Field(() => ID)
  userId!: string;

  @Field(() => Int, { nullable: true, defaultValue: 7, description: 'How many, 1–100 (null: 7)' })
  @PageSize()
  first?: number | null;

  @Field(() => ProductCategory, { nullable: true, description: 'Only products of this category' })
  category?: ProductCategory | null;
}

import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { loadProduct, type Context } from '../context';
import { Product } from '../product/product.type';
import { RecommendationsArgs } from './recommendation.args';
import { RecommendationItem, RecommendationList } from './recommendation.type';

@Resolver(() => RecommendationList)
export class RecommendationResolver {
  @Query(() => RecommendationList, { description: "The customer's Top-N suitable products, with reasons; every served list is logged" })
  async recommendations(@Args() { userId, first, category }: RecommendationsArgs, @Ctx() ctx: Context): Promise<RecommendationList> {
    const { list, cached } = await ctx.loaders.recommendations.load({ customerId: userId, first, category });
    return { ...list, cached };
  }
}

@Resolver(() => RecommendationItem)
export class RecommendationItemResolver {
  @FieldResolver(() => Product)
  product(@Root() item: RecommendationItem, @Ctx() ctx: Context) {
    return loadProduct(ctx, item.productId);
  }
}

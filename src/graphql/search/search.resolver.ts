import { Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { POLICY } from '../../auth/policy';
import { loadProduct, type Context } from '../context';
import { Product } from '../product/product.type';
import { SearchProductsArgs } from './search.args';
import { ProductMatch } from './search.type';

@Resolver()
export class SearchResolver {
  @Authorized(...POLICY.catalogRead)
  @Query(() => [ProductMatch], { description: 'Active products closest in meaning to a free-text need (semantic search over product embeddings), best first' })
  async searchProducts(@Args() { text, first, category }: SearchProductsArgs, @Ctx() ctx: Context): Promise<ProductMatch[]> {
    const hits = await ctx.search.search(text, { first, category });
    return hits.map((h) => ({ productId: h.product.id, score: h.score }));
  }
}

@Resolver(() => ProductMatch)
export class ProductMatchResolver {
  @FieldResolver(() => Product)
  product(@Root() match: ProductMatch, @Ctx() ctx: Context) {
    return loadProduct(ctx, match.productId);
  }
}

import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { POLICY } from '../../auth/policy';
import { upsertProduct } from '../../search/catalogWrites';
import { loadProduct, type Context } from '../context';
import { ProductsArgs, SimilarProductsArgs } from './product.args';
import { UpsertProductInput } from './product.input';
import { Product, ProductConnection } from './product.type';
import { SimilarProduct } from './similarProduct.type';

@Resolver(() => Product)
export class ProductResolver {
  @Authorized(...POLICY.catalogRead)
  @Query(() => ProductConnection, { description: 'The catalog, ordered by code' })
  products(@Args() args: ProductsArgs, @Ctx() ctx: Context) {
    return ctx.products.list(args);
  }

  @Authorized(...POLICY.catalogRead)
  @Query(() => Product, { nullable: true, description: 'A product by id; null when there is none' })
  product(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.loaders.product.load(id);
  }

  @Authorized(...POLICY.catalogRead)
  @Query(() => [SimilarProduct], { description: 'Products most like this one (co-ownership and content), never itself' })
  similarProducts(@Args() { productId, first }: SimilarProductsArgs, @Ctx() ctx: Context) {
    return ctx.scoring.similarProducts(productId, first);
  }

  @Authorized(...POLICY.catalogWrite)
  @Mutation(() => Product, { description: 'Create or update a catalog product; every cached recommendation is recomputed, and the product is searchable (re-embedded) when this returns' })
  upsertProduct(@Arg('input') input: UpsertProductInput, @Ctx() ctx: Context) {
    return upsertProduct(ctx, input);
  }
}

@Resolver(() => SimilarProduct)
export class SimilarProductResolver {
  @FieldResolver(() => Product)
  product(@Root() similar: SimilarProduct, @Ctx() ctx: Context) {
    return loadProduct(ctx, similar.productId);
  }
}

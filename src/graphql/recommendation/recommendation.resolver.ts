import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { OwnCustomer } from '../../auth/guard';
import { POLICY } from '../../auth/policy';
import type { Explanation } from '../../explain/explainer';
import type { Reason as ReasonData } from '../../recommend/types';
import { Language, toExplainLanguage } from '../common/language';
import { Reason } from '../common/reason.type';
import { loadProduct, type Context } from '../context';
import { Product } from '../product/product.type';
import { RecommendationsArgs } from './recommendation.args';
import { RecommendationItem, RecommendationList } from './recommendation.type';

@Resolver(() => RecommendationList)
export class RecommendationResolver {
  @Authorized(...POLICY.customerRead)
  @UseMiddleware(OwnCustomer('userId'))
  @Query(() => RecommendationList, { description: "The customer's Top-N suitable products, with reasons; every served list is logged" })
  async recommendations(@Args() { userId, first, category }: RecommendationsArgs, @Ctx() ctx: Context): Promise<RecommendationList> {
    const { list, cached, stale } = await ctx.loaders.recommendations.load({ customerId: userId, first, category });
    return { ...list, cached, stale: stale === true };
  }
}

/**
 * The explanation of any recommended item (a list item, a need-based item …): its product, loaded
 * through the request's loader, and its reasons, explained by the services' Explainer.
 */
export async function explainItem(ctx: Context, productId: string, reasons: readonly ReasonData[], language: Language | null): Promise<Explanation> {
  const product = await loadProduct(ctx, productId);
  return ctx.explainer.explain({ product, reasons }, toExplainLanguage(language));
}

/** An item's reasons with its product's facts attached, so Reason.text can be rendered in any language. */
export async function reasonsWithProduct(ctx: Context, productId: string, reasons: readonly ReasonData[]): Promise<Reason[]> {
  const product = await loadProduct(ctx, productId);
  return reasons.map((r) => ({ ...r, product }));
}

@Resolver(() => RecommendationItem)
export class RecommendationItemResolver {
  @FieldResolver(() => Product)
  product(@Root() item: RecommendationItem, @Ctx() ctx: Context) {
    return loadProduct(ctx, item.productId);
  }

  @FieldResolver(() => [Reason])
  reasons(@Root() item: RecommendationItem, @Ctx() ctx: Context): Promise<Reason[]> {
    return reasonsWithProduct(ctx, item.productId, item.reasons);
  }

  @FieldResolver(() => String, {
    description: 'Why this item is suggested, in one or two plain sentences built only from its reasons (LLM-written when configured and checked, else a template)',
  })
  async explanation(
    @Root() item: RecommendationItem,
    @Arg('language', () => Language, { nullable: true, defaultValue: Language.EN }) language: Language | null,
    @Ctx() ctx: Context,
  ): Promise<string> {
    return (await explainItem(ctx, item.productId, item.reasons, language)).text;
  }
}

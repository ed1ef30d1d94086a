import { Args, Authorized, Ctx, Query, Resolver, UseMiddleware } from 'type-graphql';
import { OwnCustomer } from '../../auth/guard';
import { POLICY } from '../../auth/policy';
import type { Context } from '../context';
import { RecommendForNeedArgs } from './need.args';
import { NeedRecommendation } from './need.type';

@Resolver(() => NeedRecommendation)
export class NeedResolver {
  // userId is optional: a CUSTOMER key may omit it (an anonymous need) but may name only itself.
  @Authorized(...POLICY.customerRead)
  @UseMiddleware(OwnCustomer('userId'))
  @Query(() => NeedRecommendation, { description: 'Products for a need in the customer\'s own words ("a safe place for 50k for two years"), with the parsed need and reasons; logged when userId is given' })
  recommendForNeed(@Args() args: RecommendForNeedArgs, @Ctx() ctx: Context): Promise<NeedRecommendation> {
    return ctx.needs.recommend(args) as Promise<NeedRecommendation>;
  }
}

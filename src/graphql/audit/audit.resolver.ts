import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { OwnCustomer } from '../../auth/guard';
import { POLICY } from '../../auth/policy';
import { Reason } from '../common/reason.type';
import { loadProduct, type Context } from '../context';
import { Product } from '../product/product.type';
import { reasonsWithProduct } from '../recommendation/recommendation.resolver';
import { AuditService } from './audit.service';
import { AuditExclusion, AuditItem, AuditsArgs, ExclusionsArgs, RecommendationAudit, RecommendationAuditConnection } from './audit.type';

@Resolver(() => RecommendationAudit)
export class AuditResolver {
  @Authorized(...POLICY.audit)
  @Query(() => RecommendationAudit, { nullable: true, description: 'The stored audit record of a served list (recommendations or recommendForNeed); null when there is none' })
  recommendationAudit(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<RecommendationAudit | null> {
    return new AuditService(ctx.db).byId(id);
  }

  @Authorized(...POLICY.audit)
  @UseMiddleware(OwnCustomer('userId'))
  @Query(() => RecommendationAuditConnection, { description: "A customer's (or an erased customer's pseudonym's) served lists, newest first" })
  recommendationAudits(@Arg('userId', () => ID) userId: string, @Args() page: AuditsArgs, @Ctx() ctx: Context) {
    return new AuditService(ctx.db).ofCustomer(userId, page);
  }

  @FieldResolver(() => [AuditExclusion], { description: "Products the gate excluded from the request's candidates, with the rule that excluded each, in pages (see exclusionCount)" })
  exclusions(@Root() audit: RecommendationAudit, @Args() { first, offset }: ExclusionsArgs): AuditExclusion[] {
    return audit.exclusions.slice(offset, offset + first);
  }

  @FieldResolver(() => Int, { description: 'How many products the gate excluded in all' })
  exclusionCount(@Root() audit: RecommendationAudit): number {
    return audit.exclusions.length;
  }
}

@Resolver(() => AuditItem)
export class AuditItemResolver {
  @FieldResolver(() => Product)
  product(@Root() item: AuditItem, @Ctx() ctx: Context) {
    return loadProduct(ctx, item.productId);
  }

  @FieldResolver(() => [Reason])
  reasons(@Root() item: AuditItem, @Ctx() ctx: Context): Promise<Reason[]> {
    return reasonsWithProduct(ctx, item.productId, item.reasons);
  }
}

@Resolver(() => AuditExclusion)
export class AuditExclusionResolver {
  @FieldResolver(() => Product, { description: 'The excluded product' })
  product(@Root() x: AuditExclusion, @Ctx() ctx: Context) {
    return loadProduct(ctx, x.productId);
  }
}

import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root, UseMiddleware } from 'type-graphql';
import { OwnCustomer } from '../../auth/guard';
import { POLICY } from '../../auth/policy';
import { loadProduct, type Context } from '../context';
import { Product } from '../product/product.type';
import { SubmitFeedbackInput } from './feedback.input';
import { Feedback, SubmitFeedbackPayload } from './feedback.type';

@Resolver(() => Feedback)
export class FeedbackResolver {
  @Authorized(...POLICY.events)
  @UseMiddleware(OwnCustomer('input.userId'))
  @Mutation(() => SubmitFeedbackPayload, {
    description: 'Store feedback and the matching interaction in one transaction; a DISMISS or PURCHASE shows in the next recommendations',
  })
  submitFeedback(@Arg('input') input: SubmitFeedbackInput, @Ctx() ctx: Context) {
    return ctx.scoring.submitFeedback(input);
  }

  @FieldResolver(() => Product)
  product(@Root() feedback: Feedback, @Ctx() ctx: Context) {
    return loadProduct(ctx, feedback.productId);
  }
}

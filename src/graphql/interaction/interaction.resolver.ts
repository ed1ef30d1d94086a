import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root, UseMiddleware } from 'type-graphql';
import { OwnCustomer } from '../../auth/guard';
import { POLICY } from '../../auth/policy';
import { loadProduct, type Context } from '../context';
import { Product } from '../product/product.type';
import { RecordInteractionInput } from './interaction.input';
import { Interaction } from './interaction.type';

@Resolver(() => Interaction)
export class InteractionResolver {
  @Authorized(...POLICY.events)
  @UseMiddleware(OwnCustomer('input.userId'))
  @Mutation(() => Interaction, { description: "Record a behavioural event; the customer's recommendations are recomputed" })
  recordInteraction(@Arg('input') input: RecordInteractionInput, @Ctx() ctx: Context) {
    return ctx.scoring.recordInteraction(input);
  }

  @FieldResolver(() => Product)
  product(@Root() interaction: Interaction, @Ctx() ctx: Context) {
    return loadProduct(ctx, interaction.productId);
  }
}

import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { OwnCustomer } from '../../auth/guard';
import { POLICY } from '../../auth/policy';
import { loadProduct, type Context } from '../context';
import { Product } from '../product/product.type';
import { UsersArgs } from './user.args';
import { UpsertUserInput } from './user.input';
import { toUser } from './user.service';
import { User, UserConnection } from './user.type';

@Resolver(() => User)
export class UserResolver {
  @Authorized(...POLICY.customerRead)
  @UseMiddleware(OwnCustomer('id'))
  @Query(() => User, { nullable: true, description: 'A customer by id; null when there is none' })
  user(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.users.byId(id);
  }

  @Authorized(...POLICY.customerList)
  @Query(() => UserConnection, { description: 'Customers, ordered by id' })
  users(@Args() args: UsersArgs, @Ctx() ctx: Context) {
    return ctx.users.list(args);
  }

  @Authorized(...POLICY.admin)
  @Mutation(() => User, { description: "Create or update a customer's profile and financial profile" })
  async upsertUser(@Arg('input') input: UpsertUserInput, @Ctx() ctx: Context) {
    return toUser(await ctx.scoring.upsertUser(input));
  }

  @FieldResolver(() => [Product], { description: 'Products the customer holds now, by code' })
  async holdings(@Root() user: User, @Ctx() ctx: Context) {
    const state = await ctx.loaders.customerState.load(user.id);
    const products = await Promise.all([...(state?.held ?? [])].map((id) => loadProduct(ctx, id)));
    return products.sort((a, b) => a.code.localeCompare(b.code));
  }
}

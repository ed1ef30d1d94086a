import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { keyResolverFor } from '../../auth/keyResolver';
import { createApiKey, listApiKeys, revokeApiKey } from '../../auth/keys';
import { POLICY } from '../../auth/policy';
import type { Context } from '../context';
import { CreateApiKeyInput } from './apiKey.input';
import { ApiKey, CreateApiKeyPayload } from './apiKey.type';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized(...POLICY.admin)
  @Query(() => [ApiKey], { description: 'Every API key, newest first (revoked ones too)' })
  apiKeys(@Ctx() ctx: Context): Promise<ApiKey[]> {
    return listApiKeys(ctx.db);
  }

  @Authorized(...POLICY.admin)
  @Mutation(() => CreateApiKeyPayload, { description: 'Create an API key; its secret is in this answer only' })
  async createApiKey(@Arg('input') input: CreateApiKeyInput, @Ctx() ctx: Context): Promise<CreateApiKeyPayload> {
    const { secret, key } = await createApiKey(ctx.db, { name: input.name, role: input.role, customerId: input.userId ?? null });
    return { secret, apiKey: key };
  }

  @Authorized(...POLICY.admin)
  @Mutation(() => ApiKey, { description: 'Revoke an API key: it fails UNAUTHENTICATED from the next request on (revoking twice changes nothing)' })
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ApiKey> {
    const key = await revokeApiKey(ctx.db, id);
    keyResolverFor(ctx.db).forgetAll();
    return key;
  }
}

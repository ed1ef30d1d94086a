import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { POLICY } from '../../auth/policy';
import type { ModelVersionInfo } from '../../train/modelVersions';
import type { Context } from '../context';
import { ModelVersion } from './modelVersion.type';

function toModelVersion(v: ModelVersionInfo): ModelVersion {
  let validationMap7: number | null = null;
  try {
    const m = JSON.parse(v.metrics) as { validationMap7?: unknown };
    if (typeof m.validationMap7 === 'number') validationMap7 = m.validationMap7;
  } catch { /* metrics stay readable as text */ }
  return { ...v, validationMap7 };
}

@Resolver(() => ModelVersion)
export class ModelVersionResolver {
  @Authorized(...POLICY.admin)
  @Query(() => [ModelVersion], { description: 'Every saved model version, newest first' })
  async modelVersions(@Ctx() ctx: Context): Promise<ModelVersion[]> {
    return (await ctx.scoring.modelVersions()).map(toModelVersion);
  }

  @Authorized(...POLICY.admin)
  @Mutation(() => ModelVersion, {
    description: 'Score with this saved model version from now on (or roll back to an older one): the engine is swapped without restart and the Top-N cache cleared',
  })
  async activateModelVersion(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ModelVersion> {
    return toModelVersion(await ctx.scoring.activateModelVersion(id));
  }
}

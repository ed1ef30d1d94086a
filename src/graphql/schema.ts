// The GraphQL schema, built from the resolver classes (type-graphql). `schema.graphql` at the
// repository root is printed from this (npm run schema) and checked in CI.
import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from '../auth/guard';
import { ApiKeyResolver } from './apiKey/apiKey.resolver';
import { AuditExclusionResolver, AuditItemResolver, AuditResolver } from './audit/audit.resolver';
import { FeedbackResolver } from './feedback/feedback.resolver';
import { guardRootArguments } from './inputGuard';
import { IngestResolver } from './interaction/ingest.resolver';
import { InteractionResolver } from './interaction/interaction.resolver';
import { ModelVersionResolver } from './model/modelVersion.resolver';
import { NeedResolver } from './need/need.resolver';
import { PrivacyResolver } from './privacy/privacy.resolver';
import { ProductResolver, SimilarProductResolver } from './product/product.resolver';
import { ProfileResolver } from './profile/profile.resolver';
import { RecommendationItemResolver, RecommendationResolver } from './recommendation/recommendation.resolver';
import { ProductMatchResolver, SearchResolver } from './search/search.resolver';
import { UserResolver } from './user/user.resolver';

export const resolvers = [
  UserResolver, ProductResolver, SimilarProductResolver, RecommendationResolver, RecommendationItemResolver,
  InteractionResolver, IngestResolver, FeedbackResolver, ModelVersionResolver, SearchResolver, ProductMatchResolver, NeedResolver,
  ApiKeyResolver,
  AuditResolver, AuditItemResolver, AuditExclusionResolver, PrivacyResolver,
  ProfileResolver,
] as const;

let built: Promise<GraphQLSchema> | null = null;

/** The schema; built once per process (type-graphql metadata is global). */
export function finrecSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    // class-validator on every input and args class; unknown values are GraphQL's job.
    validate: { forbidUnknownValues: false },
  }).then(guardRootArguments);
  return built;
}

const HEADER = '# FinRec GraphQL schema — generated from src/graphql by `npm run schema`; do not edit.\n\n';

/** The schema as committed in schema.graphql: sorted, so the file changes only when the API does. */
export async function printFinrecSchema(): Promise<string> {
  return HEADER + printSchema(lexicographicSortSchema(await finrecSchema()));
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GraphQLInputObjectType, GraphQLObjectType } from 'graphql';
import { finrecSchema, printFinrecSchema } from '../../src/graphql/schema';

describe('schema.graphql', () => {
  it('is the schema built from the code (run `npm run schema` after changing src/graphql)', async () => {
    const committed = readFileSync(path.join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
    expect(committed).toBe(await printFinrecSchema());
  });

  it('keeps the contract names and signatures front ends depend on', async () => {
    const schema = await finrecSchema();
    const signature = (type: 'Query' | 'Mutation', field: string) => {
      const f = (type === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields()[field];
      const args = f.args.map((a) => `${a.name}: ${a.type}${a.defaultValue === undefined ? '' : ` = ${a.defaultValue}`}`).sort();
      return `${field}(${args.join(', ')}): ${f.type}`;
    };
    expect(signature('Query', 'user')).toBe('user(id: ID!): User');
    expect(signature('Query', 'users')).toBe('users(after: String, first: Int = 20): UserConnection!');
    expect(signature('Query', 'products')).toBe('products(after: String, category: ProductCategory, first: Int = 20): ProductConnection!');
    expect(signature('Query', 'recommendations')).toBe('recommendations(category: ProductCategory, first: Int = 7, userId: ID!): RecommendationList!');
    expect(signature('Query', 'similarProducts')).toBe('similarProducts(first: Int = 5, productId: ID!): [SimilarProduct!]!');
    expect(signature('Mutation', 'recordInteraction')).toMatch(/^recordInteraction\(input: RecordInteractionInput!\)/);
    expect(signature('Mutation', 'submitFeedback')).toMatch(/^submitFeedback\(input: SubmitFeedbackInput!\)/);
    expect(signature('Mutation', 'upsertUser')).toMatch(/^upsertUser\(input: UpsertUserInput!\)/);
    expect(signature('Mutation', 'upsertProduct')).toMatch(/^upsertProduct\(input: UpsertProductInput!\)/);
    const feedbackInput = Object.keys((schema.getType('SubmitFeedbackInput') as GraphQLInputObjectType).getFields()).sort();
    expect(feedbackInput).toEqual(['idempotencyKey', 'kind', 'productId', 'recommendationListId', 'userId', 'value']);
    const list = Object.keys((schema.getType('RecommendationList') as GraphQLObjectType).getFields());
    expect(list).toEqual(expect.arrayContaining(['id', 'userId', 'items', 'cached', 'generatedAt', 'recommender']));
    const item = Object.keys((schema.getType('RecommendationItem') as GraphQLObjectType).getFields());
    expect(item).toEqual(expect.arrayContaining(['rank', 'score', 'product', 'reasons']));
  });
});

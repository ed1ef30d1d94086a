// What a cached list must never keep: a product deactivated or made riskier by upsertProduct, or
// riskier than a customer's newly lowered risk tolerance. Each change shows in the very next
// `recommendations` over HTTP, for customers whose lists were cached before the change.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Api } from '../helpers/api';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { customerId, seedSmallBank } from '../helpers/smallBank';

const RECS = 'query($u: ID!) { recommendations(userId: $u, first: 24) { cached items { product { code riskLevel } } } }';
const codes = (r: any): string[] => r.data.recommendations.items.map((i: { product: { code: string } }) => i.product.code);

describe.each(backends)('no stale product in a cached list (%s)', (provider) => {
  let t: TestDb;
  let api: Api;
  beforeAll(async () => {
    t = await createTestDb(provider);
    await seedSmallBank(t.db);
    api = await startApi(t.db);
  });
  afterAll(async () => {
    await api?.stop();
    await t?.close();
  });

  it('a deactivated product leaves every cached list at once', async () => {
    const users = [1, 2, 3, 5, 7].map(customerId);
    const first = await Promise.all(users.map((u) => api.gql(RECS, { u })));
    const target = codes(first[0])[0];
    expect((await api.gql(RECS, { u: users[0] })).data.recommendations.cached).toBe(true);
    const up = await api.gql('mutation($c: String!) { upsertProduct(input: { code: $c, active: false }) { active } }', { c: target });
    expect(up.data.upsertProduct.active).toBe(false);
    for (const u of users) expect(codes(await api.gql(RECS, { u }))).not.toContain(target);
  });

  it('a product made riskier than a customer tolerates leaves that customer\'s cached list at once', async () => {
    const u = customerId(9); // risk tolerance 3 in the small bank
    await api.gql('mutation($u: ID!) { upsertUser(input: { id: $u, riskTolerance: 3 }) { id } }', { u });
    const before = await api.gql(RECS, { u });
    const target = before.data.recommendations.items.find((i: { product: { riskLevel: number } }) => i.product.riskLevel <= 3).product.code;
    await api.gql(RECS, { u }); // cached now
    await api.gql('mutation($c: String!) { upsertProduct(input: { code: $c, riskLevel: 6 }) { riskLevel } }', { c: target });
    expect(codes(await api.gql(RECS, { u }))).not.toContain(target);
  });

  it('a lowered risk tolerance removes every riskier product from the next list', async () => {
    const u = customerId(13);
    await api.gql('mutation($u: ID!) { upsertUser(input: { id: $u, riskTolerance: 7 }) { id } }', { u });
    const wide = await api.gql(RECS, { u });
    expect(Math.max(...wide.data.recommendations.items.map((i: { product: { riskLevel: number } }) => i.product.riskLevel))).toBeGreaterThan(1);
    await api.gql('mutation($u: ID!) { upsertUser(input: { id: $u, riskTolerance: 1 }) { id } }', { u });
    const narrow = await api.gql(RECS, { u });
    expect(narrow.data.recommendations.cached).toBe(false);
    expect(narrow.data.recommendations.items.length).toBeGreaterThan(0);
    for (const i of narrow.data.recommendations.items) expect(i.product.riskLevel).toBeLessThanOrEqual(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { countingDb, startApi, type Api } from '../helpers/api';
import { CUSTOMERS, customerId, seedSmallBank } from '../helpers/smallBank';

describe.each(backends)('batched store access over HTTP (%s)', (provider) => {
  let t: TestDb;
  let api: Api;
  let counter: ReturnType<typeof countingDb>;

  beforeAll(async () => {
    t = await createTestDb(provider);
    await seedSmallBank(t.db);
    counter = countingDb(t.db);
    api = await startApi(counter.db);
  });
  afterAll(async () => {
    await api?.stop();
    await t?.close();
  });

  it('resolves the products of 100 recommendation lists (aliases) with a bounded number of queries', async () => {
    const fields = Array.from({ length: 100 }, (_, i) => {
      const user = customerId((i % CUSTOMERS) + 1);
      const first = 1 + Math.floor(i / CUSTOMERS); // 40 customers × up to 3 variants
      return `l${i}: recommendations(userId: "${user}", first: ${first}) { id items { rank product { id code name category riskLevel } } }`;
    });
    counter.counts.clear();
    const res = await api.gql(`{ ${fields.join('\n')} }`);
    expect(res.errors).toBeUndefined();
    const lists = Object.values(res.data as Record<string, { id: string; items: { product: { id: string } }[] }>);
    expect(lists).toHaveLength(100);
    const items = lists.flatMap((l) => l.items);
    expect(items.length).toBeGreaterThanOrEqual(100);
    expect(items.every((i) => typeof i.product.id === 'string')).toBe(true);
    expect(new Set(lists.map((l) => l.id)).size).toBe(100);
    // Products: one batched query for the whole response, not one per item or per list.
    expect(counter.total('Product.')).toBe(1);
    // And the whole request: customers + interactions (one state load), lists + items (one write), products.
    expect(counter.total()).toBeLessThanOrEqual(6);
  });

  it('batches holdings of a page of users the same way', async () => {
    counter.counts.clear();
    const res = await api.gql('{ users(first: 40) { edges { node { id holdings { code } } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.users.edges).toHaveLength(40);
    expect(res.data.users.edges[0].node.holdings.length).toBeGreaterThan(0);
    expect(counter.total('Product.')).toBe(1);
    expect(counter.total()).toBeLessThanOrEqual(4);
  });
});

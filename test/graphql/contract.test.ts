import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db';
import { startApi, type Api } from '../helpers/api';
import { CUSTOMERS, customerId, holdingsOf, seedSmallBank, type SmallBank } from '../helpers/smallBank';

const LIST = `id userId cached generatedAt recommender excludedCount
  items { rank score product { id code name category riskLevel } reasons { code text } }`;

describe('GraphQL contract over HTTP (SQLite file)', () => {
  let t: TestDb;
  let bank: SmallBank;
  let api: Api;

  beforeAll(async () => {
    t = await createTestDb('sqlite');
    bank = await seedSmallBank(t.db);
    api = await startApi(t.db);
  });
  afterAll(async () => {
    await api?.stop();
    await t?.close();
  });

  it('serves /graphql on 127.0.0.1, /health, and 404 elsewhere', async () => {
    expect(api.app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const base = api.app.url.replace(/\/graphql$/, '');
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', engine: { name: expect.any(String) } });
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });

  it('offers the Apollo Sandbox landing page in development', async () => {
    const res = await fetch(api.app.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/sandbox/i);
  });

  it('pages users as a Relay connection with opaque cursors', async () => {
    const q = 'query($after: String) { users(first: 15, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }';
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res = await api.gql(q, { after });
      expect(res.errors).toBeUndefined();
      const { edges, pageInfo } = res.data.users;
      seen.push(...edges.map((e: { node: { id: string } }) => e.node.id));
      expect(pageInfo.endCursor).toBe(edges.at(-1).cursor);
      expect(edges[0].cursor).not.toContain(edges[0].node.id); // opaque
      pages++;
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(bank.customerIds);
    const dflt = await api.gql('{ users { edges { node { id } } } }');
    expect(dflt.data.users.edges).toHaveLength(20);
    const explicitNull = await api.gql('query($n: Int) { users(first: $n) { edges { node { id } } } }', { n: null });
    expect(explicitNull.data.users.edges).toHaveLength(20);
  });

  it('rejects a page size over 100 and a forged cursor with BAD_USER_INPUT naming the argument', async () => {
    const big = await api.gql('{ users(first: 101) { edges { cursor } } }');
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(big.errors?.[0].message).toMatch(/100/);
    const forged = await api.gql('query($a: String) { products(after: $a) { edges { cursor } } }', { a: Buffer.from('user:c001').toString('base64') });
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('pages products by category', async () => {
    const res = await api.gql('{ products(first: 3, category: ACCOUNT) { edges { node { code category } } pageInfo { hasNextPage } } }');
    expect(res.data.products.edges).toHaveLength(3);
    expect(res.data.products.edges.every((e: { node: { category: string } }) => e.node.category === 'ACCOUNT')).toBe(true);
    expect(res.data.products.pageInfo.hasNextPage).toBe(true);
    const all = await api.gql('{ products(first: 100) { edges { node { code } } pageInfo { hasNextPage endCursor } } }');
    expect(all.data.products.edges).toHaveLength(24);
    expect(all.data.products.pageInfo.hasNextPage).toBe(false);
  });

  it('shows a user with profile, financial profile and current holdings — and no protected attributes', async () => {
    const res = await api.gql('query($id: ID!) { user(id: $id) { id age segment financialProfile { riskTolerance liquidityNeed } holdings { code } } }', { id: customerId(20) });
    expect(res.data.user).toMatchObject({ id: customerId(20), financialProfile: { riskTolerance: 7, liquidityNeed: null } });
    expect(res.data.user.holdings.map((p: { code: string }) => p.code).sort()).toEqual(holdingsOf(20).sort());
    expect((await api.gql('{ user(id: "nobody") { id } }')).data.user).toBeNull();
    const fields = await api.gql('{ __type(name: "User") { fields { name } } }');
    const names = fields.data.__type.fields.map((f: { name: string }) => f.name);
    expect(names).not.toEqual(expect.arrayContaining(['sex']));
    for (const hidden of ['sex', 'residenceCountry', 'foreignBorn']) expect(names).not.toContain(hidden);
    const asked = await api.gql(`{ user(id: "${customerId(1)}") { sex } }`);
    expect(asked.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('recommends with the contract shape, default first = 7, and says when the list came from the cache', async () => {
    const q = `query($u: ID!) { recommendations(userId: $u) { ${LIST} } }`;
    const a = await api.gql(q, { u: customerId(21) });
    expect(a.errors).toBeUndefined();
    const list = a.data.recommendations;
    expect(list).toMatchObject({ userId: customerId(21), cached: false, recommender: expect.any(String) });
    expect(list.items).toHaveLength(7);
    expect(list.items.map((i: { rank: number }) => i.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(list.items[0].reasons[0]).toEqual({ code: expect.any(String), text: expect.any(String) });
    expect(new Date(list.generatedAt).toString()).not.toBe('Invalid Date');
    const held = new Set(holdingsOf(21).map((c) => bank.productIds.get(c)));
    expect(list.items.some((i: { product: { id: string } }) => held.has(i.product.id))).toBe(false);
    const b = await api.gql(q, { u: customerId(21) });
    expect(b.data.recommendations).toMatchObject({ id: list.id, cached: true });
  });

  it('filters recommendations by category', async () => {
    const res = await api.gql(`{ recommendations(userId: "${customerId(22)}", first: 3, category: DEPOSIT) { items { product { category } } } }`);
    expect(res.data.recommendations.items.length).toBeGreaterThan(0);
    expect(res.data.recommendations.items.every((i: { product: { category: string } }) => i.product.category === 'DEPOSIT')).toBe(true);
  });

  it('answers an unknown user, an unknown product and out-of-range sizes with coded errors', async () => {
    const nf = await api.gql('{ recommendations(userId: "nobody") { id } }');
    expect(nf.errors?.[0]).toMatchObject({ path: ['recommendations'], extensions: { code: 'NOT_FOUND', field: 'userId' } });
    const big = await api.gql(`{ recommendations(userId: "${customerId(1)}", first: 500) { id } }`);
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const sim = await api.gql('{ similarProducts(productId: "nothing") { score } }');
    expect(sim.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'productId' });
    const enumBad = await api.gql(`{ recommendations(userId: "${customerId(1)}", category: GOLD) { id } }`);
    expect(enumBad.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('lists similar products, never the product itself', async () => {
    const card = bank.productIds.get('ind_tjcr_fin_ult1')!;
    const res = await api.gql('query($p: ID!) { similarProducts(productId: $p, first: 4) { score product { id code } reasons { code text } } }', { p: card });
    expect(res.errors).toBeUndefined();
    expect(res.data.similarProducts).toHaveLength(4);
    expect(res.data.similarProducts.map((s: { product: { id: string } }) => s.product.id)).not.toContain(card);
  });

  it('has as many users as were seeded', async () => {
    const res = await api.gql('{ users(first: 100) { edges { node { id } } } }');
    expect(res.data.users.edges).toHaveLength(CUSTOMERS);
  });
});

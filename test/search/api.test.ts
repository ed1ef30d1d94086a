// searchProducts over real HTTP: matches resolved to products, bad input named by field, a product
// written through upsertProduct searchable as soon as the mutation returns, and an embedding
// provider that is down (the real HTTP provider on a closed port) reported as SERVICE_UNAVAILABLE
// while recommendations keep being served.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Api } from '../helpers/api';
import { createTestDb, type TestDb } from '../helpers/db';
import { customerId, seedSmallBank } from '../helpers/smallBank';

const SEARCH = `query($text: String!, $first: Int, $category: ProductCategory) {
  searchProducts(text: $text, first: $first, category: $category) { score product { code name category active } } }`;
const UPSERT = 'mutation($input: UpsertProductInput!) { upsertProduct(input: $input) { id code } }';
const RECS = 'query($u: ID!) { recommendations(userId: $u, first: 3) { items { product { code } } } }';

/** A port on 127.0.0.1 nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Query.searchProducts over HTTP', () => {
  let t: TestDb;
  let api: Api;
  beforeAll(async () => {
    t = await createTestDb();
    await seedSmallBank(t.db);
    api = await startApi(t.db);
  });
  afterAll(async () => { await api?.stop(); await t?.close(); });

  it('returns products with scores, best first, and filters by category', async () => {
    expect(api.app.search.info).toMatchObject({ embedder: 'use-lite', indexed: 24, synced: true });
    const res = await api.gql(SEARCH, { text: 'borrow money to buy a flat', first: 3 });
    expect(res.errors).toBeUndefined();
    const matches = res.data.searchProducts as { score: number; product: { code: string } }[];
    expect(matches).toHaveLength(3);
    expect(matches[0]!.product.code).toBe('ind_hip_fin_ult1');
    expect(matches[0]!.score).toBeGreaterThanOrEqual(matches[1]!.score);
    const deposits = await api.gql(SEARCH, { text: 'savings', category: 'DEPOSIT' });
    expect(deposits.data.searchProducts.map((m: { product: { category: string } }) => m.product.category)).toEqual(['DEPOSIT', 'DEPOSIT', 'DEPOSIT']);
    expect((await api.gql(SEARCH, { text: 'savings' })).data.searchProducts).toHaveLength(10); // default first
  });

  it.each([
    [{ text: '   ' }, 'text'],
    [{ text: 'a'.repeat(501) }, 'text'],
    [{ text: 'loan', first: 0 }, 'first'],
    [{ text: 'loan', first: 101 }, 'first'],
    [{ text: 'loan', category: 'BOAT' }, 'category'],
  ])('%j → BAD_USER_INPUT on %s', async (variables, field) => {
    const res = await api.gql(SEARCH, variables);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('finds a product created through upsertProduct as soon as the mutation returns', async () => {
    const input = {
      code: 'TEST-TRAVEL-INS', name: 'Travel Insurance', category: 'INSURANCE', riskLevel: 1,
      description: 'Covers medical costs, cancelled flights and lost luggage when you travel abroad.',
    };
    const created = await api.gql(UPSERT, { input });
    expect(created.errors).toBeUndefined();
    const res = await api.gql(SEARCH, { text: 'cover for my holiday if my flight is cancelled', first: 1 });
    expect(res.data.searchProducts[0].product).toMatchObject({ code: 'TEST-TRAVEL-INS', active: true });
    // Deactivated through the API: no longer found.
    await api.gql(UPSERT, { input: { code: 'TEST-TRAVEL-INS', active: false } });
    const after = await api.gql(SEARCH, { text: 'cover for my holiday if my flight is cancelled', first: 100 });
    expect(after.data.searchProducts.map((m: { product: { code: string } }) => m.product.code)).not.toContain('TEST-TRAVEL-INS');
  });
});

describe('searchProducts when the embedding provider is down', () => {
  let t: TestDb;
  let api: Api;
  beforeAll(async () => {
    t = await createTestDb();
    await seedSmallBank(t.db);
    api = await startApi(t.db, { LLM_BASE_URL: `http://127.0.0.1:${await closedPort()}`, LLM_EMBEDDING_MODEL: 'nomic-embed-text', LLM_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => { await api?.stop(); await t?.close(); });

  it('answers SERVICE_UNAVAILABLE, and the rest of the API keeps working', async () => {
    expect(api.app.search.info).toMatchObject({ embedder: 'openai-compatible:nomic-embed-text', indexed: 0, synced: false });
    const res = await api.gql(SEARCH, { text: 'borrow money to buy a flat' });
    expect(res.status).toBe(200);
    expect(res.errors?.[0]).toMatchObject({ path: ['searchProducts'], extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(res.errors?.[0]?.message).not.toContain('127.0.0.1'); // no internal address leaks

    const recs = await api.gql(RECS, { u: customerId(3) });
    expect(recs.errors).toBeUndefined();
    expect(recs.data.recommendations.items).toHaveLength(3);
    const created = await api.gql(UPSERT, { input: { code: 'TEST-OFFLINE', name: 'Offline Product', category: 'SERVICE', riskLevel: 1, description: 'Written while search is down.' } });
    expect(created.errors).toBeUndefined(); // the write succeeds; its embedding is retried later
    expect((await fetch(api.app.url.replace('/graphql', '/health'))).status).toBe(200);
  });
});

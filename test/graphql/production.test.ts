import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db';
import { startApi, type Api } from '../helpers/api';
import { seedSmallBank } from '../helpers/smallBank';

describe('production mode over HTTP', () => {
  let t: TestDb;
  let prod: Api;
  let dev: Api;

  beforeAll(async () => {
    t = await createTestDb('sqlite');
    await seedSmallBank(t.db);
    prod = await startApi(t.db, { NODE_ENV: 'production' });
    dev = await startApi(t.db, { NODE_ENV: 'development' });
  });
  afterAll(async () => {
    await prod?.stop();
    await dev?.stop();
    await t?.close();
  });

  it('has no landing page and no introspection', async () => {
    const page = await fetch(prod.app.url, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/sandbox/i);
    const intro = await prod.gql('{ __schema { types { name } } }');
    expect(intro.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('does not suggest field names when introspection is off (development does), to anyone, keyed or not', async () => {
    for (const key of [undefined, null]) {
      const r = await prod.gql('{ userz(id: "1") { id } }', {}, key === undefined ? {} : { key });
      expect(r.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.errors?.[0].message).not.toMatch(/did you mean|"user"/i);
    }
    expect((await dev.gql('{ userz(id: "1") { id } }')).errors?.[0].message).toMatch(/Did you mean/);
  });

  it('hides internal errors: INTERNAL_SERVER_ERROR, a bare message, no stack (development shows them)', async () => {
    await t.db.$executeRawUnsafe('ALTER TABLE "Customer" RENAME TO "Customer_moved"');
    try {
      const p = await prod.gql('{ users { edges { node { id } } } }');
      expect(p.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(p.errors?.[0].extensions?.stacktrace).toBeUndefined();
      const d = await dev.gql('{ users { edges { node { id } } } }');
      expect(d.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(d.errors?.[0].message).not.toBe('Internal server error');
      expect(d.errors?.[0].extensions?.stacktrace).toBeDefined();
    } finally {
      await t.db.$executeRawUnsafe('ALTER TABLE "Customer_moved" RENAME TO "Customer"');
    }
  });

  it('refuses a body that is not JSON (400) or too large (413)', async () => {
    const res = await fetch(prod.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(res.status).toBe(400);
    const huge = await fetch(prod.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ users { edges { cursor } } } #${'x'.repeat(1_100_000)}` }) });
    expect(huge.status).toBe(413);
  });
});

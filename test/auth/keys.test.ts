// API keys end to end over HTTP: created through GraphQL (secret shown once, only its hash at rest),
// listed without hash or secret, validated, revoked (at once through the API, within the cache TTL
// from another process), FINREC_ADMIN_KEY ensured once and never logged, a bad key refused as a
// whole request, and a CUSTOMER key refused for another customer before anything is read.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyResolver } from '../../src/auth/keyResolver';
import { revokeApiKey } from '../../src/auth/keys';
import { loadConfig } from '../../src/config';
import { finrecSchema } from '../../src/graphql/schema';
import { createLogger } from '../../src/log';
import { createApp } from '../../src/server';
import { createDb, sqlitePath, type Db } from '../../src/store/db';
import { apiHeaders, countingDb, createTestKey, startApi, TEST_ADMIN_KEY, TEST_AUTH_ENV, type Api } from '../helpers/api';
import { createTestDb, type TestDb } from '../helpers/db';
import { fitForTests } from '../helpers/engine';
import { customerId, seedSmallBank } from '../helpers/smallBank';

const CREATE = 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id name prefix role userId createdAt revokedAt } } }';
const OWN = customerId(1);
const TTL_SECONDS = 0.3;

describe('API keys over HTTP', () => {
  let t: TestDb;
  let api: Api;
  let counter: ReturnType<typeof countingDb>;

  beforeAll(async () => {
    t = await createTestDb();
    await seedSmallBank(t.db);
    counter = countingDb(t.db);
    api = await startApi(counter.db, { AUTH_KEY_CACHE_SECONDS: String(TTL_SECONDS) });
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await t?.close();
  });

  it('creates a key whose secret is returned once and stored only as its SHA-256 hash', async () => {
    const res = await api.gql(CREATE, { i: { name: 'mobile app', role: 'CUSTOMER', userId: OWN } });
    expect(res.errors).toBeUndefined();
    const { secret, apiKey } = res.data.createApiKey;
    expect(secret).toMatch(/^frk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: 'mobile app', role: 'CUSTOMER', userId: OWN, revokedAt: null, prefix: secret.slice(0, 12) });
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.hash).toBe(createHash('sha256').update(secret).digest('hex'));
    // Nowhere in the database files (WAL included): not the secret, not its random part.
    const file = sqlitePath(t.url);
    const bytes = [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
    expect(bytes).toContain(row.hash);
    expect(bytes).not.toContain(secret);
    expect(bytes).not.toContain(secret.slice(13));
    // And it works: the customer reads itself.
    const me = await api.gql(`{ user(id: "${OWN}") { id } }`, undefined, { key: secret });
    expect(me.data.user.id).toBe(OWN);
  });

  it('lists keys without hash or secret (the type has no such field)', async () => {
    const type = (await finrecSchema()).getType('ApiKey') as unknown as { getFields(): Record<string, unknown> };
    expect(Object.keys(type.getFields()).sort()).toEqual(['createdAt', 'id', 'name', 'prefix', 'revokedAt', 'role', 'userId']);
    const created = (await api.gql(CREATE, { i: { name: 'crm', role: 'ADVISOR' } })).data.createApiKey;
    const list = await api.gql('{ apiKeys { id name prefix role userId revokedAt } }');
    expect(list.data.apiKeys.map((k: { id: string }) => k.id)).toContain(created.apiKey.id);
    const hashes = (await t.db.apiKey.findMany()).map((k) => k.hash);
    const text = JSON.stringify(list);
    for (const h of hashes) expect(text).not.toContain(h);
    expect(text).not.toContain(created.secret);
  });

  it.each([
    [{ name: 'x', role: 'CUSTOMER' }, 'BAD_USER_INPUT', 'userId'],
    [{ name: 'x', role: 'CUSTOMER', userId: 'nobody' }, 'NOT_FOUND', 'userId'],
    [{ name: 'x', role: 'ADVISOR', userId: OWN }, 'BAD_USER_INPUT', 'userId'],
    [{ name: '', role: 'PARTNER' }, 'BAD_USER_INPUT', 'name'],
    [{ name: 'x'.repeat(101), role: 'PARTNER' }, 'BAD_USER_INPUT', 'name'],
  ])('refuses %o with %s on %s, writing nothing', async (input, code, field) => {
    const before = await t.db.apiKey.count();
    const res = await api.gql(CREATE, { i: input });
    expect(res.errors?.[0].extensions).toMatchObject({ code, field });
    expect(res.data?.createApiKey ?? null).toBeNull();
    expect(await t.db.apiKey.count()).toBe(before);
  });

  it('a key revoked through the API fails UNAUTHENTICATED on the very next request', async () => {
    const key = await api.key('PARTNER');
    expect((await api.gql('{ products(first: 1) { edges { cursor } } }', undefined, { key })).errors).toBeUndefined();
    const id = (await t.db.apiKey.findFirstOrThrow({ where: { name: 'test partner' }, orderBy: { createdAt: 'desc' } })).id;
    expect((await api.gql('mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id })).data.revokeApiKey.revokedAt).not.toBeNull();
    const after = await api.gql('{ products(first: 1) { edges { cursor } } }', undefined, { key });
    expect(after.status).toBe(401);
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a key revoked by another process (the CLI) stops working within AUTH_KEY_CACHE_SECONDS', async () => {
    const key = await api.key('PARTNER');
    expect((await api.gql('{ products(first: 1) { edges { cursor } } }', undefined, { key })).errors).toBeUndefined();
    const other: Db = createDb(t.url);
    try {
      const row = await other.apiKey.findFirstOrThrow({ where: { revokedAt: null, role: 'PARTNER' }, orderBy: { createdAt: 'desc' } });
      await revokeApiKey(other, row.id);
    } finally {
      await other.$disconnect();
    }
    await new Promise((r) => setTimeout(r, TTL_SECONDS * 1000 + 200));
    expect((await api.gql('{ products(first: 1) { edges { cursor } } }', undefined, { key })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('no key: UNAUTHENTICATED for every operation; a malformed, unknown or revoked key: the whole request refused alike (401)', async () => {
    const anon = await api.gql('{ products(first: 1) { edges { cursor } } }', undefined, { key: null });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const answers = [];
    for (const authorization of ['Bearer frk_00000000_unknown', 'Basic dXNlcjpwdw==', 'Bearer', `Bearer ${TEST_ADMIN_KEY}x`]) {
      const res = await fetch(api.app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query: '{ products(first: 1) { edges { cursor } } }' }) });
      answers.push({ status: res.status, body: await res.json() });
    }
    expect(answers[0].status).toBe(401);
    expect(answers[0].body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(answers[0].body.data).toBeUndefined();
    for (const a of answers) expect(a).toEqual(answers[0]);
  });

  it('/health needs no key', async () => {
    expect((await fetch(api.app.url.replace('/graphql', '/health'))).status).toBe(200);
  });

  it('a CUSTOMER key naming another customer is refused before any customer data is read, alike whether that customer exists', async () => {
    const key = await api.key('CUSTOMER', OWN);
    await api.gql(`{ user(id: "${OWN}") { id } }`, undefined, { key }); // the key itself is resolved (and cached) here
    const ops = [
      (u: string) => `{ user(id: "${u}") { id holdings { code } } }`,
      (u: string) => `{ recommendations(userId: "${u}") { id items { product { id } } } }`,
      (u: string) => `{ recommendForNeed(text: "a safe place", userId: "${u}") { listId } }`,
      (u: string) => `mutation { recordInteraction(input: { userId: "${u}", productId: "p", kind: VIEW }) { id } }`,
      (u: string) => `mutation { submitFeedback(input: { userId: "${u}", productId: "p", kind: CLICK }) { replayed } }`,
      (u: string) => `mutation { exportCustomerData(userId: "${u}") { __typename } }`,
    ];
    for (const op of ops) {
      counter.counts.clear();
      const existing = await api.gql(op(customerId(2)), undefined, { key });
      const missing = await api.gql(op('c999'), undefined, { key });
      const strip = (r: typeof existing) => ({ status: r.status, data: r.data, errors: r.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code, field: extensions?.field })) });
      expect(strip(existing).errors?.[0].code, op('…')).toBe('FORBIDDEN');
      expect(strip(missing), op('…')).toEqual(strip(existing));
      expect(counter.total() - counter.total('ApiKey.'), `${op('…')}: store reads ${JSON.stringify([...counter.counts])}`).toBe(0);
    }
    // The counter sees the reads an allowed caller causes (so the zeros above mean something).
    counter.counts.clear();
    await api.gql(`{ user(id: "${customerId(2)}") { id } }`, undefined, { key: await api.key('ADVISOR') });
    expect(counter.total('Customer.')).toBeGreaterThan(0);
  });
});

describe('key resolution while the database is unavailable', () => {
  it('a key resolved before keeps working past its TTL; an unseen one cannot be verified (throws)', async () => {
    const t = await createTestDb();
    await seedSmallBank(t.db);
    let down = false;
    // The store failing as a locked or unreachable database does, for the ApiKey reads only.
    const flaky = t.db.$extends({ query: { apiKey: { async findUnique({ args, query }) {
      if (down) throw new Error('SQLITE_BUSY: database is locked');
      return query(args);
    } } } }) as unknown as Db;
    try {
      const known = await createTestKey(t.db, 'ADVISOR');
      const unseen = await createTestKey(t.db, 'PARTNER');
      const resolver = new KeyResolver(flaky, { ttlMs: 50 });
      expect((await resolver.resolve(known))?.role).toBe('ADVISOR');
      down = true;
      await new Promise((r) => setTimeout(r, 120));
      expect((await resolver.resolve(known))?.role).toBe('ADVISOR');
      await expect(resolver.resolve(unseen)).rejects.toThrow(/locked/);
      down = false;
      expect((await resolver.resolve(unseen))?.role).toBe('PARTNER');
      expect(await resolver.resolve('frk_00000000_nothing')).toBeNull();
    } finally {
      await t.close();
    }
  });
});

describe('FINREC_ADMIN_KEY', () => {
  it('is one key across restarts, and appears in no log line nor configuration error', async () => {
    const t = await createTestDb();
    const secret = 'ops-chosen-admin-secret-7f3c9e21';
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const config = loadConfig({ ...TEST_AUTH_ENV, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', REFIT_INTERVAL_SECONDS: '0', MODEL_POLL_SECONDS: '0', LOG_LEVEL: 'trace', FINREC_ADMIN_KEY: secret });
    const log = createLogger(config, sink);
    try {
      for (let start = 0; start < 2; start++) {
        const app = await createApp({ config, db: t.db, log, fit: fitForTests });
        const ok = await fetch(app.url, { method: 'POST', headers: apiHeaders(secret), body: JSON.stringify({ query: '{ apiKeys { name role } }' }) });
        expect((await ok.json()).data.apiKeys).toEqual([{ name: 'FINREC_ADMIN_KEY', role: 'ADMIN' }]);
        await fetch(app.url, { method: 'POST', headers: apiHeaders(`${secret}-wrong`), body: '{}' });
        await app.stop();
      }
      expect(await t.db.apiKey.count()).toBe(1);
      log.info({ config }, 'a careless line logging the whole configuration');
      log.info({ req: { headers: { authorization: `Bearer ${secret}` } } }, 'and one logging headers');
      const text = lines.join('');
      expect(text).toContain('FINREC_ADMIN_KEY ensured');
      expect(text).not.toContain(secret);
      expect(() => loadConfig({ FINREC_ADMIN_KEY: 'short-secret' })).toThrow(/FINREC_ADMIN_KEY: must be at least 16/);
      try { loadConfig({ FINREC_ADMIN_KEY: 'short-secret' }); } catch (e) { expect(String(e)).not.toContain('short-secret'); }
    } finally {
      await t.close();
    }
  }, 120_000);
});

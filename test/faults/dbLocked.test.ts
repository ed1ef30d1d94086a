// The SQLite file locked by another process (a second connection holding BEGIN EXCLUSIVE, as a
// stuck migration or a long manual transaction would): over real HTTP, in production mode,
//  - a list already served is re-served with its logged id — fresh while its cache entry is valid,
//    marked stale once the customer's data changed or the entry expired;
//  - a variant never served, or a customer never served, is SERVICE_UNAVAILABLE (no stack);
//  - writes fail with SERVICE_UNAVAILABLE within the busy timeout, and write nothing;
// and once the lock is released the same server serves fresh lists and accepts writes again.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlitePath, SQLITE_BUSY_TIMEOUT_MS } from '../../src/store/db';
import { startApi, type Api, type GqlResponse } from '../helpers/api';
import { createTestDb, type TestDb } from '../helpers/db';
import { seedSmallBank, type SmallBank } from '../helpers/smallBank';

const LIST = `query($u: ID!, $n: Int) { recommendations(userId: $u, first: $n) { id cached stale items { rank product { id code } } } }`;
const FEEDBACK = `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { replayed feedback { id } } }`;
const INTERACTION = `mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id } }`;
const UPSERT_USER = `mutation($i: UpsertUserInput!) { upsertUser(input: $i) { id } }`;

/** Rows a failed write must not have touched, counted through the lock holder's own connection. */
function counts(conn: Database.Database): Record<string, number> {
  const n = (table: string) => (conn.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
  return { feedback: n('Feedback'), interaction: n('Interaction'), lists: n('RecommendationList'), customers: n('Customer') };
}

function expectUnavailable(r: GqlResponse, field: string): void {
  expect(r.data?.[field] ?? null).toBeNull();
  expect(r.errors).toHaveLength(1);
  const [e] = r.errors!;
  expect(e.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' }); // no stacktrace, no field
  expect(e.message).toMatch(/database is unavailable.*retry/);
}

describe('database locked by another process', () => {
  let t: TestDb;
  let bank: SmallBank;
  let api: Api;
  let lock: Database.Database;
  const served = new Map<string, string>();
  const [a, b, c, d] = ['c001', 'c002', 'c003', 'c010'];

  beforeAll(async () => {
    t = await createTestDb();
    bank = await seedSmallBank(t.db);
    api = await startApi(t.db, { NODE_ENV: 'production' });
    lock = new Database(sqlitePath(t.url), { timeout: 10_000 });
  }, 120_000);
  afterAll(async () => {
    if (lock?.inTransaction) lock.exec('ROLLBACK');
    lock?.close();
    await api?.stop();
    await t?.close();
  });

  it('serves logged lists (stale when outdated), refuses the rest with SERVICE_UNAVAILABLE, writes nothing; recovers on release', async () => {
    for (const u of [a, b, c]) {
      const r = await api.gql(LIST, { u, n: 3 });
      expect(r.errors).toBeUndefined();
      expect(r.data.recommendations.stale).toBe(false);
      served.set(u, r.data.recommendations.id);
    }
    // b's own data changes: its cached ranking is invalidated (the next list would be recomputed).
    const bList = (await api.gql(LIST, { u: b, n: 3 })).data.recommendations;
    const dismissed = bList.items[0].product.id;
    const fb = await api.gql(FEEDBACK, { i: { userId: b, productId: dismissed, kind: 'DISMISS', idempotencyKey: 'lock-b-1' } });
    expect(fb.errors).toBeUndefined();

    lock.exec('BEGIN EXCLUSIVE');
    const before = counts(lock);

    // A write waits out the busy timeout, then fails clearly.
    let started = Date.now();
    const write = await api.gql(FEEDBACK, { i: { userId: c, productId: bank.productIds.get('ind_recibo_ult1'), kind: 'CLICK', idempotencyKey: 'lock-c-1' } });
    const writeMs = Date.now() - started;
    expectUnavailable(write, 'submitFeedback');
    expect(writeMs).toBeLessThan(SQLITE_BUSY_TIMEOUT_MS + 1_500);

    // The store is now known to be locked: later writes fail at once instead of waiting again.
    started = Date.now();
    expectUnavailable(await api.gql(INTERACTION, { i: { userId: c, productId: dismissed, kind: 'VIEW' } }), 'recordInteraction');
    expectUnavailable(await api.gql(UPSERT_USER, { i: { id: c, age: 51 } }), 'upsertUser');
    expect(Date.now() - started).toBeLessThan(1_500);
    const health = async () => (await fetch(api.app.url.replace('/graphql', '/health'))).json();
    expect(await health()).toMatchObject({ status: 'degraded', database: { available: false, writesDown: true, lastError: expect.stringMatching(/BUSY|LOCKED/) } });

    // a: cache entry still valid → the same logged list, not stale (nothing needed the store).
    const ra = (await api.gql(LIST, { u: a, n: 3 })).data?.recommendations;
    expect(ra).toMatchObject({ id: served.get(a), cached: true, stale: false });
    // b: changed since → its last logged list, same id, marked stale (it still shows the dismissed product).
    const rb = await api.gql(LIST, { u: b, n: 3 });
    expect(rb.errors).toBeUndefined();
    expect(rb.data.recommendations).toMatchObject({ id: served.get(b), cached: true, stale: true });
    expect(rb.data.recommendations.items.map((i: any) => i.product.id)).toContain(dismissed);
    // A variant never served to a, and a customer never served: nothing logged to re-serve.
    expectUnavailable(await api.gql(LIST, { u: a, n: 5 }), 'recommendations');
    expectUnavailable(await api.gql(LIST, { u: d, n: 3 }), 'recommendations');

    expect(counts(lock)).toEqual(before);
    lock.exec('ROLLBACK');

    // Released: the same process serves fresh lists and accepts writes, no restart.
    const fresh = await api.gql(LIST, { u: b, n: 3 });
    expect(fresh.errors).toBeUndefined();
    expect(fresh.data.recommendations.stale).toBe(false);
    expect(fresh.data.recommendations.id).not.toBe(served.get(b));
    expect(fresh.data.recommendations.items.map((i: any) => i.product.id)).not.toContain(dismissed);
    const rd = await api.gql(LIST, { u: d, n: 3 });
    expect(rd.errors).toBeUndefined();
    expect(rd.data.recommendations.stale).toBe(false);
    const retried = await api.gql(FEEDBACK, { i: { userId: c, productId: bank.productIds.get('ind_recibo_ult1'), kind: 'CLICK', idempotencyKey: 'lock-c-1' } });
    expect(retried.errors).toBeUndefined();
    expect(retried.data.submitFeedback.replayed).toBe(false); // the failed attempt wrote nothing
    expect(await health()).toMatchObject({ status: 'ok', database: { available: true, since: null } });
    const after = counts(lock);
    expect(after.feedback).toBe(before.feedback + 1);
    expect(await t.db.interaction.count({ where: { source: 'feedback' } })).toBe(after.feedback); // none half-written
  }, 60_000);

  it('an entry expired by TTL is re-served stale with its logged id', async () => {
    const short = await startApi(t.db, { NODE_ENV: 'production', CACHE_TTL_SECONDS: '1' });
    try {
      const first = await short.gql(LIST, { u: c, n: 2 });
      expect(first.errors).toBeUndefined();
      await new Promise((r) => setTimeout(r, 1_200));
      lock.exec('BEGIN EXCLUSIVE');
      try {
        const again = await short.gql(LIST, { u: c, n: 2 });
        expect(again.errors).toBeUndefined();
        expect(again.data.recommendations).toMatchObject({ id: first.data.recommendations.id, stale: true });
      } finally {
        lock.exec('ROLLBACK');
      }
      const fresh = await short.gql(LIST, { u: c, n: 2 });
      expect(fresh.data.recommendations.stale).toBe(false);
    } finally {
      await short.stop();
    }
  }, 60_000);
});

// ingestInteractions over HTTP: a partner's batch of up to 1,000 events is written all or nothing;
// a refused batch lists every bad event (index, field, message) in one BAD_USER_INPUT error; a
// retried batch is counted as replayed; each customer written to sees it in their next list.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH, MAX_REPORTED } from '../../src/ingest/events/ingestInteractions';
import { startApi, type Api } from '../helpers/api';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { CUSTOMERS, customerId, seedSmallBank, type SmallBank } from '../helpers/smallBank';

const INGEST = 'mutation($input: IngestInteractionsInput!) { ingestInteractions(input: $input) { received created replayed } }';
const RECS = 'query($u: ID!) { recommendations(userId: $u, first: 24) { cached items { product { id } } } }';

describe.each(backends)('ingestInteractions over HTTP (%s)', (provider) => {
  let t: TestDb;
  let bank: SmallBank;
  let api: Api;
  let partner: string;
  const product = (code: string) => bank.productIds.get(code)!;
  const rows = async () => t.db.interaction.count();
  /** n valid VIEW events, spread over customers and seconds, with keys `${tag}-i`. */
  const views = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({
    userId: customerId(1 + (i % CUSTOMERS)), productId: product('ind_ctma_fin_ult1'), kind: 'VIEW',
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), source: 'partner-a', idempotencyKey: `${tag}-${i}`,
  }));

  beforeAll(async () => {
    t = await createTestDb(provider);
    bank = await seedSmallBank(t.db);
    api = await startApi(t.db);
    partner = await api.key('PARTNER');
  });
  afterAll(async () => {
    await api?.stop();
    await t?.close();
  });

  it(`writes a batch of ${MAX_BATCH} events (PARTNER key) and reports received/created/replayed; the time is printed`, async () => {
    const events = views(MAX_BATCH, 'big');
    const before = await rows();
    const started = performance.now();
    const r = await api.gql(INGEST, { input: { events } }, { key: partner });
    const ms = performance.now() - started;
    expect(r.errors).toBeUndefined();
    expect(r.data.ingestInteractions).toEqual({ received: MAX_BATCH, created: MAX_BATCH, replayed: 0 });
    expect(await rows()).toBe(before + MAX_BATCH);
    console.log(`ingestInteractions: ${MAX_BATCH} events over HTTP on ${provider} in ${ms.toFixed(0)} ms (${(MAX_BATCH / (ms / 1000)).toFixed(0)} events/s)`);

    // The same batch again (a partner's retry): all replayed, nothing written.
    const retry = await api.gql(INGEST, { input: { events } }, { key: partner });
    expect(retry.data.ingestInteractions).toEqual({ received: MAX_BATCH, created: 0, replayed: MAX_BATCH });
    expect(await rows()).toBe(before + MAX_BATCH);
  });

  it('a batch with bad events writes nothing and lists every one of them in one error', async () => {
    const events: Record<string, unknown>[] = views(40, 'mixed');
    const future = new Date(Date.now() + 3_600_000).toISOString();
    events[3] = { ...events[3], productId: 'no-such-product' };
    events[7] = { ...events[7], userId: 'nobody' };
    events[11] = { ...events[11], occurredAt: future };
    events[12] = { ...events[12], occurredAt: '1850-01-01T00:00:00Z' };
    events[17] = { ...events[17], kind: 'RATING', value: 9 };
    events[18] = { ...events[18], kind: 'HOLD' };
    events[19] = { ...events[19], source: 'import:santander' };
    events[21] = { ...events[21], userId: events[2].userId, idempotencyKey: 'mixed-2' }; // repeats events[2]'s customer and key
    events[22] = { ...events[22], userId: customerId(1), idempotencyKey: 'big-0' }; // customer 1's stored key, another event
    events[23] = { ...events[23], userId: 'x'.repeat(65), productId: 'y'.repeat(65) };
    events[24] = { ...events[24], source: 'Bad Source!' };
    events[25] = { ...events[25], idempotencyKey: 'bad key' };
    events[26] = { ...events[26], value: -5 };
    events[27] = { ...events[0], idempotencyKey: 'mixed-27' }; // the same event as events[0]
    const before = await rows();
    const r = await api.gql(INGEST, { input: { events } }, { key: partner });
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    const ext = r.errors![0].extensions as { code: string; field: string; errors: { index: number; field: string; message: string }[]; errorCount: number };
    expect(ext).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events' });
    const fields = ext.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining([
      'events[3].productId', 'events[7].userId', 'events[11].occurredAt', 'events[12].occurredAt', 'events[17].value', 'events[18].kind',
      'events[19].source', 'events[21].idempotencyKey', 'events[22].idempotencyKey', 'events[23].userId', 'events[23].productId',
      'events[24].source', 'events[25].idempotencyKey', 'events[26].value', 'events[27].occurredAt',
    ]));
    expect(new Set(ext.errors.map((e) => e.index))).toEqual(new Set([3, 7, 11, 12, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27]));
    expect(ext.errorCount).toBe(ext.errors.length);
    for (const e of ext.errors) expect(e.message.length).toBeGreaterThan(5);
    expect(r.errors![0].message).toMatch(/nothing was written/);
    expect(await rows()).toBe(before);
  });

  it(`lists at most ${MAX_REPORTED} problems and says how many there are`, async () => {
    const events = views(300, 'allbad').map((e) => ({ ...e, productId: 'gone' }));
    const r = await api.gql(INGEST, { input: { events } }, { key: partner });
    const ext = r.errors![0].extensions as { errors: unknown[]; errorCount: number };
    expect(ext.errors).toHaveLength(MAX_REPORTED);
    expect(ext.errorCount).toBe(300);
    expect(r.errors![0].message).toMatch(/300 problems/);
  });

  it(`refuses more than ${MAX_BATCH} events, and an empty batch, with field events`, async () => {
    const before = await rows();
    for (const events of [views(MAX_BATCH + 1, 'over'), []]) {
      const r = await api.gql(INGEST, { input: { events } }, { key: partner });
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events' });
    }
    expect(await rows()).toBe(before);
  });

  it('a retry with part already stored counts it as replayed and writes the rest; customers see the new events', async () => {
    const u = customerId(4);
    const target = (await api.gql(RECS, { u })).data.recommendations.items[0].product.id;
    const events = [
      { userId: u, productId: target, kind: 'PURCHASE', value: 500, occurredAt: '2026-02-01T10:00:00Z', idempotencyKey: 'p-1' },
      { userId: u, productId: target, kind: 'VIEW', occurredAt: '2026-02-01T09:59:00Z' }, // no key: the event itself identifies it
    ];
    expect((await api.gql(INGEST, { input: { events: events.slice(0, 1) } }, { key: partner })).data.ingestInteractions).toEqual({ received: 1, created: 1, replayed: 0 });
    const after = (await api.gql(RECS, { u })).data.recommendations;
    expect(after.cached).toBe(false); // invalidated
    expect(after.items.map((i: { product: { id: string } }) => i.product.id)).not.toContain(target); // purchased: no longer recommended
    const again = await api.gql(INGEST, { input: { events } }, { key: partner });
    expect(again.data.ingestInteractions).toEqual({ received: 2, created: 1, replayed: 1 });
    const third = await api.gql(INGEST, { input: { events } }, { key: partner });
    expect(third.data.ingestInteractions).toEqual({ received: 2, created: 0, replayed: 2 });
    // The same event without a key but another value is a conflicting claim: refused.
    const clash = await api.gql(INGEST, { input: { events: [{ ...events[1], value: 3 }] } }, { key: partner });
    expect(clash.errors?.[0].extensions?.errors).toEqual([expect.objectContaining({ index: 0, field: 'events[0].value' })]);
  });

  it('keys are per customer: a key a customer took does not block a partner batch; within a batch the pair (userId, key) is one event', async () => {
    const [a, b] = [customerId(31), customerId(32)];
    const key = 'partner-evt-0001';
    const squatter = await api.key('CUSTOMER', a);
    const squat = await api.gql('mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id } }',
      { i: { userId: a, productId: product('ind_ctop_fin_ult1'), kind: 'VIEW', idempotencyKey: key } }, { key: squatter });
    expect(squat.errors).toBeUndefined();

    const at = (s: number) => new Date(Date.UTC(2026, 5, 1, 0, 0, s)).toISOString();
    const events = [
      { userId: b, productId: product('ind_cco_fin_ult1'), kind: 'PURCHASE', value: 100, occurredAt: at(0), source: 'partner-a', idempotencyKey: key },
      { userId: customerId(33), productId: product('ind_cco_fin_ult1'), kind: 'VIEW', occurredAt: at(1), source: 'partner-a', idempotencyKey: key },
    ];
    const before = await rows();
    const r = await api.gql(INGEST, { input: { events } }, { key: partner });
    expect(r.errors).toBeUndefined();
    expect(r.data.ingestInteractions).toEqual({ received: 2, created: 2, replayed: 0 });
    expect(await rows()).toBe(before + 2);
    const retry = await api.gql(INGEST, { input: { events } }, { key: partner });
    expect(retry.data.ingestInteractions).toEqual({ received: 2, created: 0, replayed: 2 });

    // One customer's key twice in a batch is still refused, and so is another event under B's stored key.
    const twice = await api.gql(INGEST, { input: { events: [{ ...events[0], occurredAt: at(2), idempotencyKey: 'dup' }, { ...events[0], occurredAt: at(3), idempotencyKey: 'dup' }] } }, { key: partner });
    expect(twice.errors?.[0].extensions?.errors).toEqual([expect.objectContaining({ index: 1, field: 'events[1].idempotencyKey' })]);
    const other = await api.gql(INGEST, { input: { events: [{ ...events[0], occurredAt: at(5), value: 200 }] } }, { key: partner });
    expect(other.errors?.[0].extensions?.errors).toEqual([expect.objectContaining({ index: 0, field: 'events[0].idempotencyKey' })]);
    expect(await rows()).toBe(before + 2);
  });

  it('two identical batches at the same time: written once, the other answer counts them as replayed', async () => {
    const events = views(50, 'twin').map((e, i) => ({ ...e, occurredAt: new Date(Date.UTC(2026, 4, 1, 0, 0, i)).toISOString() }));
    const before = await rows();
    const [a, b] = await Promise.all([1, 2].map(() => api.gql(INGEST, { input: { events } }, { key: partner })));
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect([a.data.ingestInteractions, b.data.ingestInteractions]).toEqual(expect.arrayContaining([
      { received: 50, created: 50, replayed: 0 }, { received: 50, created: 0, replayed: 50 },
    ]));
    expect(await rows()).toBe(before + 50);
  });

  it('is for PARTNER and ADMIN keys only', async () => {
    const events = views(1, 'roles').map((e) => ({ ...e, occurredAt: '2026-03-01T00:00:00Z' }));
    for (const role of ['CUSTOMER', 'ADVISOR'] as const) {
      const key = await api.key(role, role === 'CUSTOMER' ? customerId(1) : undefined);
      const r = await api.gql(INGEST, { input: { events } }, { key });
      expect(r.errors?.[0].extensions?.code, role).toBe('FORBIDDEN');
    }
    expect((await api.gql(INGEST, { input: { events } }, { key: null })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(INGEST, { input: { events } })).data.ingestInteractions.created).toBe(1); // ADMIN
  });
});

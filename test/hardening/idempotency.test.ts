// Idempotent writes over HTTP: recordInteraction and submitFeedback treat an idempotency key the
// same way — the same key with the same content is a replay (the stored row, nothing written, no
// cache invalidated), the same key with other content is BAD_USER_INPUT on idempotencyKey with
// nothing written, and two simultaneous requests with one key give one row and two equal answers.
// A key belongs to one customer's events: the same key for another customer is another event (so
// a customer cannot squat a partner's predictable key, nor learn whether someone else used one).
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Api } from '../helpers/api';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { customerId, seedSmallBank, type SmallBank } from '../helpers/smallBank';

const RECORD = 'mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id userId productId kind value occurredAt source idempotencyKey } }';
const FEEDBACK = 'mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { replayed feedback { id userId productId kind value idempotencyKey createdAt } } }';
const RECS = 'query($u: ID!) { recommendations(userId: $u, first: 3) { id cached } }';

describe.each(backends)('idempotency keys over HTTP (%s)', (provider) => {
  let t: TestDb;
  let bank: SmallBank;
  let api: Api;
  const counts = async () => [await t.db.interaction.count(), await t.db.feedback.count()];
  const product = (code: string) => bank.productIds.get(code)!;

  beforeAll(async () => {
    t = await createTestDb(provider);
    bank = await seedSmallBank(t.db);
    api = await startApi(t.db);
  });
  afterAll(async () => {
    await api?.stop();
    await t?.close();
  });

  it('recordInteraction: a replay returns the stored event, writes nothing and keeps the cache', async () => {
    const u = customerId(5);
    const i = { userId: u, productId: product('ind_ctop_fin_ult1'), kind: 'VIEW', idempotencyKey: 'view-5-a' };
    const first = await api.gql(RECORD, { i });
    expect(first.errors).toBeUndefined();
    expect(first.data.recordInteraction).toMatchObject({ idempotencyKey: 'view-5-a', source: 'api' });
    await api.gql(RECS, { u }); // fill the cache
    const before = await counts();
    await new Promise((r) => setTimeout(r, 5)); // a retry happens later: its "now" differs
    const again = await api.gql(RECORD, { i });
    expect(again.data.recordInteraction).toEqual(first.data.recordInteraction);
    expect(await counts()).toEqual(before);
    expect((await api.gql(RECS, { u })).data.recommendations.cached).toBe(true); // not invalidated
  });

  it('recordInteraction: the same key for another event is refused, nothing written', async () => {
    const base = { userId: customerId(6), productId: product('ind_ctop_fin_ult1'), kind: 'RATING', value: 4, idempotencyKey: 'rate-6' };
    expect((await api.gql(RECORD, { i: base })).errors).toBeUndefined();
    const before = await counts();
    for (const other of [{ value: 5 }, { kind: 'CLICK', value: null }, { productId: product('ind_cco_fin_ult1') },
      { source: 'partner-x' }, { occurredAt: '2016-01-01T00:00:00Z' }]) {
      const r = await api.gql(RECORD, { i: { ...base, ...other } });
      expect(r.errors?.[0].extensions, JSON.stringify(other)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
      expect(r.errors?.[0].message).toMatch(/already used for a different event/);
    }
    expect(await counts()).toEqual(before);
  });

  it('submitFeedback: the same semantics (replay; another feedback under the key is refused)', async () => {
    const i = { userId: customerId(8), productId: product('ind_recibo_ult1'), kind: 'CLICK', idempotencyKey: 'fb-8' };
    const first = await api.gql(FEEDBACK, { i });
    expect(first.data.submitFeedback.replayed).toBe(false);
    const before = await counts();
    const again = await api.gql(FEEDBACK, { i });
    expect(again.data.submitFeedback).toEqual({ ...first.data.submitFeedback, replayed: true });
    const other = await api.gql(FEEDBACK, { i: { ...i, kind: 'DISMISS' } });
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(other.errors?.[0].message).toMatch(/already used for a different feedback/);
    expect(await counts()).toEqual(before);
  });

  it('a key is per customer: one customer using a partner\'s key neither blocks the partner nor learns anything', async () => {
    const [a, b] = [customerId(21), customerId(22)];
    const squatter = await api.key('CUSTOMER', a);
    const partner = await api.key('PARTNER');
    const key = 'partner-evt-0001';
    // Customer A takes the key first, for its own event and its own feedback.
    const ownEvent = { userId: a, productId: product('ind_ctop_fin_ult1'), kind: 'VIEW', idempotencyKey: key };
    const squat = await api.gql(RECORD, { i: ownEvent }, { key: squatter });
    expect(squat.errors).toBeUndefined();
    const ownFeedback = { userId: a, productId: product('ind_ctop_fin_ult1'), kind: 'CLICK', idempotencyKey: key };
    expect((await api.gql(FEEDBACK, { i: ownFeedback }, { key: squatter })).errors).toBeUndefined();

    // The partner's event and feedback for customer B under the same key: new rows, not refusals.
    const before = await counts();
    const event = { userId: b, productId: product('ind_cco_fin_ult1'), kind: 'PURCHASE', value: 250, idempotencyKey: key };
    const r = await api.gql(RECORD, { i: event }, { key: partner });
    expect(r.errors).toBeUndefined();
    expect(r.data.recordInteraction).toMatchObject({ userId: b, kind: 'PURCHASE', idempotencyKey: key });
    expect(r.data.recordInteraction.id).not.toBe(squat.data.recordInteraction.id);
    const f = await api.gql(FEEDBACK, { i: { userId: b, productId: product('ind_cco_fin_ult1'), kind: 'DISMISS', idempotencyKey: key } }, { key: partner });
    expect(f.errors).toBeUndefined();
    expect(f.data.submitFeedback).toMatchObject({ replayed: false, feedback: { userId: b, kind: 'DISMISS', idempotencyKey: key } });
    expect(await counts()).toEqual([before[0] + 2, before[1] + 1]); // B's event; B's feedback and its interaction

    // Each customer's key still replays its own event and refuses another event under it.
    expect((await api.gql(RECORD, { i: event }, { key: partner })).data.recordInteraction).toEqual(r.data.recordInteraction);
    expect((await api.gql(RECORD, { i: ownEvent }, { key: squatter })).data.recordInteraction).toEqual(squat.data.recordInteraction);
    const clash = await api.gql(RECORD, { i: { ...event, value: 300 } }, { key: partner });
    expect(clash.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(await t.db.interaction.count({ where: { idempotencyKey: key } })).toBe(2);
    expect(await t.db.feedback.count({ where: { idempotencyKey: key } })).toBe(2);
  });

  it('a key is 1–128 characters of a safe charset, for both mutations', async () => {
    const before = await counts();
    for (const key of ['', 'x'.repeat(129), 'has space', 'quote"', 'semi;colon', 'ü-nicode', 'new\nline', "'; DROP TABLE \"Interaction\"; --"]) {
      const r = await api.gql(RECORD, { i: { userId: customerId(9), productId: product('ind_cco_fin_ult1'), kind: 'VIEW', idempotencyKey: key } });
      expect(r.errors?.[0].extensions, JSON.stringify(key)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
      const f = await api.gql(FEEDBACK, { i: { userId: customerId(9), productId: product('ind_cco_fin_ult1'), kind: 'CLICK', idempotencyKey: key } });
      expect(f.errors?.[0].extensions, JSON.stringify(key)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    }
    expect(await counts()).toEqual(before);
    const ok = 'A-z_0.9:~+/=' + 'k'.repeat(116);
    expect((await api.gql(RECORD, { i: { userId: customerId(9), productId: product('ind_cco_fin_ult1'), kind: 'VIEW', idempotencyKey: ok } })).errors).toBeUndefined();
  });

  it('two simultaneous requests with one key: one row, two identical successful answers (both mutations)', async () => {
    for (let round = 0; round < 5; round++) {
      const key = `race-${round}`;
      const i = { userId: customerId(10 + round), productId: product('ind_reca_fin_ult1'), kind: 'PURCHASE', value: 1000, idempotencyKey: key };
      const [a, b] = await Promise.all([api.gql(RECORD, { i }), api.gql(RECORD, { i })]);
      expect(a.errors).toBeUndefined();
      expect(b.errors).toBeUndefined();
      expect(b.data).toEqual(a.data);
      expect(await t.db.interaction.count({ where: { idempotencyKey: key } })).toBe(1);

      const f = { userId: customerId(10 + round), productId: product('ind_reca_fin_ult1'), kind: 'CLICK', idempotencyKey: `fb-${key}` };
      const [x, y] = await Promise.all([api.gql(FEEDBACK, { i: f }), api.gql(FEEDBACK, { i: f })]);
      expect(x.errors).toBeUndefined();
      expect(y.errors).toBeUndefined();
      expect(y.data.submitFeedback.feedback).toEqual(x.data.submitFeedback.feedback);
      expect([x.data.submitFeedback.replayed, y.data.submitFeedback.replayed].sort()).toEqual([false, true]);
      expect(await t.db.feedback.count({ where: { idempotencyKey: `fb-${key}` } })).toBe(1);
    }
  });
});

// Hostile and careless input over real HTTP: every rejected request carries extensions.code AND
// the offending field, nothing is written, and a client's mistake is never an internal error.
// Runs on SQLite, and on PostgreSQL when TEST_POSTGRES_URL is set.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Api, type GqlResponse } from '../helpers/api';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { customerId, seedSmallBank, type SmallBank } from '../helpers/smallBank';

const UPSERT_USER = 'mutation($i: UpsertUserInput!) { upsertUser(input: $i) { id } }';
const UPSERT_PRODUCT = 'mutation($i: UpsertProductInput!) { upsertProduct(input: $i) { id code name } }';
const FEEDBACK = 'mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { replayed feedback { id } } }';
const RECORD = 'mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id value source } }';

function expectError(r: GqlResponse, code: string, field: string): void {
  expect(r.errors, JSON.stringify(r)).toBeDefined();
  expect(r.errors![0].extensions, JSON.stringify(r.errors)).toMatchObject({ code, field });
}

describe.each(backends)('hostile input over HTTP (%s)', (provider) => {
  let t: TestDb;
  let bank: SmallBank;
  let api: Api;
  const rows = async () => [
    await t.db.feedback.count(), await t.db.interaction.count(), await t.db.customer.count(), await t.db.product.count(),
    await t.db.recommendationList.count(),
  ];

  beforeAll(async () => {
    t = await createTestDb(provider);
    bank = await seedSmallBank(t.db);
    api = await startApi(t.db);
  });
  afterAll(async () => {
    await api?.stop();
    await t?.close();
  });

  it('values GraphQL itself rejects (wrong type, unknown enum, missing variable) name the field', async () => {
    const before = await rows();
    const product = bank.productIds.get('ind_fond_fin_ult1');
    // through variables
    expectError(await api.gql(UPSERT_USER, { i: { id: customerId(1), riskTolerance: 2.5 } }), 'BAD_USER_INPUT', 'riskTolerance');
    expectError(await api.gql(UPSERT_USER, { i: { id: customerId(1), riskTolerance: '3' } }), 'BAD_USER_INPUT', 'riskTolerance');
    expectError(await api.gql(UPSERT_USER, { i: { riskTolerance: 3 } }), 'BAD_USER_INPUT', 'id');
    expectError(await api.gql(FEEDBACK, { i: { userId: customerId(1), productId: product, kind: 'LIKE' } }), 'BAD_USER_INPUT', 'kind');
    expectError(await api.gql(RECORD, { i: { userId: customerId(1), productId: product, kind: 'VIEW', occurredAt: 'yesterday' } }), 'BAD_USER_INPUT', 'occurredAt');
    expectError(await api.gql('query($u: ID!) { recommendations(userId: $u) { id } }', {}), 'BAD_USER_INPUT', 'userId');
    expectError(await api.gql('query($n: Int) { users(first: $n) { edges { cursor } } }', { n: 1e12 }), 'BAD_USER_INPUT', 'first');
    // written in the query
    expectError(await api.gql(`mutation { upsertUser(input: { id: "${customerId(1)}", riskTolerance: 2.5 }) { id } }`), 'GRAPHQL_VALIDATION_FAILED', 'riskTolerance');
    expectError(await api.gql(`{ recommendations(userId: "${customerId(1)}", category: BOGUS) { id } }`), 'GRAPHQL_VALIDATION_FAILED', 'category');
    expectError(await api.gql('{ recommendations { id } }'), 'GRAPHQL_VALIDATION_FAILED', 'userId');
    expectError(await api.gql('mutation { upsertUser(input: { age: 3 }) { id } }'), 'GRAPHQL_VALIDATION_FAILED', 'id');
    expectError(await api.gql(UPSERT_USER, { i: { id: customerId(1), bogus: 1 } }), 'BAD_USER_INPUT', 'bogus');
    expectError(await api.gql('{ users(first: 1, bogus: 2) { edges { cursor } } }'), 'GRAPHQL_VALIDATION_FAILED', 'bogus');
    expectError(await api.gql('{ nope }'), 'GRAPHQL_VALIDATION_FAILED', 'nope');
    expect(await rows()).toEqual(before);
  });

  it('a NUL character in any string argument is a client error naming the field, never an internal one', async () => {
    const before = await rows();
    const product = bank.productIds.get('ind_fond_fin_ult1')!;
    expectError(await api.gql(UPSERT_USER, { i: { id: 'a\u0000b' } }), 'BAD_USER_INPUT', 'id');
    expectError(await api.gql(UPSERT_USER, { i: { id: customerId(2), segment: 'x\u0000' } }), 'BAD_USER_INPUT', 'segment');
    expectError(await api.gql('query($u: ID!) { user(id: $u) { id } }', { u: 'a\u0000' }), 'BAD_USER_INPUT', 'id');
    expectError(await api.gql('query($u: ID!) { recommendations(userId: $u) { id } }', { u: '\u0000' }), 'BAD_USER_INPUT', 'userId');
    expectError(await api.gql(FEEDBACK, { i: { userId: customerId(2), productId: product, kind: 'CLICK', idempotencyKey: 'k\u0000' } }), 'BAD_USER_INPUT', 'idempotencyKey');
    expectError(await api.gql(UPSERT_PRODUCT, { i: { code: 'ind_fond_fin_ult1', description: 'nul\u0000' } }), 'BAD_USER_INPUT', 'description');
    expect(await rows()).toEqual(before);
  });

  it('the same event recorded again with a different value is refused, not silently dropped', async () => {
    const event = { userId: customerId(3), productId: bank.productIds.get('ind_plan_fin_ult1'), kind: 'RATING', value: 5, occurredAt: '2016-06-01T10:00:00.000Z' };
    const first = await api.gql(RECORD, { i: event });
    expect(first.errors).toBeUndefined();
    const again = await api.gql(RECORD, { i: event });
    expect(again.data.recordInteraction).toEqual(first.data.recordInteraction); // a true repeat is one row
    const before = await rows();
    const changed = await api.gql(RECORD, { i: { ...event, value: 1 } });
    expectError(changed, 'BAD_USER_INPUT', 'value');
    expect(await rows()).toEqual(before);
    const stored = await t.db.interaction.findFirstOrThrow({ where: { id: Number(first.data.recordInteraction.id) } });
    expect(stored.value).toBe(5);
  });

  it('absurd values on any kind (negative, astronomically large) are refused for feedback and events alike', async () => {
    const before = await rows();
    const base = { userId: customerId(4), productId: bank.productIds.get('ind_plan_fin_ult1') };
    expectError(await api.gql(FEEDBACK, { i: { ...base, kind: 'CLICK', value: -1e300 } }), 'BAD_USER_INPUT', 'value');
    expectError(await api.gql(FEEDBACK, { i: { ...base, kind: 'PURCHASE', value: 1e300 } }), 'BAD_USER_INPUT', 'value');
    expectError(await api.gql(RECORD, { i: { ...base, kind: 'VIEW', value: -5 } }), 'BAD_USER_INPUT', 'value');
    expect(await rows()).toEqual(before);
    const ok = await api.gql(FEEDBACK, { i: { ...base, kind: 'PURCHASE', value: 25_000 } }); // an amount
    expect(ok.errors).toBeUndefined();
  });

  it('event and join dates outside any plausible range are refused (future, or before 1900)', async () => {
    const before = await rows();
    const base = { userId: customerId(5), productId: bank.productIds.get('ind_plan_fin_ult1'), kind: 'VIEW' };
    expectError(await api.gql(RECORD, { i: { ...base, occurredAt: '2999-01-01T00:00:00.000Z' } }), 'BAD_USER_INPUT', 'occurredAt');
    expectError(await api.gql(RECORD, { i: { ...base, occurredAt: '0001-01-01T00:00:00.000Z' } }), 'BAD_USER_INPUT', 'occurredAt');
    expectError(await api.gql(RECORD, { i: { ...base, occurredAt: '1899-12-31T23:59:59.999Z' } }), 'BAD_USER_INPUT', 'occurredAt');
    expectError(await api.gql(UPSERT_USER, { i: { id: customerId(5), joinedAt: '2999-01-01T00:00:00.000Z' } }), 'BAD_USER_INPUT', 'joinedAt');
    expectError(await api.gql(UPSERT_USER, { i: { id: customerId(5), joinedAt: '0001-01-01T00:00:00.000Z' } }), 'BAD_USER_INPUT', 'joinedAt');
    expect(await rows()).toEqual(before);
    const old = await api.gql(RECORD, { i: { ...base, occurredAt: '1970-01-02T00:00:00.000Z' } });
    expect(old.errors).toBeUndefined();
  });

  it('an API client cannot write interactions under the sources the system owns', async () => {
    const before = await rows();
    const base = { userId: customerId(4), productId: bank.productIds.get('ind_plan_fin_ult1'), kind: 'PURCHASE', occurredAt: '2016-05-28T00:00:00.000Z' };
    expectError(await api.gql(RECORD, { i: { ...base, source: 'import:santander' } }), 'BAD_USER_INPUT', 'source');
    expectError(await api.gql(RECORD, { i: { ...base, source: 'feedback' } }), 'BAD_USER_INPUT', 'source');
    expect(await rows()).toEqual(before);
    const partner = await api.gql(RECORD, { i: { ...base, source: 'partner-app' } });
    expect(partner.errors).toBeUndefined();
  });

  it('blank names and descriptions are refused (whitespace is not a name)', async () => {
    const before = await rows();
    expectError(await api.gql(UPSERT_PRODUCT, { i: { code: 'blank-1', name: '   ', category: 'FUND', riskLevel: 3, description: 'A fund' } }), 'BAD_USER_INPUT', 'name');
    expectError(await api.gql(UPSERT_PRODUCT, { i: { code: 'blank-1', name: 'Fund', category: 'FUND', riskLevel: 3, description: ' \n\t ' } }), 'BAD_USER_INPUT', 'description');
    expectError(await api.gql(UPSERT_PRODUCT, { i: { code: 'ind_fond_fin_ult1', name: '  ' } }), 'BAD_USER_INPUT', 'name');
    expectError(await api.gql(UPSERT_USER, { i: { id: '   ' } }), 'BAD_USER_INPUT', 'id');
    expect(await rows()).toEqual(before);
  });

  it('the same new product created by concurrent calls: every call succeeds, one product exists', async () => {
    for (let round = 0; round < 6; round++) {
      const input = { code: `race-${round}`, name: 'Race fund', category: 'FUND', riskLevel: 3, description: 'Created twice at once' };
      const results = await Promise.all(Array.from({ length: 8 }, () => api.gql(UPSERT_PRODUCT, { i: input })));
      for (const r of results) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      expect(new Set(results.map((r) => r.data.upsertProduct.id)).size).toBe(1);
      expect(await t.db.product.count({ where: { code: input.code } })).toBe(1);
    }
  });

  it('an id that does not exist is not echoed back at any length', async () => {
    const long = '9'.repeat(5_000);
    const r = await api.gql('query($u: ID!) { recommendations(userId: $u) { id } }', { u: long });
    expectError(r, 'NOT_FOUND', 'userId');
    expect(r.errors![0].message.length).toBeLessThan(200);
  });
});

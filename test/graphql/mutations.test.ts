import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { startApi, type Api } from '../helpers/api';
import { customerId, seedSmallBank, type SmallBank } from '../helpers/smallBank';

const RECS = 'query($u: ID!) { recommendations(userId: $u, first: 5) { id cached items { product { id } } } }';
const FEEDBACK = `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) {
  replayed feedback { id userId productId kind value recommendationListId idempotencyKey product { code } } } }`;

describe.each(backends)('GraphQL mutations over HTTP (%s)', (provider) => {
  let t: TestDb;
  let bank: SmallBank;
  let api: Api;
  const rows = async () => [await t.db.feedback.count(), await t.db.interaction.count(), await t.db.customer.count(), await t.db.product.count()];

  beforeAll(async () => {
    t = await createTestDb(provider);
    bank = await seedSmallBank(t.db);
    api = await startApi(t.db);
  });
  afterAll(async () => {
    await api?.stop();
    await t?.close();
  });

  it.each(['DISMISS', 'PURCHASE'])('a %s through submitFeedback shows in the very next recommendations', async (kind) => {
    const u = customerId(kind === 'DISMISS' ? 23 : 24);
    const before = (await api.gql(RECS, { u })).data.recommendations;
    const top = before.items[0].product.id;
    const fb = await api.gql(FEEDBACK, { input: { userId: u, productId: top, kind, recommendationListId: before.id } });
    expect(fb.errors).toBeUndefined();
    expect(fb.data.submitFeedback).toMatchObject({ replayed: false, feedback: { userId: u, productId: top, kind, recommendationListId: before.id } });
    const after = (await api.gql(RECS, { u })).data.recommendations;
    expect(after.cached).toBe(false);
    expect(after.items.map((i: { product: { id: string } }) => i.product.id)).not.toContain(top);
    if (kind === 'PURCHASE') {
      const user = await api.gql('query($u: ID!) { user(id: $u) { holdings { id } } }', { u });
      expect(user.data.user.holdings.map((p: { id: string }) => p.id)).toContain(top);
    }
  });

  it('an idempotency key makes a repeated submitFeedback return the first feedback', async () => {
    const input = { userId: customerId(25), productId: bank.productIds.get('ind_plan_fin_ult1'), kind: 'RATING', value: 5, idempotencyKey: 'gql-1' };
    const first = await api.gql(FEEDBACK, { input });
    const before = await rows();
    const second = await api.gql(FEEDBACK, { input });
    expect(second.data.submitFeedback).toEqual({ ...first.data.submitFeedback, replayed: true });
    expect(await rows()).toEqual(before);
    const other = await api.gql(FEEDBACK, { input: { ...input, value: 1 } });
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
  });

  it('refuses invalid input with the field named and writes nothing', async () => {
    const before = await rows();
    const product = bank.productIds.get('ind_fond_fin_ult1');
    const cases: [string, Record<string, unknown>, string, string][] = [
      [FEEDBACK, { input: { userId: customerId(26), productId: product, kind: 'RATING', value: 9 } }, 'BAD_USER_INPUT', 'value'],
      [FEEDBACK, { input: { userId: 'nobody', productId: product, kind: 'CLICK' } }, 'NOT_FOUND', 'userId'],
      [FEEDBACK, { input: { userId: customerId(26), productId: product, kind: 'CLICK', idempotencyKey: '' } }, 'BAD_USER_INPUT', 'idempotencyKey'],
      ['mutation($i: UpsertUserInput!) { upsertUser(input: $i) { id } }', { i: { id: customerId(26), riskTolerance: 8 } }, 'BAD_USER_INPUT', 'riskTolerance'],
      ['mutation($i: UpsertUserInput!) { upsertUser(input: $i) { id } }', { i: { id: 'new', age: -1 } }, 'BAD_USER_INPUT', 'age'],
      ['mutation($i: UpsertProductInput!) { upsertProduct(input: $i) { id } }', { i: { code: 'X1', name: 'X', category: 'FUND', riskLevel: 8, description: 'd' } }, 'BAD_USER_INPUT', 'riskLevel'],
      ['mutation($i: UpsertProductInput!) { upsertProduct(input: $i) { id } }', { i: { code: 'X1', name: 'X', category: 'FUND', riskLevel: 3 } }, 'BAD_USER_INPUT', 'description'],
      ['mutation($i: UpsertProductInput!) { upsertProduct(input: $i) { id } }', { i: { code: 'bad code!' } }, 'BAD_USER_INPUT', 'code'],
      ['mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id } }', { i: { userId: customerId(26), productId: product, kind: 'HOLD' } }, 'BAD_USER_INPUT', 'kind'],
      ['mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id } }', { i: { userId: customerId(26), productId: 'nothing', kind: 'VIEW' } }, 'NOT_FOUND', 'productId'],
    ];
    for (const [query, variables, code, field] of cases) {
      const res = await api.gql(query, variables);
      expect(res.errors?.[0].extensions, JSON.stringify(variables)).toMatchObject({ code, field });
      expect(res.errors?.[0].message.length).toBeGreaterThan(5);
    }
    expect(await rows()).toEqual(before);
  });

  it('records an interaction and serves fresh recommendations afterwards', async () => {
    const u = customerId(27);
    await api.gql(RECS, { u });
    const res = await api.gql('mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id userId kind source occurredAt product { code } } }',
      { i: { userId: u, productId: bank.productIds.get('ind_viv_fin_ult1'), kind: 'VIEW' } });
    expect(res.errors).toBeUndefined();
    expect(res.data.recordInteraction).toMatchObject({ userId: u, kind: 'VIEW', source: 'api', product: { code: 'ind_viv_fin_ult1' } });
    expect((await api.gql(RECS, { u })).data.recommendations.cached).toBe(false);
  });

  it('upserts a user with a financial profile, which the suitability gate then applies', async () => {
    const up = await api.gql(`mutation { upsertUser(input: { id: "u-new", age: 35, riskTolerance: 1, investmentHorizonMonths: 24, liquidityNeed: HIGH }) {
      id age financialProfile { riskTolerance investmentHorizonMonths liquidityNeed } } }`);
    expect(up.data.upsertUser).toEqual({ id: 'u-new', age: 35, financialProfile: { riskTolerance: 1, investmentHorizonMonths: 24, liquidityNeed: 'HIGH' } });
    const recs = await api.gql('{ recommendations(userId: "u-new", first: 20) { items { product { riskLevel } } } }');
    const levels = recs.data.recommendations.items.map((i: { product: { riskLevel: number } }) => i.product.riskLevel);
    expect(levels.length).toBeGreaterThan(0);
    expect(Math.max(...levels)).toBeLessThanOrEqual(1);
  });

  it('upserts a product: created, then partially updated, and recommendable', async () => {
    const created = await api.gql(`mutation { upsertProduct(input: { code: "green-deposit", name: "Green Deposit", category: DEPOSIT, riskLevel: 1,
      termMonths: 12, interestRate: 2.5, description: "A 12-month deposit financing renewable energy projects." }) { id code name active currency interestRate } }`);
    expect(created.data.upsertProduct).toMatchObject({ code: 'green-deposit', active: true, currency: 'EUR', interestRate: 2.5 });
    const updated = await api.gql('mutation { upsertProduct(input: { code: "green-deposit", interestRate: 2.75 }) { id name interestRate } }');
    expect(updated.data.upsertProduct).toEqual({ id: created.data.upsertProduct.id, name: 'Green Deposit', interestRate: 2.75 });
    const recs = await api.gql(`{ recommendations(userId: "${customerId(29)}", first: 30, category: DEPOSIT) { items { product { code } } } }`);
    expect(recs.data.recommendations.items.map((i: { product: { code: string } }) => i.product.code)).toContain('green-deposit');
  });
});

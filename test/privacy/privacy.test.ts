// Data export and erasure over HTTP: the export holds everything stored about the customer (and
// nothing secret), bounded; erasure deletes the customer with their history in one transaction and
// keeps their served lists, untouched, under a pseudonym.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_LIMITS } from '../../src/privacy/export';
import { startApi, type Api } from '../helpers/api';
import { createTestDb, type TestDb } from '../helpers/db';
import { customerId, seedSmallBank, type SmallBank } from '../helpers/smallBank';

const EXPORT = `mutation($u: ID!) { exportCustomerData(userId: $u) {
  userId exportedAt formatVersion truncated data totals { interactions feedback recommendationLists riskAssessments apiKeys } } }`;
const ERASE = `mutation($u: ID!) { eraseCustomer(userId: $u) {
  userId pseudonym erasedAt listsKept interactionsDeleted feedbackDeleted riskAssessmentsDeleted apiKeysRevoked } }`;
const AUDIT = `query($id: ID!) { recommendationAudit(id: $id) {
  id userId customerErased servedAt recommender configHash modelVersion ruleSetVersion request notices { code message }
  items { rank score product { id } reasons { code weight text evidence } } exclusions { productId rule detail } } }`;

/** A customer with more interactions than an export holds. */
const LONG_HISTORY = customerId(13);
const MANY_LISTS = customerId(14);

describe('customer data export and erasure (sqlite, HTTP)', () => {
  let t: TestDb;
  let bank: SmallBank;
  let api: Api;

  /** Every table's row count: nothing written by a refused request. */
  const counts = async () => Promise.all([t.db.customer.count(), t.db.interaction.count(), t.db.feedback.count(), t.db.recommendationList.count(),
    t.db.recommendationItem.count(), t.db.riskAssessment.count(), t.db.apiKey.count({ where: { revokedAt: null } })]);
  const ok = async (query: string, variables: Record<string, unknown> = {}, key?: string) => {
    const r = await api.gql(query, variables, key === undefined ? {} : { key });
    expect(r.errors, query).toBeUndefined();
    return r.data;
  };

  /** A customer with every kind of data: lists (one answered by feedback), a need list, an interaction, a risk assessment, a key. */
  async function busyCustomer(u: string): Promise<{ listIds: string[]; secret: string }> {
    const list = (await ok('query($u: ID!) { recommendations(userId: $u, first: 4) { id items { product { id } } } }', { u })).recommendations;
    const need = (await ok('query($u: ID!) { recommendForNeed(text: "saving for a car in two years", userId: $u, first: 2) { listId } }', { u })).recommendForNeed;
    await ok('mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { replayed } }',
      { i: { userId: u, productId: list.items[0].product.id, kind: 'CLICK', recommendationListId: list.id } });
    await ok('mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id } }',
      { i: { userId: u, productId: bank.productIds.get('ind_reca_fin_ult1'), kind: 'VIEW' } });
    const { riskQuestionnaire } = await ok('{ riskQuestionnaire { questions { id options { id } } } }');
    await ok('mutation($u: ID!, $a: [RiskAnswerInput!]!) { submitRiskQuestionnaire(userId: $u, answers: $a) { riskTolerance } }',
      { u, a: riskQuestionnaire.questions.map((q: { id: string; options: { id: string }[] }) => ({ questionId: q.id, optionId: q.options[0].id })) });
    return { listIds: [list.id, need.listId], secret: await api.key('CUSTOMER', u) };
  }

  beforeAll(async () => {
    t = await createTestDb('sqlite');
    bank = await seedSmallBank(t.db);
    // Written before the server starts: a 10k-row write blocks the event loop (better-sqlite3 is
    // synchronous), which made the next request race the server's keep-alive timeout (ECONNRESET).
    const product = bank.productIds.get('ind_reca_fin_ult1')!;
    await t.db.interaction.createMany({
      data: Array.from({ length: EXPORT_LIMITS.interactions + 5 }, (_, i) => ({
        customerId: LONG_HISTORY, productId: product, kind: 'VIEW' as const, source: 'bulk', occurredAt: new Date(Date.UTC(2020, 0, 1) + i * 60_000),
      })),
    });
    // More lists than SQLite binds parameters in one statement (999): the export once failed there.
    const lists = Array.from({ length: EXPORT_LIMITS.recommendationLists + 5 }, (_, i) => ({
      id: `many-${String(i).padStart(5, '0')}`, customerId: MANY_LISTS, recommender: 'r', configHash: 'h', request: '{}', createdAt: new Date(Date.UTC(2021, 0, 1) + i * 60_000),
    }));
    await t.db.recommendationList.createMany({ data: lists });
    await t.db.recommendationItem.createMany({ data: lists.flatMap((l) => [1, 2].map((rank) => ({ listId: l.id, rank, productId: product, score: 1 / rank, reasons: '[]' }))) });
    api = await startApi(t.db);
  }, 120_000);
  afterAll(async () => { await api?.stop(); await t?.close(); });

  it('exports everything stored about the customer, protected attributes included, never a key hash', async () => {
    const u = customerId(10);
    const { secret } = await busyCustomer(u);
    const out = (await ok(EXPORT, { u }, secret)).exportCustomerData; // the customer's own key
    expect(out).toMatchObject({ userId: u, formatVersion: 1, truncated: [] });
    const where = { customerId: u };
    expect(out.totals).toEqual({
      interactions: await t.db.interaction.count({ where }), feedback: await t.db.feedback.count({ where }),
      recommendationLists: await t.db.recommendationList.count({ where }), riskAssessments: await t.db.riskAssessment.count({ where }),
      apiKeys: await t.db.apiKey.count({ where }),
    });
    expect(out.totals).toMatchObject({ feedback: 1, recommendationLists: 2, riskAssessments: 1, apiKeys: 1 });
    const { data } = out;
    expect(data.profile).toMatchObject({ id: u, sex: 'V', residenceCountry: 'ES', erasedAt: null });
    expect(data.interactions).toHaveLength(out.totals.interactions);
    expect(data.interactions[0]).toMatchObject({ kind: 'VIEW', productCode: 'ind_reca_fin_ult1' }); // newest first
    expect(data.feedback[0]).toMatchObject({ kind: 'CLICK', recommendationListId: expect.any(String) });
    expect(data.riskAssessments[0].answers).toEqual(expect.any(Object));
    const lists = data.recommendationLists as { request: { need?: string }; items: unknown[]; exclusions: unknown[]; ruleSetVersion: string }[];
    expect(lists.map((l) => l.request.need ?? null).sort()).toEqual(['saving for a car in two years', null].sort());
    expect(lists.every((l) => l.items.length > 0 && l.exclusions.length > 0 && l.ruleSetVersion !== '')).toBe(true);
    const text = JSON.stringify(out);
    const stored = await t.db.apiKey.findFirstOrThrow({ where });
    expect(text).not.toContain(stored.hash);
    expect(text).not.toContain(secret);
    expect(data.apiKeys[0]).toEqual({ id: stored.id, name: stored.name, prefix: stored.prefix, role: 'CUSTOMER', createdAt: stored.createdAt.toISOString(), revokedAt: null });
  });

  it('who may export: the customer (own only) and admins; an unknown customer is NOT_FOUND', async () => {
    const u = customerId(11);
    const own = await api.key('CUSTOMER', u);
    expect((await ok(EXPORT, { u }, own)).exportCustomerData.userId).toBe(u);
    const denied: [string, string][] = [[customerId(12), own], [u, await api.key('ADVISOR')], [u, await api.key('PARTNER')]];
    for (const [id, key] of denied) expect((await api.gql(EXPORT, { u: id }, { key })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(EXPORT, { u: 'nobody' })).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
  });

  it('a long history is cut to the newest rows, and the export says so', async () => {
    const u = LONG_HISTORY;
    const n = EXPORT_LIMITS.interactions + 5;
    const out = (await ok(EXPORT, { u })).exportCustomerData;
    expect(out.truncated).toEqual(['interactions']);
    expect(out.totals.interactions).toBeGreaterThanOrEqual(n);
    expect(out.data.interactions).toHaveLength(EXPORT_LIMITS.interactions);
    expect(out.data.interactions[0].occurredAt).toBe(new Date(Date.UTC(2020, 0, 1) + (n - 1) * 60_000).toISOString());
  });

  it('exports a customer with more lists than one SQL statement can bind, each with its items', async () => {
    const out = (await ok(EXPORT, { u: MANY_LISTS })).exportCustomerData;
    expect(out.truncated).toEqual(['recommendationLists']);
    expect(out.totals.recommendationLists).toBe(EXPORT_LIMITS.recommendationLists + 5);
    expect(out.data.recommendationLists).toHaveLength(EXPORT_LIMITS.recommendationLists);
    expect(out.data.recommendationLists[0].id).toBe(`many-${String(EXPORT_LIMITS.recommendationLists + 4).padStart(5, '0')}`);
    for (const l of out.data.recommendationLists) {
      expect(l.items.map((it: { rank: number; productCode: string }) => [it.rank, it.productCode])).toEqual([[1, 'ind_reca_fin_ult1'], [2, 'ind_reca_fin_ult1']]);
    }
  });

  it('erasure deletes the customer and their history, keeps their lists untouched under a pseudonym, and revokes their keys', async () => {
    const u = customerId(20);
    const { listIds, secret } = await busyCustomer(u);
    // a cached ranking exists now: it must not outlive the erasure
    const serve = async () => (await ok('query($u: ID!) { recommendations(userId: $u, first: 4) { id cached } }', { u })).recommendations;
    listIds.push((await serve()).id);
    expect((await serve()).cached).toBe(true);
    const audits = await Promise.all(listIds.map(async (id) => (await ok(AUDIT, { id })).recommendationAudit));
    const where = { customerId: u };
    const had = { interactions: await t.db.interaction.count({ where }), feedback: await t.db.feedback.count({ where }), lists: await t.db.recommendationList.count({ where }) };
    const others = { interactions: await t.db.interaction.count({ where: { customerId: { not: u } } }), lists: await t.db.recommendationList.count({ where: { customerId: { not: u } } }) };

    const before = Date.now();
    const e = (await ok(ERASE, { u })).eraseCustomer;
    expect(e).toMatchObject({
      userId: u, pseudonym: expect.stringMatching(/^erased-[0-9a-f-]{36}$/), listsKept: had.lists, interactionsDeleted: had.interactions,
      feedbackDeleted: had.feedback, riskAssessmentsDeleted: 1, apiKeysRevoked: 1,
    });
    expect(Date.parse(e.erasedAt)).toBeGreaterThanOrEqual(before - 1000);

    // the customer is gone everywhere
    expect((await ok('query($u: ID!) { user(id: $u) { id } }', { u })).user).toBeNull();
    expect((await api.gql('query($u: ID!) { recommendations(userId: $u) { id } }', { u })).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
    expect((await api.gql(EXPORT, { u })).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
    expect((await api.gql(ERASE, { u })).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
    expect((await api.gql(ERASE, { u: e.pseudonym })).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
    expect((await api.gql('{ productCount: products(first: 1) { pageInfo { hasNextPage } } }', {}, { key: secret })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    for (const count of [t.db.interaction.count({ where }), t.db.feedback.count({ where }), t.db.riskAssessment.count({ where }), t.db.customer.count({ where: { id: u } })]) {
      expect(await count).toBe(0);
    }
    // nobody else's data changed
    expect(await t.db.interaction.count({ where: { customerId: { not: u } } })).toBe(others.interactions);
    expect(await t.db.recommendationList.count({ where: { customerId: { notIn: [u, e.pseudonym] } } })).toBe(others.lists);

    // the audit trail: same records, now under the pseudonym; the customer's own words (a need's text) go with them
    for (const a of audits) {
      const request = a.request.need ? { ...a.request, need: null, needErased: true } : a.request;
      expect((await ok(AUDIT, { id: a.id })).recommendationAudit).toEqual({ ...a, request, userId: e.pseudonym, customerErased: true });
    }
    expect(audits.filter((a) => a.request.need === 'saving for a car in two years')).toHaveLength(1);
    const stored = await t.db.recommendationList.findMany({ where: { customerId: e.pseudonym }, select: { request: true } });
    expect(stored.some((l) => l.request.includes('car in two years'))).toBe(false);
    const pseudonym = await t.db.customer.findUniqueOrThrow({ where: { id: e.pseudonym } });
    const { id, erasedAt, createdAt, updatedAt, ...attributes } = pseudonym;
    expect(Object.values(attributes).every((v) => v === null)).toBe(true);
    expect(erasedAt?.toISOString()).toBe(e.erasedAt);
    expect(await t.db.apiKey.count({ where: { customerId: u } })).toBe(0);
    void id; void createdAt; void updatedAt;
  });

  it("an erased customer's pseudonym is an audit placeholder, not a customer: not listed, not served, not writable", async () => {
    const u = customerId(23);
    await ok('query($u: ID!) { recommendations(userId: $u, first: 2) { id } }', { u });
    const { pseudonym } = (await ok(ERASE, { u })).eraseCustomer;
    const listsBefore = await t.db.recommendationList.count({ where: { customerId: pseudonym } });
    expect((await ok('query($u: ID!) { user(id: $u) { id } }', { u: pseudonym })).user).toBeNull();
    const ids: string[] = [];
    for (let after: string | null = null; ;) {
      const page = (await ok('query($a: String) { users(first: 100, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', { a: after })).users;
      ids.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ids.some((id) => id.startsWith('erased-'))).toBe(false);
    for (const [query, variables] of [
      ['query($u: ID!) { recommendations(userId: $u) { id } }', { u: pseudonym }],
      ['mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id } }', { i: { userId: pseudonym, productId: bank.productIds.get('ind_reca_fin_ult1'), kind: 'VIEW' } }],
    ] as const) {
      expect((await api.gql(query, variables)).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
    }
    const upsert = await api.gql('mutation($i: UpsertUserInput!) { upsertUser(input: $i) { id } }', { i: { id: pseudonym, age: 40 } });
    expect(upsert.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(await t.db.recommendationList.count({ where: { customerId: pseudonym } })).toBe(listsBefore);
    expect((await t.db.customer.findUniqueOrThrow({ where: { id: pseudonym } })).age).toBeNull();
  });

  it('refuses before writing: non-admins are FORBIDDEN, an unknown customer NOT_FOUND', async () => {
    const u = customerId(21);
    const before = await counts();
    for (const key of [await api.key('ADVISOR'), await api.key('PARTNER'), await api.key('CUSTOMER', u)]) {
      expect((await api.gql(ERASE, { u }, { key })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await api.gql(ERASE, { u: 'nobody' })).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
    const after = await counts();
    expect(after.slice(0, 6)).toEqual(before.slice(0, 6));
    expect((await ok('query($u: ID!) { user(id: $u) { id } }', { u })).user).toEqual({ id: u });
  });

  it('is one transaction: a failure at the last step leaves everything as it was', async () => {
    const u = customerId(22);
    await busyCustomer(u);
    // The store refuses the final delete of this one customer (as a crash or a constraint would).
    await t.db.$executeRawUnsafe(`CREATE TRIGGER refuse_erase BEFORE DELETE ON "Customer" WHEN old.id = '${u}' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    try {
      const lists = await t.db.recommendationList.findMany({ where: { customerId: u }, orderBy: { id: 'asc' } });
      const before = await counts();
      const pseudonyms = () => t.db.customer.count({ where: { erasedAt: { not: null }, id: { startsWith: 'erased-' } } });
      const pseudonymsBefore = await pseudonyms();
      const r = await api.gql(ERASE, { u });
      expect(r.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await counts()).toEqual(before);
      expect(await t.db.recommendationList.findMany({ where: { customerId: u }, orderBy: { id: 'asc' } })).toEqual(lists);
      expect(await pseudonyms()).toBe(pseudonymsBefore); // no pseudonym left behind
    } finally {
      await t.db.$executeRawUnsafe('DROP TRIGGER refuse_erase');
    }
    expect((await ok(ERASE, { u })).eraseCustomer.userId).toBe(u);
  });
});

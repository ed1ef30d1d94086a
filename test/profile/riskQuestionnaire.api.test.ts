// The risk questionnaire over HTTP, against the real server and a real SQLite file: an unprofiled
// customer is shown nothing above risk 2 but accounts, cards and services; a completed questionnaire
// sets the profile in one write and the very next recommendations use it; a bad submission writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db';
import { startApi, type Api } from '../helpers/api';
import { customerId, seedSmallBank } from '../helpers/smallBank';

const RECS = `query($u: ID!) { recommendations(userId: $u, first: 24) { id items { product { code category riskLevel } } } }`;
const SUBMIT = `mutation($u: ID!, $a: [RiskAnswerInput!]!) { submitRiskQuestionnaire(userId: $u, answers: $a) {
  userId questionnaireVersion score riskTolerance investmentHorizonMonths liquidityNeed assessedAt } }`;
const BOLD = { knowledge: 'complex', experience: 'frequently', horizon: 'gt10y', capacity: 'unaffected', reaction: 'buy_more', objective: 'growth', liquidity: 'none' };
const answers = (c: Record<string, string>) => Object.entries(c).map(([questionId, optionId]) => ({ questionId, optionId }));
const NO_PROFILE_NEEDED = new Set(['ACCOUNT', 'CARD', 'SERVICE']);
type Item = { product: { code: string; category: string; riskLevel: number } };
const beyondUnprofiled = (items: Item[]) => items.filter((i) => i.product.riskLevel > 2 && !NO_PROFILE_NEEDED.has(i.product.category));

describe('risk questionnaire over HTTP', () => {
  let t: TestDb;
  let api: Api;
  // c008 has no risk profile in the small bank (every 8th customer), a known income and age 21.
  const u = customerId(8);
  const rows = async () => [await t.db.riskAssessment.count(), JSON.stringify(await t.db.customer.findUnique({ where: { id: u } }))];

  beforeAll(async () => {
    t = await createTestDb();
    await seedSmallBank(t.db);
    api = await startApi(t.db);
  });
  afterAll(async () => {
    await api?.stop();
    await t?.close();
  });

  it('serves the questionnaire to any authenticated caller, not without a key', async () => {
    const q = await api.gql('{ riskQuestionnaire { version maxScore questions { id topic options { id points maxTolerance } } } }');
    expect(q.errors).toBeUndefined();
    expect(q.data.riskQuestionnaire.version).toBe('rq-2026-12');
    expect(q.data.riskQuestionnaire.questions.map((x: { id: string }) => x.id)).toEqual(Object.keys(BOLD));
    const capacity = q.data.riskQuestionnaire.questions.find((x: { id: string }) => x.id === 'capacity');
    expect(capacity.options.find((o: { id: string }) => o.id === 'none').maxTolerance).toBe(2);
    const anonymous = await api.gql('{ riskQuestionnaire { version } }', {}, { key: null });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('bad answers are refused with the offending field, and nothing is written', async () => {
    const before = await rows();
    const a = answers(BOLD);
    const cases: [unknown[], string, string][] = [
      [[...a.slice(0, 3), { questionId: 'capacity', optionId: 'everything' }, ...a.slice(4)], 'BAD_USER_INPUT', 'answers[3].optionId'],
      [[...a, { questionId: 'horizon', optionId: 'lt1y' }], 'BAD_USER_INPUT', 'answers[7].questionId'],
      [[...a, { questionId: 'star-sign', optionId: 'leo' }], 'BAD_USER_INPUT', 'answers[7].questionId'],
      [a.slice(1), 'BAD_USER_INPUT', 'answers'],
      [[], 'BAD_USER_INPUT', 'answers'],
    ];
    for (const [bad, code, field] of cases) {
      const r = await api.gql(SUBMIT, { u, a: bad });
      expect(r.data?.submitRiskQuestionnaire ?? null).toBeNull();
      expect(r.errors?.[0].extensions).toMatchObject({ code, field });
    }
    const unknown = await api.gql(SUBMIT, { u: 'no-such-customer', a });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
    expect(await rows()).toEqual(before);
  });

  it('a CUSTOMER key may profile only its own customer', async () => {
    const other = await api.key('CUSTOMER', customerId(9));
    const before = await rows();
    const r = await api.gql(SUBMIT, { u, a: answers(BOLD) }, { key: other });
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await rows()).toEqual(before);
  });

  it('unprofiled: nothing above risk 2 but accounts, cards and services; after a bold questionnaire investments can appear', async () => {
    const before = await api.gql(RECS, { u });
    expect(before.errors).toBeUndefined();
    expect(before.data.recommendations.items.length).toBeGreaterThan(0);
    expect(beyondUnprofiled(before.data.recommendations.items)).toEqual([]);

    const own = await api.key('CUSTOMER', u);
    const p = await api.gql(SUBMIT, { u, a: answers(BOLD) }, { key: own });
    expect(p.errors).toBeUndefined();
    expect(p.data.submitRiskQuestionnaire).toMatchObject({
      userId: u, questionnaireVersion: 'rq-2026-12', score: 21, riskTolerance: 7, investmentHorizonMonths: 120, liquidityNeed: 'LOW',
    });
    const customer = await t.db.customer.findUniqueOrThrow({ where: { id: u } });
    expect(customer).toMatchObject({ riskTolerance: 7, investmentHorizonMonths: 120, liquidityNeed: 'LOW' });
    expect(customer.riskProfiledAt?.toISOString()).toBe(p.data.submitRiskQuestionnaire.assessedAt);
    const stored = await t.db.riskAssessment.findMany({ where: { customerId: u } });
    expect(stored).toHaveLength(1);
    expect(JSON.parse(stored[0].answers)).toEqual(BOLD);

    const after = await api.gql(RECS, { u });
    const investments = beyondUnprofiled(after.data.recommendations.items);
    expect(investments.map((i) => i.product.category)).toEqual(expect.arrayContaining(['FUND']));
    expect(after.data.recommendations.id).not.toBe(before.data.recommendations.id);
  });

  it('a cautious questionnaire lowers the tolerance again: the next list follows it', async () => {
    const p = await api.gql(SUBMIT, { u, a: answers({ ...BOLD, capacity: 'none' }) });
    expect(p.data.submitRiskQuestionnaire.riskTolerance).toBe(2);
    const after = await api.gql(RECS, { u });
    for (const i of after.data.recommendations.items as Item[]) expect(i.product.riskLevel).toBeLessThanOrEqual(2);
    expect(await t.db.riskAssessment.count({ where: { customerId: u } })).toBe(2);
  });
});

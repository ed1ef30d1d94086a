// The audit trail over HTTP: every served list (recommendations, recommendForNeed) stores the rule-set
// and model versions, the items with their reasons, every product the gate excluded with the rule and
// its detail, and the list's notices; recommendationAudit reads it back as served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_SET_VERSION } from '../../src/recommend/suitability';
import { startApi, type Api } from '../helpers/api';
import { createTestDb, type TestDb } from '../helpers/db';
import { customerId, holdingsOf, seedSmallBank, type SmallBank } from '../helpers/smallBank';

const LIST = `id userId recommender configHash modelVersion ruleSetVersion excludedCount notices { code message }
  items { rank score product { id } reasons { code weight text } }`;
const AUDIT = `query($id: ID!) { recommendationAudit(id: $id) {
  id userId customerErased servedAt recommender configHash modelVersion ruleSetVersion request notices { code message }
  items { rank score product { id } reasons { code weight text } }
  exclusions { productId product { id category } rule detail } } }`;

interface Exclusion { productId: string; product: { id: string; category: string }; rule: string; detail: string }

describe('audit trail of served lists (sqlite, HTTP)', () => {
  let t: TestDb;
  let bank: SmallBank;
  let api: Api;

  beforeAll(async () => {
    t = await createTestDb('sqlite');
    bank = await seedSmallBank(t.db);
    api = await startApi(t.db);
  }, 120_000);
  afterAll(async () => { await api?.stop(); await t?.close(); });

  const audit = async (id: string, key?: string) => api.gql(AUDIT, { id }, key === undefined ? {} : { key });

  it('stores what was served, the versions, every exclusion with its rule and detail, and the notices', async () => {
    const u = customerId(4); // holds current + payroll + e-account + pension: excluded as held
    const served = (await api.gql(`query($u: ID!) { recommendations(userId: $u, first: 5) { ${LIST} } }`, { u })).data.recommendations;
    expect(served.ruleSetVersion).toBe(RULE_SET_VERSION);
    const res = await audit(served.id);
    expect(res.errors).toBeUndefined();
    const a = res.data.recommendationAudit;
    expect(a).toMatchObject({
      id: served.id, userId: u, customerErased: false, recommender: served.recommender, configHash: served.configHash,
      modelVersion: served.modelVersion, ruleSetVersion: RULE_SET_VERSION, request: { first: 5, category: null }, notices: served.notices,
    });
    expect(a.items).toEqual(served.items);
    expect(a.items.every((it: { reasons: unknown[] }) => it.reasons.length > 0)).toBe(true);
    expect(a.exclusions).toHaveLength(served.excludedCount);
    const heldIds = holdingsOf(4).map((code) => bank.productIds.get(code)!);
    const byProduct = new Map((a.exclusions as Exclusion[]).map((x) => [x.productId, x]));
    for (const id of heldIds) {
      expect(byProduct.get(id)?.rule, `held product ${id} is excluded with its rule`).toBeTruthy();
      expect(byProduct.get(id)?.detail).toBeTruthy();
    }
    // nothing served is excluded, nothing excluded is served
    const servedIds = new Set(a.items.map((i: { product: { id: string } }) => i.product.id));
    expect((a.exclusions as Exclusion[]).filter((x) => servedIds.has(x.productId))).toEqual([]);
  });

  it('a category-filtered list stores only the exclusions of its own candidates (as excludedCount counts them)', async () => {
    const u = customerId(10); // holds the fund line (i % 5 === 0)
    const q = `query($u: ID!) { all: recommendations(userId: $u, first: 3) { id excludedCount } funds: recommendations(userId: $u, first: 3, category: FUND) { id excludedCount } }`;
    const { all, funds } = (await api.gql(q, { u })).data;
    const fundAudit = (await audit(funds.id)).data.recommendationAudit;
    const allAudit = (await audit(all.id)).data.recommendationAudit;
    expect(fundAudit.request).toEqual({ first: 3, category: 'FUND' });
    expect(fundAudit.exclusions).toHaveLength(funds.excludedCount);
    expect(fundAudit.exclusions.length).toBeGreaterThan(0);
    expect(fundAudit.exclusions.every((x: Exclusion) => x.product.category === 'FUND')).toBe(true);
    expect(allAudit.exclusions).toHaveLength(all.excludedCount);
    expect(allAudit.exclusions.length).toBeGreaterThan(fundAudit.exclusions.length);
  });

  it("an unprofiled customer's list stores its NO_RISK_PROFILE notice", async () => {
    const u = customerId(8); // no risk tolerance on record
    const served = (await api.gql(`query($u: ID!) { recommendations(userId: $u, first: 4) { ${LIST} } }`, { u })).data.recommendations;
    expect(served.notices.map((n: { code: string }) => n.code)).toContain('NO_RISK_PROFILE');
    const row = await t.db.recommendationList.findUniqueOrThrow({ where: { id: served.id } });
    expect(JSON.parse(row.notices)).toEqual(served.notices);
    expect((await audit(served.id)).data.recommendationAudit.notices).toEqual(served.notices);
    expect(JSON.parse(row.exclusions).some((x: { rule: string }) => x.rule === 'NO_RISK_PROFILE' || x.rule.startsWith('RISK'))).toBe(true);
  });

  it('a need-based list stores the need, its exclusions (need rules included) and its coded notices', async () => {
    const u = customerId(8);
    const res = await api.gql(`query($u: ID!) { recommendForNeed(text: "home insurance, or a safe place for 5000 euros for one year", userId: $u, first: 3) {
      listId excludedCount notices { code message } items { rank score product { id } } } }`, { u });
    expect(res.errors).toBeUndefined();
    const need = res.data.recommendForNeed;
    const a = (await audit(need.listId)).data.recommendationAudit;
    expect(a).toMatchObject({ userId: u, recommender: 'need', ruleSetVersion: RULE_SET_VERSION, request: { first: 3, category: null, need: 'home insurance, or a safe place for 5000 euros for one year' } });
    expect(a.items.map((i: { rank: number; score: number; product: { id: string } }) => ({ rank: i.rank, score: i.score, product: i.product }))).toEqual(need.items);
    expect(a.exclusions).toHaveLength(need.excludedCount);
    expect(a.exclusions.length).toBeGreaterThan(0);
    expect(a.notices).toEqual(need.notices); // served and stored alike: code and message
    expect(a.notices.map((n: { code: string }) => n.code)).toContain('NOT_OFFERED'); // no insurance in the catalog
  });

  it('an unknown id is null (like user); advisors may read audits, customers and partners may not', async () => {
    expect((await audit('no-such-list')).data).toEqual({ recommendationAudit: null });
    const u = customerId(3);
    const { id } = (await api.gql('query($u: ID!) { recommendations(userId: $u) { id } }', { u })).data.recommendations;
    expect((await audit(id, await api.key('ADVISOR'))).data.recommendationAudit.id).toBe(id);
    for (const key of [await api.key('CUSTOMER', u), await api.key('PARTNER')]) {
      const r = await audit(id, key);
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(r.data?.recommendationAudit ?? null).toBeNull();
    }
    expect((await audit(id, null as unknown as string)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("recommendationAudits pages a customer's lists, newest first", async () => {
    const u = customerId(12);
    const ids: string[] = [];
    for (const first of [1, 2, 3]) {
      ids.push((await api.gql('query($u: ID!, $f: Int) { recommendations(userId: $u, first: $f) { id } }', { u, f: first })).data.recommendations.id);
    }
    const page = async (after: string | null) => (await api.gql(`query($u: ID!, $after: String) { recommendationAudits(userId: $u, first: 2, after: $after) {
      edges { node { id request } } pageInfo { hasNextPage endCursor } } }`, { u, after })).data.recommendationAudits;
    const p1 = await page(null);
    const p2 = await page(p1.pageInfo.endCursor);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    const seen = [...p1.edges, ...p2.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(new Set(seen)).toEqual(new Set(ids));
    const bad = await api.gql('query($u: ID!) { recommendationAudits(userId: $u, first: 101) { pageInfo { hasNextPage } } }', { u });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

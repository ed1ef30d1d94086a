// The rule set as data: the committed file validates, its version reaches every list, the rules
// run in the file's order with the file's parameters, and a malformed file is refused at load.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { fitEngine, createEngine } from '../../src/recommend/pipeline';
import { createRecommenders } from '../../src/recommend/recommenders';
import { compileRule, monthlyInstalment, parseRuleSet, RANKING_RULE_SET, RULE_SET, RULE_SET_VERSION } from '../../src/recommend/rules';
import { RULES, suitabilityGate } from '../../src/recommend/suitability';
import type { ProductInfo } from '../../src/recommend/types';
import { PRODUCTS, profile, stateOf, trainingFixture } from '../recommend/fixture';

const raw = () => JSON.parse(readFileSync(path.join(__dirname, '../../src/recommend/rules/ruleset.v1.json'), 'utf8'));
const product = (id: string, category: ProductInfo['category'], extra: Partial<ProductInfo> = {}): ProductInfo => ({
  id, code: id, name: id, category, riskLevel: 1, interestRate: null, apr: null, annualFee: null, managementFeePercent: null,
  termMonths: null, minAge: null, maxAge: null, minAmount: null, currency: 'EUR', description: id, active: true, ...extra,
});
const ruleOf = (g: ReturnType<typeof suitabilityGate>, id: string) => g.excluded.find((e) => e.productId === id)?.rule ?? null;

describe('suitability rule set file', () => {
  it('is versioned, validates, and the gate runs its rules in its order', () => {
    expect(RULE_SET_VERSION).toBe(raw().version);
    expect(RULES.map((r) => r.rule)).toEqual(raw().rules.map((r: { id: string }) => r.id));
    expect(RULES.map((r) => r.rule)).toEqual([
      'INACTIVE_PRODUCT', 'ALREADY_HELD', 'DISMISSED', 'NO_RISK_PROFILE', 'RISK_ABOVE_TOLERANCE', 'AGE_NOT_ELIGIBLE',
      'AMOUNT_ABOVE_INCOME_SHARE', 'TERM_BEYOND_HORIZON', 'LOAN_NOT_AFFORDABLE',
    ]);
    expect(RANKING_RULE_SET.rules.map((r) => r.rule)).toEqual(['INACTIVE_PRODUCT', 'ALREADY_HELD', 'DISMISSED', 'AGE_NOT_ELIGIBLE']);
    expect(RANKING_RULE_SET.version).not.toBe(RULE_SET_VERSION);
    for (const r of RULE_SET.rules) expect(r.description.length).toBeGreaterThan(40);
  });

  it('refuses a malformed rule set: unknown type, wrong params, duplicate ids, missing loan defaults', () => {
    const bad = (edit: (s: any) => void) => { const s = raw(); edit(s); return () => parseRuleSet(s); };
    expect(bad((s) => { s.rules[0].type = 'astrology'; })).toThrow();
    expect(bad((s) => { s.rules[3].params.unprofiledMaxRisk = 9; })).toThrow();
    expect(bad((s) => { s.rules[6].params.maxShareOfIncome = '0.25'; })).toThrow();
    expect(bad((s) => { s.rules[3].params.noProfileCategories = ['ACOUNT']; })).toThrow();
    expect(bad((s) => { s.rules[1].id = s.rules[0].id; })).toThrow(/unique/);
    expect(bad((s) => { delete s.rules[8].params.defaultTermMonths.MORTGAGE; })).toThrow(/lending category/);
    expect(bad((s) => { s.rules[0].params.extra = 1; })).toThrow();
    expect(() => parseRuleSet(raw())).not.toThrow();
  });

  it('a rule\'s parameters come from the data: a stricter copy of a rule is stricter', () => {
    const spec = raw().rules.find((r: { id: string }) => r.id === 'NO_RISK_PROFILE');
    const strict = compileRule(parseRuleSet({ ...raw(), rules: [{ ...spec, params: { unprofiledMaxRisk: 1, noProfileCategories: [], noProfileCategoriesMaxRisk: 1 } }] }).rules[0]);
    const s = stateOf(profile('u'), []);
    expect(strict.check(s, product('card', 'CARD', { riskLevel: 2 })).pass).toBe(false);
    expect(RULES.find((r) => r.rule === 'NO_RISK_PROFILE')!.check(s, product('card', 'CARD', { riskLevel: 2 })).pass).toBe('not-applicable');
  });
});

describe('profile rules', () => {
  const income = 40_000; // the fixture profile's
  it('minimum amount vs income: above a quarter of yearly income excluded; unknown income or credit not applicable', () => {
    const ps = [product('a', 'DEPOSIT', { minAmount: 10_000 }), product('b', 'DEPOSIT', { minAmount: 10_001 }), product('c', 'LOAN', { minAmount: 20_000 })];
    const g = suitabilityGate(stateOf(profile('q', { income }), []), ps);
    expect([ruleOf(g, 'a'), ruleOf(g, 'b'), ruleOf(g, 'c')]).toEqual([null, 'AMOUNT_ABOVE_INCOME_SHARE', null]);
    expect(g.kept.find((k) => k.product.id === 'a')!.passed).toContain('AMOUNT_WITHIN_MEANS');
    expect(g.excluded.find((e) => e.productId === 'b')!.detail).toContain('25 %');
    expect(suitabilityGate(stateOf(profile('q', { income: null }), []), ps.slice(0, 2)).excluded).toEqual([]);
  });

  it('term vs horizon: a term longer than the horizon excluded; no horizon, no term or a credit term not applicable', () => {
    const ps = [product('d12', 'DEPOSIT', { termMonths: 12 }), product('d13', 'DEPOSIT', { termMonths: 13 }), product('m', 'MORTGAGE', { termMonths: 300 }), product('acc', 'ACCOUNT')];
    const g = suitabilityGate(stateOf(profile('q', { investmentHorizonMonths: 12, income: 1e6 }), []), ps);
    expect(ps.map((p) => ruleOf(g, p.id))).toEqual([null, 'TERM_BEYOND_HORIZON', null, null]);
    expect(suitabilityGate(stateOf(profile('q', { investmentHorizonMonths: null }), []), ps.slice(0, 2)).excluded).toEqual([]);
  });

  it('loan affordability: unknown income excludes; the instalment is checked against 35 % of monthly income', () => {
    // 10,000 over 60 months at 8 %: 202.76 a month → needs a yearly income of at least 6,952.
    expect(monthlyInstalment(10_000, 8, 60)).toBeCloseTo(202.76, 2);
    expect(monthlyInstalment(1_200, 0, 12)).toBe(100);
    const loan = product('loan', 'LOAN', { riskLevel: 2 });
    const at = (inc: number | null) => ruleOf(suitabilityGate(stateOf(profile('q', { income: inc, riskTolerance: 7 }), []), [loan]), 'loan');
    expect(at(null)).toBe('LOAN_NOT_AFFORDABLE');
    expect(at(6_900)).toBe('LOAN_NOT_AFFORDABLE');
    expect(at(7_000)).toBeNull();
    // The product's own amount, rate and term replace the representative ones.
    const big = product('big', 'MORTGAGE', { riskLevel: 2, minAmount: 300_000, apr: 4, termMonths: 360 }); // 1,432.25 a month
    const g = suitabilityGate(stateOf(profile('q', { income: 49_000, riskTolerance: 7 }), []), [big]);
    expect(ruleOf(g, 'big')).toBe('LOAN_NOT_AFFORDABLE');
    expect(g.excluded[0].detail).toMatch(/1,432 EUR a month/);
    expect(ruleOf(suitabilityGate(stateOf(profile('q', { income: 49_200, riskTolerance: 7 }), []), [big]), 'big')).toBeNull();
  });

  // A risk-7 "account" a partner could create (a leveraged FX trading account) reached unprofiled
  // customers while the exemption held "whatever their risk level" (security review).
  it('unprofiled: risk ≤ 2, plus accounts, cards and services up to risk 3; profiled customers are judged by tolerance', () => {
    const ps = [product('f2', 'FUND', { riskLevel: 2 }), product('f3', 'FUND', { riskLevel: 3 }), product('acc3', 'ACCOUNT', { riskLevel: 3 }),
      product('card3', 'CARD', { riskLevel: 3 }), product('svc4', 'SERVICE', { riskLevel: 4 }), product('loan3', 'LOAN', { riskLevel: 3 }),
      product('fx7', 'ACCOUNT', { riskLevel: 7 })];
    const g = suitabilityGate(stateOf(profile('q'), []), ps);
    expect(ps.map((p) => ruleOf(g, p.id))).toEqual([null, 'NO_RISK_PROFILE', null, null, 'NO_RISK_PROFILE', 'NO_RISK_PROFILE', 'NO_RISK_PROFILE']);
    const profiled = suitabilityGate(stateOf(profile('q', { riskTolerance: 3 }), []), ps);
    expect(ps.map((p) => ruleOf(profiled, p.id))).toEqual([null, null, null, null, 'RISK_ABOVE_TOLERANCE', null, 'RISK_ABOVE_TOLERANCE']);
  });
});

describe('pipeline: rule-set version and notices on every list', () => {
  const config = loadConfig({ NODE_ENV: 'test', WEIGHT_NEURAL: '0' });
  it('the live engine gates with the full set, says so, and tells an unprofiled customer why investments are missing', async () => {
    const engine = await fitEngine(trainingFixture(), config);
    const saver = stateOf(profile('s', { age: 65 }), [['acc', 'save'], ['acc', 'save'], ['acc', 'save'], ['acc', 'save'], ['acc', 'save']]);
    const list = engine.recommend(saver, PRODUCTS, { first: 8 });
    expect(list.ruleSetVersion).toBe(RULE_SET_VERSION);
    expect(list.notices).toEqual([{ code: 'NO_RISK_PROFILE', message: expect.stringContaining('risk questionnaire') }]);
    expect(list.items.map((i) => i.product.id)).not.toContain('fund');
    expect(list.excluded.find((e) => e.productId === 'fund')?.rule).toBe('NO_RISK_PROFILE');

    const profiled = engine.recommend({ ...saver, profile: { ...saver.profile, riskTolerance: 5 } }, PRODUCTS, { first: 8 });
    expect(profiled.notices).toEqual([]);
    expect(profiled.items.map((i) => i.product.id)).toContain('fund');
  });

  it('an evaluation engine with the ranking-only set keeps profile rules out, records that version, and gives no notice', async () => {
    const parts = createRecommenders(config);
    const data = trainingFixture();
    for (const p of parts) await p.recommender.fit(data);
    const engine = createEngine(parts, { normalisation: 'max', rules: RANKING_RULE_SET });
    const saver = stateOf(profile('s', { age: 65 }), [['acc', 'save'], ['acc', 'save'], ['acc', 'save'], ['acc', 'save'], ['acc', 'save']]);
    const list = engine.recommend(saver, PRODUCTS, { first: 8 });
    expect(list.ruleSetVersion).toBe(RANKING_RULE_SET.version);
    expect(list.notices).toEqual([]);
    expect(list.items.map((i) => i.product.id)).toContain('fund');
    expect(engine.configHash).not.toBe(createEngine(parts, { normalisation: 'max' }).configHash);
  });
});

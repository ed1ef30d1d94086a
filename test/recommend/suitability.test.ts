import { describe, expect, it } from 'vitest';
import { suitabilityGate } from '../../src/recommend/suitability';
import { PRODUCTS, profile, stateOf } from './fixture';

const ids = (g: ReturnType<typeof suitabilityGate>) => g.kept.map((k) => k.product.id);
const rule = (g: ReturnType<typeof suitabilityGate>, id: string) => g.excluded.find((e) => e.productId === id)?.rule;

describe('suitability gate', () => {
  it('removes what the customer holds and what they dismissed, recording the rule', () => {
    const state = stateOf(profile('q'), [['acc'], ['acc'], ['acc'], ['acc'], ['acc', 'pay']],
      [{ productId: 'card', kind: 'DISMISS', value: null, at: new Date(Date.UTC(2016, 4, 30)) }]);
    const g = suitabilityGate(state, PRODUCTS);
    expect(rule(g, 'acc')).toBe('ALREADY_HELD');
    expect(rule(g, 'pay')).toBe('ALREADY_HELD');
    expect(rule(g, 'card')).toBe('DISMISSED');
    expect(g.excluded.find((e) => e.productId === 'card')!.detail).toContain('Credit Card');
    expect(ids(g)).not.toContain('card');
  });

  it('removes inactive products', () => {
    const g = suitabilityGate(stateOf(profile('q'), []), PRODUCTS);
    expect(rule(g, 'old')).toBe('INACTIVE_PRODUCT');
  });

  it('removes products above a known risk tolerance and says so; without a profile only risk ≤ 2 and accounts, cards, services', () => {
    const cautious = suitabilityGate(stateOf(profile('q', { riskTolerance: 3 }), []), PRODUCTS);
    expect(rule(cautious, 'fund')).toBe('RISK_ABOVE_TOLERANCE');
    expect(rule(cautious, 'deriv')).toBe('RISK_ABOVE_TOLERANCE');
    expect(cautious.excluded.find((e) => e.productId === 'fund')!.detail).toBe("risk level 4 is above the customer's tolerance 3");
    expect(cautious.kept.find((k) => k.product.id === 'card')!.passed).toContain('RISK_WITHIN_TOLERANCE');
    const unknown = suitabilityGate(stateOf(profile('q', { riskTolerance: null }), []), PRODUCTS);
    expect(rule(unknown, 'fund')).toBe('NO_RISK_PROFILE');
    expect(rule(unknown, 'deriv')).toBe('NO_RISK_PROFILE');
    expect(unknown.excluded.find((e) => e.productId === 'fund')!.detail).toContain('no risk profile');
    expect(ids(unknown)).toEqual(expect.arrayContaining(['acc', 'pay', 'card', 'save']));
    // Without a tolerance nothing is claimed to be "within your tolerance".
    expect(unknown.kept.find((k) => k.product.id === 'card')!.passed).not.toContain('RISK_WITHIN_TOLERANCE');
  });

  it('applies age bounds as eligibility rules: min age, max age, and unknown age', () => {
    const minor = suitabilityGate(stateOf(profile('q', { age: 15 }), []), PRODUCTS);
    expect(rule(minor, 'card')).toBe('AGE_NOT_ELIGIBLE');
    expect(rule(minor, 'pay')).toBe('AGE_NOT_ELIGIBLE'); // 16+
    expect(ids(minor)).toContain('junior');
    expect(minor.kept.find((k) => k.product.id === 'junior')!.passed).toContain('AGE_ELIGIBLE');

    const adult = suitabilityGate(stateOf(profile('q', { age: 40, riskTolerance: 7 }), []), PRODUCTS);
    expect(rule(adult, 'junior')).toBe('AGE_NOT_ELIGIBLE');
    expect(adult.excluded.find((e) => e.productId === 'junior')!.detail).toBe('age 40 is outside 0–19');
    expect(ids(adult)).toEqual(expect.arrayContaining(['card', 'fund', 'pay']));

    const unknown = suitabilityGate(stateOf(profile('q', { age: null }), []), PRODUCTS);
    expect(ids(unknown).sort()).toEqual(['acc', 'save']); // only products with no age bound (and active)
    expect(rule(unknown, 'junior')).toBe('AGE_NOT_ELIGIBLE');
    expect(unknown.excluded.find((e) => e.productId === 'card')!.detail).toMatch(/^age unknown/);
  });

  it('records one exclusion per removed product and lists every rule a kept product passed', () => {
    const g = suitabilityGate(stateOf(profile('q', { age: 40, riskTolerance: 5 }), [['acc'], ['acc'], ['acc'], ['acc'], ['acc']]), PRODUCTS);
    expect(g.kept.length + g.excluded.length).toBe(PRODUCTS.length);
    expect(new Set(g.excluded.map((e) => e.productId)).size).toBe(g.excluded.length);
    expect(g.kept.find((k) => k.product.id === 'fund')!.passed)
      .toEqual(['PRODUCT_ACTIVE', 'NOT_HELD', 'NOT_DISMISSED', 'RISK_WITHIN_TOLERANCE', 'AGE_ELIGIBLE']);
    expect(g.kept.find((k) => k.product.id === 'save')!.passed).toEqual(['PRODUCT_ACTIVE', 'NOT_HELD', 'NOT_DISMISSED', 'RISK_WITHIN_TOLERANCE']);
  });
});

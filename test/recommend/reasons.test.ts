import { describe, expect, it } from 'vitest';
import { buildReasons, GATE_REASON_CODES, REASON_CODES, SIGNAL_REASON_CODES } from '../../src/recommend/reasons';
import { PRODUCTS, profile, stateOf } from './fixture';

const fund = PRODUCTS.find((p) => p.id === 'fund')!;

describe('reasons', () => {
  const state = stateOf(profile('q', { riskTolerance: 5 }), []);

  it('come from the contributing recommenders, strongest first, with evidence in the text', () => {
    const reasons = buildReasons(state, fund, [
      { recommender: 'item-cf', code: 'OFTEN_HELD_WITH', value: 0.5, evidence: 'your Payroll Account' },
      { recommender: 'user-cf', code: 'SIMILAR_CUSTOMERS', value: 0.3 },
      { recommender: 'popularity', code: 'POPULAR_NOW', value: 0.05 }, // < 25 % of the strongest: not worth saying
      { recommender: 'content', code: 'MATCHES_YOUR_PRODUCTS', value: 0 },
    ], []);
    expect(reasons).toEqual([
      { code: 'OFTEN_HELD_WITH', weight: 0.5, text: 'Often held together with your Payroll Account', evidence: 'your Payroll Account' },
      { code: 'SIMILAR_CUSTOMERS', weight: 0.3, text: 'Customers with a profile and products like yours added it' },
    ]);
  });

  it('add the customer-facing gate rules passed, with weight 0', () => {
    const reasons = buildReasons(state, fund, [{ recommender: 'popularity', code: 'POPULAR_NOW', value: 1 }],
      ['PRODUCT_ACTIVE', 'NOT_HELD', 'RISK_WITHIN_TOLERANCE', 'AGE_ELIGIBLE']);
    expect(reasons.map((r) => [r.code, r.weight])).toEqual([['POPULAR_NOW', 1], ['RISK_WITHIN_TOLERANCE', 0], ['AGE_ELIGIBLE', 0]]);
    expect(reasons[1].text).toBe('Its risk level (4 of 7) is within your risk tolerance (5 of 7)');
    expect(reasons[2].text).toBe('You meet its age requirement (18+)');
  });

  it('every code has its own text', () => {
    const reasons = [
      ...SIGNAL_REASON_CODES.flatMap((code) => buildReasons(state, fund, [{ recommender: 'x', code, value: 1 }], [])),
      ...buildReasons(state, fund, [], GATE_REASON_CODES),
    ];
    expect(reasons.map((r) => r.code)).toEqual(REASON_CODES);
    for (const r of reasons) expect(r.text).toMatch(/^[A-Z][a-z]/);
    expect(REASON_CODES).toEqual(expect.arrayContaining(['SIMILAR_CUSTOMERS', 'OFTEN_HELD_WITH', 'USED_TO_HOLD', 'POPULAR_NOW',
      'MATCHES_YOUR_PRODUCTS', 'ACTIVE_CUSTOMERS_CHOOSE', 'RISK_WITHIN_TOLERANCE', 'AGE_ELIGIBLE']));
  });
});

// rankForNeed: the need's constraints are suitability rules (excluded with the rule, never served),
// the profile can only be narrowed by the need, and every item's reasons name what produced it.
// Semantic similarities are given directly here (the embedding model is exercised in test/needs/recommendForNeed.test.ts).
import { describe, expect, it } from 'vitest';
import { buildCustomerState } from '../../src/recommend/customerState';
import type { ProductInfo, RankedItem } from '../../src/recommend/types';
import { minimumHorizonMonths } from '../../src/needs/needRules';
import { rankForNeed, withLineEligibility } from '../../src/needs/rankForNeed';
import type { ParsedNeed } from '../../src/needs/types';
import { profile } from '../recommend/fixture';

function product(id: string, category: ProductInfo['category'], riskLevel: number, extra: Partial<ProductInfo> = {}): ProductInfo {
  return {
    id, code: id, name: id, category, riskLevel, interestRate: null, apr: null, annualFee: null, managementFeePercent: null,
    termMonths: null, minAge: null, maxAge: null, minAmount: null, currency: 'EUR', description: id, active: true, ...extra,
  };
}

const CATALOG: ProductInfo[] = [
  product('savings', 'ACCOUNT', 1),
  product('deposit-12', 'DEPOSIT', 1, { termMonths: 12, minAmount: 1000 }),
  product('deposit-36', 'DEPOSIT', 1, { termMonths: 36, minAmount: 3000 }),
  product('funds-line', 'FUND', 4, { minAmount: 500 }),
  product('mm-fund', 'FUND', 1, { lineCode: 'funds-line', subcategory: 'Money Market', issuer: 'A', managementFeePercent: 0.1 }),
  product('bond-fund', 'FUND', 3, { lineCode: 'funds-line', subcategory: 'Bonds', issuer: 'B', managementFeePercent: 0.5 }),
  product('equity-fund', 'FUND', 5, { lineCode: 'funds-line', subcategory: 'Large Blend', issuer: 'C', managementFeePercent: 0.9 }),
  product('usd-etf', 'FUND', 4, { lineCode: 'funds-line', subcategory: 'Large Blend', issuer: 'D', currency: 'USD' }),
  product('pension', 'PENSION', 3),
  product('loan', 'LOAN', 2),
  product('derivatives', 'SECURITIES', 7),
];

function need(fields: Partial<ParsedNeed> = {}): ParsedNeed {
  return {
    text: 'need', language: 'en', amount: null, currency: null, horizonMonths: null, riskAppetite: null, liquidity: null,
    goals: [], wantedCategories: [], unwantedCategories: [], conflicts: [], parser: 'rules', ...fields,
  };
}

const anonymous = buildCustomerState(profile('x', { riskTolerance: null }), []);
const profiled = (riskTolerance: number) => buildCustomerState(profile('p', { riskTolerance }), []);
/** Every product equally similar, unless set. */
const flat = (over: Record<string, number> = {}) => new Map(CATALOG.map((p) => [p.id, over[p.id] ?? 0.3]));

function rank(n: ParsedNeed, options: { customer?: ReturnType<typeof profiled>; semantic?: Map<string, number>; lineRanking?: RankedItem[]; first?: number } = {}) {
  return rankForNeed({
    need: n, customer: options.customer ?? profiled(7), products: CATALOG, semantic: options.semantic ?? flat(),
    lineRanking: options.lineRanking ?? [], first: options.first ?? 20, options: { unprofiledMaxRisk: 3 },
  });
}
const ids = (r: ReturnType<typeof rank>) => r.items.map((i) => i.product.id);
const ruleOf = (r: ReturnType<typeof rank>, id: string) => r.excluded.find((x) => x.productId === id)?.rule;

describe('rankForNeed', () => {
  it('a stated "no risk" excludes every product above risk 1, recorded with the rule and the words', () => {
    const r = rank(need({ riskAppetite: { value: 'NONE', source: 'no risk' } }));
    for (const it of r.items) expect(it.product.riskLevel).toBeLessThanOrEqual(1);
    expect(ruleOf(r, 'equity-fund')).toBe('RISK_ABOVE_STATED_APPETITE');
    expect(r.excluded.find((x) => x.productId === 'bond-fund')?.detail).toContain('"no risk"');
    const deposit = r.items.find((i) => i.product.id === 'deposit-12')!;
    expect(deposit.reasons.find((x) => x.code === 'WITHIN_YOUR_RISK_APPETITE')?.evidence).toBe('no risk');
  });

  it('a stated appetite never widens the profile: tolerance 2 keeps risk ≤ 2 even for "aggressive"', () => {
    const r = rank(need({ riskAppetite: { value: 'HIGH', source: 'aggressive' } }), { customer: profiled(2) });
    expect(r.items.length).toBeGreaterThan(0);
    for (const it of r.items) if (it.product.category !== 'LOAN') expect(it.product.riskLevel).toBeLessThanOrEqual(2);
    expect(ruleOf(r, 'derivatives')).toBe('RISK_ABOVE_TOLERANCE');
  });

  it('without a risk profile the gate\'s unprofiled cap (2, lower than the option) applies, and is reported as what set the cap', () => {
    const r = rank(need({ riskAppetite: { value: 'HIGH', source: 'high risk' } }), { customer: anonymous });
    expect(r.riskCap).toEqual({ max: 2, by: 'unprofiled' });
    expect(ruleOf(r, 'equity-fund')).toBe('NO_RISK_PROFILE');
    expect(ruleOf(r, 'bond-fund')).toBe('NO_RISK_PROFILE');
    for (const it of r.items) expect(it.product.riskLevel).toBeLessThanOrEqual(2);
  });

  it('a horizon excludes terms that run past it and products too volatile for it', () => {
    const r = rank(need({ horizonMonths: { value: 24, source: 'two years' } }));
    expect(ruleOf(r, 'deposit-36')).toBe('HORIZON_MISMATCH');
    expect(ruleOf(r, 'equity-fund')).toBe('HORIZON_MISMATCH'); // SRI 5 wants 5 years
    expect(ruleOf(r, 'funds-line')).toBe('HORIZON_MISMATCH'); // SRI 4 wants 3 years
    expect(ids(r)).toContain('deposit-12');
    expect(ids(r)).toContain('bond-fund'); // SRI 3 needs a year
    expect(minimumHorizonMonths(5)).toBe(60);
  });

  it('needing access any time excludes term deposits and pensions', () => {
    const r = rank(need({ liquidity: { value: 'HIGH', source: 'any time' } }));
    expect(ruleOf(r, 'deposit-12')).toBe('LOCKED_WHEN_ACCESS_NEEDED');
    expect(ruleOf(r, 'pension')).toBe('LOCKED_WHEN_ACCESS_NEEDED');
    expect(r.items.find((i) => i.product.id === 'savings')!.reasons.map((x) => x.code)).toContain('EASY_ACCESS');
  });

  it('amount below the minimum, another currency and unwanted categories are excluded', () => {
    const r = rank(need({
      amount: { value: 2000, source: '2,000' }, currency: { value: 'EUR', source: 'euros' },
      unwantedCategories: [{ value: 'PENSION', source: 'no pension' }],
    }));
    expect(ruleOf(r, 'deposit-36')).toBe('BELOW_MINIMUM_AMOUNT');
    expect(ruleOf(r, 'usd-etf')).toBe('OTHER_CURRENCY');
    expect(ruleOf(r, 'pension')).toBe('UNWANTED_CATEGORY');
    expect(ids(r)).toContain('deposit-12');
  });

  it('without a stated currency only the home currency is offered, and that is not claimed as a reason', () => {
    const r = rankForNeed({
      need: need(), customer: profiled(7), products: CATALOG, semantic: flat(), lineRanking: [], first: 20,
      options: { unprofiledMaxRisk: 3, homeCurrency: 'EUR' },
    });
    expect(ruleOf(r, 'usd-etf')).toBe('OTHER_CURRENCY');
    for (const it of r.items) expect(it.reasons.map((x) => x.code)).not.toContain('IN_YOUR_CURRENCY');
    const usd = rankForNeed({
      need: need({ currency: { value: 'USD', source: 'dollars' } }), customer: profiled(7), products: CATALOG, semantic: flat(), lineRanking: [], first: 20,
      options: { unprofiledMaxRisk: 3, homeCurrency: 'EUR' },
    });
    expect(usd.items.find((i) => i.product.id === 'usd-etf')?.reasons.find((x) => x.code === 'IN_YOUR_CURRENCY')?.evidence).toBe('USD');
  });

  it('an instrument whose line is not offered (inactive or missing) is not offered either, and inherits its line\'s age bounds', () => {
    const withoutLine = CATALOG.filter((p) => p.id !== 'funds-line');
    const r = rankForNeed({
      need: need({ wantedCategories: [{ value: 'FUND', source: 'fund' }] }), customer: profiled(7), products: withoutLine,
      semantic: flat(), lineRanking: [], first: 20, options: { unprofiledMaxRisk: 3 },
    });
    for (const id of ['mm-fund', 'bond-fund', 'equity-fund', 'usd-etf']) expect(ruleOf(r, id)).toBe('INACTIVE_PRODUCT');
    const adultsOnly = CATALOG.map((p) => (p.id === 'funds-line' ? { ...p, minAge: 18 } : p));
    const child = buildCustomerState(profile('kid', { age: 10, riskTolerance: 7 }), []);
    const k = rankForNeed({
      need: need({ wantedCategories: [{ value: 'FUND', source: 'fund' }] }), customer: child, products: adultsOnly,
      semantic: flat(), lineRanking: [], first: 20, options: { unprofiledMaxRisk: 3 },
    });
    expect(ruleOf(k, 'mm-fund')).toBe('AGE_NOT_ELIGIBLE');
  });

  it('"any time" excludes every deposit, whatever its term; a short horizon excludes pensions', () => {
    const products = [...CATALOG, product('notice-deposit', 'DEPOSIT', 1)];
    const anyTime = rankForNeed({
      need: need({ liquidity: { value: 'HIGH', source: 'any time' } }), customer: profiled(7), products, semantic: flat(), lineRanking: [], first: 20,
      options: { unprofiledMaxRisk: 3 },
    });
    expect(ruleOf(anyTime, 'notice-deposit')).toBe('LOCKED_WHEN_ACCESS_NEEDED');
    const short = rank(need({ horizonMonths: { value: 18, source: '18 months' } }));
    expect(ruleOf(short, 'pension')).toBe('HORIZON_MISMATCH');
  });

  it('category and semantic reasons do not put words in the customer\'s mouth', () => {
    const r = rank(need({ wantedCategories: [{ value: 'FUND', source: 'ETF' }] }), { semantic: flat({ 'bond-fund': 0.9 }) });
    for (const it of r.items) {
      for (const x of it.reasons.filter((x) => x.code === 'WANTED_CATEGORY' || x.code === 'MATCHES_YOUR_NEED')) expect(x.evidence).toBeUndefined();
    }
  });

  it('a refused kind of product is refused by name too ("no bonds": no bond funds, whatever their category)', () => {
    const r = rank(need({ wantedCategories: [{ value: 'FUND', source: 'fund' }], unwantedCategories: [{ value: 'SECURITIES', source: 'bonds' }] }));
    expect(ruleOf(r, 'bond-fund')).toBe('UNWANTED_CATEGORY'); // subcategory "Bonds"
    expect(ids(r)).toContain('mm-fund');
  });

  it('credit is not offered to someone saving, and is when asked for', () => {
    const saving = rank(need({ goals: [{ value: 'SAVE', source: 'save' }] }));
    expect(ids(saving)).not.toContain('loan');
    const borrowing = rank(need({ goals: [{ value: 'BORROW', source: 'borrow' }] }));
    expect(ids(borrowing)[0]).toBe('loan');
  });

  it('a named category ranks first; the semantic match orders within it; the reasons say which', () => {
    const r = rank(need({ wantedCategories: [{ value: 'FUND', source: 'fund' }] }), { semantic: flat({ 'bond-fund': 0.9, 'mm-fund': 0.5 }) });
    expect(ids(r).slice(0, 2)).toEqual(['bond-fund', 'mm-fund']);
    const codes = r.items[0].reasons.map((x) => x.code);
    expect(codes).toContain('WANTED_CATEGORY');
    expect(codes).toContain('MATCHES_YOUR_NEED');
  });

  it('an instrument inherits its line\'s behavioural score, with a reason naming the line', () => {
    const line = CATALOG.find((p) => p.id === 'funds-line')!;
    const lineRanking: RankedItem[] = [{ product: line, score: 1, reasons: [{ code: 'SIMILAR_CUSTOMERS', weight: 1, text: '' }] }];
    const n = need({ wantedCategories: [{ value: 'FUND', source: 'funds' }] });
    const withHistory = rank(n, { lineRanking });
    const without = rank(n);
    const mm = (r: ReturnType<typeof rank>) => r.items.find((i) => i.product.id === 'mm-fund')!;
    expect(mm(withHistory).score).toBeGreaterThan(mm(without).score);
    expect(mm(withHistory).reasons.find((x) => x.code === 'CUSTOMERS_LIKE_YOU_USE_LINE')?.evidence).toBe('funds-line');
    expect(mm(without).reasons.map((x) => x.code)).not.toContain('CUSTOMERS_LIKE_YOU_USE_LINE');
  });

  it('at most two items of one subcategory in a list', () => {
    const extra = [1, 2, 3].map((i) => product(`blend-${i}`, 'FUND', 3, { lineCode: 'funds-line', subcategory: 'Large Blend', issuer: `I${i}` }));
    const r = rankForNeed({
      need: need({ wantedCategories: [{ value: 'FUND', source: 'fund' }] }), customer: profiled(7), products: [...CATALOG, ...extra],
      semantic: new Map(extra.map((p) => [p.id, 0.9])), lineRanking: [], first: 10, options: { unprofiledMaxRisk: 3 },
    });
    expect(r.items.filter((i) => i.product.subcategory === 'Large Blend').length).toBe(2);
  });
});

// An instrument is sold through its line: it can narrow the line's age bounds, never widen them
// (found by a security review: a fund with only maxAge 120 of its own dropped the line's minAge 18,
// and a 12-year-old was offered a risk-7 ETF).
describe('instruments inherit their line age bounds', () => {
  const line = product('adult-line', 'FUND', 4, { minAge: 18, maxAge: 75 });
  const bounds = (extra: Partial<ProductInfo>) => {
    const [, fund] = withLineEligibility([line, product('f', 'FUND', 7, { lineCode: 'adult-line', ...extra })]);
    return [fund.minAge, fund.maxAge];
  };
  it.each([
    [{}, [18, 75]],
    [{ maxAge: 120 }, [18, 75]],
    [{ minAge: 10 }, [18, 75]],
    [{ minAge: 21 }, [21, 75]],
    [{ maxAge: 60 }, [18, 60]],
    [{ minAge: 25, maxAge: 65 }, [25, 65]],
  ] as [Partial<ProductInfo>, number[]][])('own bounds %j → %j', (extra, expected) => {
    expect(bounds(extra)).toEqual(expected);
  });
  it('a line without bounds leaves the instrument its own', () => {
    const [, fund] = withLineEligibility([product('open-line', 'FUND', 4), product('f', 'FUND', 7, { lineCode: 'open-line', minAge: 18 })]);
    expect([fund.minAge, fund.maxAge]).toEqual([18, null]);
  });
});

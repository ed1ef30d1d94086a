// How a fund catalog row becomes a Product: risk level on each basis, category and product line,
// fee and minimum units, descriptions, and the rows that are skipped with a reason.
import { describe, expect, it } from 'vitest';
import { assetClassOf, isRetirement, placementOf } from '../../src/ingest/funds/classes';
import { mapEuroListing } from '../../src/ingest/funds/financedatabase';
import { mapIndiaScheme } from '../../src/ingest/funds/india';
import type { FundRecord, Mapped } from '../../src/ingest/funds/record';
import { riskOf, sriFromVolatility } from '../../src/ingest/funds/risk';
import { cleanSummary, isValidIsin, MAX_DESCRIPTION } from '../../src/ingest/funds/text';
import { mapUsEtf, mapUsMutualFund } from '../../src/ingest/funds/yahoo';

function record(m: Mapped): FundRecord {
  if (!m.ok) throw new Error(`skipped: ${m.reason}`);
  return m.record;
}

const cls = (name: string, ...categories: string[]) => assetClassOf({ categories, name }).cls;

describe('risk level (PRIIPs SRI)', () => {
  it('puts 3-year volatility in the PRIIPs bands, lower bounds inclusive', () => {
    const cases: [number, number][] = [[0.1, 1], [0.49, 1], [0.5, 2], [4.99, 2], [5, 3], [11.99, 3], [12, 4], [19.9, 4], [20, 5], [29.9, 5], [30, 6], [79.9, 6], [80, 7], [129, 7]];
    for (const [v, sri] of cases) expect(sriFromVolatility(v), `${v} %`).toBe(sri);
  });

  it('takes the first basis present: SEBI riskometer, volatility, Morningstar rating, category default', () => {
    const base = { cls: 'equity' as const, classDefault: 6 };
    expect(riskOf({ ...base, sebiRiskometer: 2, volatility3yPercent: 25 })).toEqual({ level: 2, basis: 'sebi-riskometer' });
    for (const s of [1, 2, 3, 4, 5, 6]) expect(riskOf({ ...base, sebiRiskometer: s }).level).toBe(s);
    expect(riskOf({ ...base, volatility3yPercent: 13.68, morningstarRisk: 1 })).toEqual({ level: 4, basis: 'volatility-3y' });
    // Zero volatility is a gap in the scrape, not a riskless fund.
    expect(riskOf({ ...base, volatility3yPercent: 0, morningstarRisk: 3 })).toEqual({ level: 6, basis: 'morningstar-risk' });
    // Morningstar's rating is relative to the category: it moves the class default by one at most.
    expect(riskOf({ cls: 'bond', classDefault: 3, morningstarRisk: 1 })).toEqual({ level: 2, basis: 'morningstar-risk' });
    expect(riskOf({ cls: 'bond', classDefault: 3, morningstarRisk: 5 })).toEqual({ level: 4, basis: 'morningstar-risk' });
    expect(riskOf({ cls: 'equity', classDefault: 6, morningstarRisk: 5 }).level).toBe(7);
    expect(riskOf({ cls: 'money-market', classDefault: 1, morningstarRisk: 1 }).level).toBe(1);
    expect(riskOf({ cls: 'bond', classDefault: 3 })).toEqual({ level: 3, basis: 'category' });
  });

  it('makes leveraged, inverse, crypto and volatility products 7 whatever the data says', () => {
    expect(riskOf({ cls: 'leveraged', classDefault: 7, volatility3yPercent: 3 })).toEqual({ level: 7, basis: 'category' });
    expect(riskOf({ cls: 'crypto', classDefault: 7, sebiRiskometer: 2 }).level).toBe(7);
  });
});

describe('asset class, category and product line', () => {
  it('recognises leveraged and inverse products by category or name, and only those', () => {
    expect(cls('Direxion Daily S&P 500 Bull 3X Shares', 'Trading - Leveraged Equity')).toBe('leveraged');
    expect(cls('ProShares Short S&P500', 'Trading - Inverse Equity')).toBe('leveraged');
    expect(cls('ProShares UltraShort Australian Dollar', 'Trading - Miscellaneous')).toBe('leveraged');
    expect(cls('Daiwa ETF TOPIX Double Inverse (-2x) Idx')).toBe('leveraged');
    expect(cls('Invesco Ultra Short Duration ETF', 'Ultrashort Bond')).toBe('short-bond');
    expect(cls('American Century Ultra Fund R6 Class', 'Equities', 'Growth')).toBe('equity');
    expect(cls('Invesco S&P 500 Low Volatility ETF', 'Large Value')).toBe('equity');
    expect(cls('iPath S&P 500 VIX Short-Term Futures ETN', 'Volatility')).toBe('volatility');
  });

  it('maps categories of every source to a class with a conservative default', () => {
    const defaults = (name: string, ...c: string[]) => assetClassOf({ categories: c, name }).defaultRisk;
    expect(defaults('OpenBank Monetario PP', 'Cash', 'Money Market Instruments')).toBe(1);
    expect(defaults('X Liquid Fund', 'Debt', 'Liquid')).toBe(1);
    expect(defaults('X Bond Fund', 'Fixed Income', 'Corporate Bonds')).toBe(3);
    expect(defaults('X', 'Fixed Income', 'Emerging Markets')).toBe(4);
    expect(defaults('Santander Renta Fija Privada FI', 'Financials')).toBe(3);
    expect(defaults('X Balanced', 'Hybrid', 'Aggressive Hybrid')).toBe(4);
    expect(defaults('Vanguard 500', 'Large Blend')).toBe(5);
    expect(defaults('X Small Cap', 'Equities', 'Small Cap')).toBe(6);
    expect(defaults('SPDR Gold Shares', 'Commodities Precious Metals')).toBe(6);
    expect(defaults('Bitcoin Tracker EUR', 'Currencies')).toBe(7);
    expect(defaults('REVIEW INVERSIONES SICAV S.A.')).toBe(6); // nothing known: the riskier default
  });

  it('puts retirement products on the Pension Plan line, ETFs on the Securities Account line, other funds on Investment Funds', () => {
    const retire = (name: string, ...categories: string[]) => isRetirement({ categories, name });
    expect(retire('Vanguard Target Retirement 2045', 'Target Date')).toBe(true);
    expect(retire('ICICI Pru Retirement Fund', 'Solution Oriented', 'Retirement')).toBe(true);
    expect(retire('OpenBank Monetario PP', 'Cash')).toBe(true);
    expect(retire('Chartwell Retirement Residences', 'Real Estate')).toBe(false);
    expect(retire('SBI Magnum Children Benefit Fund', 'Solution Oriented', 'Childrens')).toBe(false);
    expect(placementOf(true, 'fund')).toEqual({ category: 'PENSION', lineCode: 'ind_plan_fin_ult1' });
    expect(placementOf(false, 'etf')).toEqual({ category: 'FUND', lineCode: 'ind_valo_fin_ult1' });
    expect(placementOf(false, 'fund')).toEqual({ category: 'FUND', lineCode: 'ind_fond_fin_ult1' });
  });
});

describe('source rows', () => {
  const fdSpy = {
    symbol: 'SPY', name: 'SPDR S&P 500 ETF Trust', currency: 'USD', summary: '  The  SPDR S&P 500 ETF\n tracks the S&P 500. ',
    category_group: 'Equities', category: 'Large Cap', family: 'SPDR State Street Global Advisors', exchange: 'PCX', mic: 'ARCX', isin: 'US78462F1030',
  };
  const spy = {
    fund_name: 'SPY', fund_extended_name: 'SPDR S&P 500 ETF', category: 'Large Blend', fund_family: 'SPDR State Street Global Advisors',
    currency: 'USD', net_annual_expense_ratio_fund: '0.09', fund_standard_deviation_3years: '12.13',
  };

  it('US ETF 2019: expense ratio already in percent, volatility basis, FinanceDatabase text and ISIN, securities line', () => {
    const r = record(mapUsEtf(spy, fdSpy));
    expect(r).toMatchObject({
      code: 'fund:us-etf:SPY', name: 'SPDR S&P 500 ETF', category: 'FUND', lineCode: 'ind_valo_fin_ult1', subcategory: 'Large Blend',
      issuer: 'SPDR State Street Global Advisors', isin: 'US78462F1030', riskLevel: 4, riskBasis: 'volatility-3y',
      source: 'yahoo-us-etf-2019', managementFeePercent: 0.09, minAmount: null, currency: 'USD',
      description: 'The SPDR S&P 500 ETF tracks the S&P 500.',
    });
    // No FinanceDatabase row: a sentence of the row's facts; a zero expense ratio is "not known".
    const bare = record(mapUsEtf({ ...spy, net_annual_expense_ratio_fund: '0' }, undefined));
    expect(bare.managementFeePercent).toBeNull();
    expect(bare.description).toBe('An exchange-traded fund (Large Blend) managed by SPDR State Street Global Advisors. 3-year volatility 12.13 %.');
  });

  it('US mutual funds 2021: minimum investment in USD, no fee guessed from the cost projection, Morningstar when volatility is missing', () => {
    const fd = { ...fdSpy, symbol: 'VFIAX', name: 'Vanguard 500 Index Fund Admiral Shares', category: 'Large Cap', family: 'Vanguard', isin: '' };
    const row = { fund_symbol: 'VFIAX', fund_short_name: 'Vanguard 500 Index', initial_investment: '3000', morningstar_risk_rating: '3', fund_stdev_3years: '18.5', fund_year3_expense_projection: '45' };
    expect(record(mapUsMutualFund(row, fd))).toMatchObject({
      code: 'fund:us-mf:VFIAX', name: 'Vanguard 500 Index Fund Admiral Shares', category: 'FUND', lineCode: 'ind_fond_fin_ult1',
      riskLevel: 4, riskBasis: 'volatility-3y', managementFeePercent: null, minAmount: 3000, currency: 'USD', source: 'yahoo-us-mf-2021',
    });
    expect(record(mapUsMutualFund({ ...row, fund_stdev_3years: '0' }, fd))).toMatchObject({ riskLevel: 5, riskBasis: 'morningstar-risk' });
  });

  it('Indian schemes: SEBI riskometer, expense ratio in percent, lump sum in INR, a description of facts only', () => {
    const r = record(mapIndiaScheme({
      s: 'Aditya Birla SL Liquid Fund', min_sip: '500', min_lumpsum: '500', expense_ratio: '0.2', risk_level: '1',
      amc_name: 'Aditya Birla Sun Life Mutual Fund', category: 'Debt', sub_category: 'Liquid Mutual Funds', returns_1yr: '3.5',
    }));
    expect(r).toMatchObject({
      code: 'fund:in:aditya-birla-sl-liquid-fund', category: 'FUND', lineCode: 'ind_fond_fin_ult1', subcategory: 'Liquid',
      riskLevel: 1, riskBasis: 'sebi-riskometer', managementFeePercent: 0.2, minAmount: 500, currency: 'INR', isin: null,
    });
    expect(r.description).toBe('An open-ended Debt scheme (Liquid) managed by Aditya Birla Sun Life Mutual Fund. Expense ratio 0.2 % a year; SEBI riskometer level 1 of 6; minimum lump sum 500 INR.');
    expect(r.description).not.toMatch(/3\.5|return/);
    const retirement = record(mapIndiaScheme({ s: 'HDFC Retirement Savings Fund', category: 'Solution Oriented', sub_category: 'Retirement Funds', risk_level: '6', amc_name: 'HDFC', expense_ratio: '1', min_lumpsum: '5000' }));
    expect(retirement).toMatchObject({ category: 'PENSION', lineCode: 'ind_plan_fin_ult1', riskLevel: 6 });
  });

  it('euro listings: ISIN from a Madrid ticker, category default risk, issuer from the family', () => {
    const r = record(mapEuroListing({
      symbol: 'ES0138783032.MC', name: 'Santander Renta Fija Corto Plazo', currency: 'EUR', summary: 'A short-term euro bond fund.',
      category_group: 'Fixed Income', category: 'Fundsss', family: 'Santander Asset Management SGIIC', exchange: 'MCE',
    }, 'funds'));
    expect(r).toMatchObject({
      code: 'fund:fd:ES0138783032.MC', isin: 'ES0138783032', subcategory: 'Fixed Income', riskLevel: 2, riskBasis: 'category',
      lineCode: 'ind_fond_fin_ult1', currency: 'EUR', source: 'financedatabase', issuer: 'Santander Asset Management SGIIC',
    });
  });

  it('skips rows it cannot map, with the reason', () => {
    expect(mapUsEtf({ ...spy, fund_name: '' }, undefined)).toEqual({ ok: false, reason: 'no ticker' });
    expect(mapUsEtf({ ...spy, fund_extended_name: '' }, undefined)).toEqual({ ok: false, reason: 'no name' });
    expect(mapUsEtf({ ...spy, currency: '' }, fdSpy)).toEqual({ ok: false, reason: 'unknown currency' });
    expect(mapIndiaScheme({ s: '  ' })).toEqual({ ok: false, reason: 'no name' });
    const euro = { symbol: 'X.F', name: 'X Fund', currency: 'EUR', summary: 'A fund.', category_group: '', category: '', family: '', exchange: 'FRA' };
    expect(mapEuroListing({ ...euro, summary: '' }, 'funds')).toEqual({ ok: false, reason: 'no summary' });
    expect(mapEuroListing({ ...euro, currency: 'euro' }, 'funds')).toEqual({ ok: false, reason: 'unknown currency' });
    expect(mapEuroListing({ ...euro, summary: 'The strategy of X Fund is not clear from the name alone.' }, 'funds'))
      .toEqual({ ok: false, reason: 'summary does not describe the fund' });
  });
});

describe('text helpers', () => {
  it('caps a long summary at the last sentence end before the limit', () => {
    const sentence = 'This fund invests in European shares of large companies. ';
    const long = sentence.repeat(40);
    const out = cleanSummary(long)!;
    expect(out.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
    expect(out.endsWith('companies.')).toBe(true);
    expect(cleanSummary('   ')).toBeNull();
  });

  it('checks ISIN check digits', () => {
    expect(isValidIsin('US78462F1030')).toBe(true);
    expect(isValidIsin('IE00B4L5Y983')).toBe(true);
    expect(isValidIsin('US78462F1031')).toBe(false);
    expect(isValidIsin('S2532')).toBe(false);
  });
});

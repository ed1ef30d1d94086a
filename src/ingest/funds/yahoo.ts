// The two US catalogs scraped from Yahoo Finance (see data/funds/SOURCE.md), each row joined by
// ticker to its FinanceDatabase listing for the text summary, issuer and ISIN:
//  - yahoo_us_etfs_2019.csv: Morningstar category, net expense ratio (already in percent: SPY 0.09),
//    3-year standard deviation (percent);
//  - yahoo_us_mutualfunds_2021_subset349.csv: no category (FinanceDatabase's is used), Morningstar
//    risk rating, 3-year standard deviation (percent: 13.68), minimum initial investment (USD). It has
//    no expense ratio, only a projected cost of 10,000 USD over 3/5/10 years that includes sales
//    loads, so managementFeePercent stays empty rather than being guessed from it.
import type { CsvRow } from './csvFile';
import { cleanName, classify, currencyOf, skip, text, type Mapped } from './record';
import { cleanSummary, factsDescription, intIn, isValidIsin, num } from './text';

/** A FinanceDatabase row (etfs.csv.gz / funds.csv.gz), the join partner of a US ticker. */
export type FdRow = CsvRow;

/** A usable FinanceDatabase category (its exports hold placeholders such as "Fundsss"). */
export function fdCategory(v: string | null | undefined): string | null {
  const t = text(v);
  return t && !/^funds*$/i.test(t) ? t : null;
}

export function fdIsin(row: FdRow | undefined): string | null {
  const v = (row?.isin ?? '').trim().toUpperCase();
  return isValidIsin(v) ? v : null;
}

/** An expense ratio in percent a year; zero or above 10 % is taken as "not known" (a scrape gap, not a price). */
function expenseRatio(v: string | undefined): number | null {
  const n = num(v);
  return n !== null && n > 0 && n <= 10 ? n : null;
}

const volatilityStatement = (v: number | null): string | null => (v !== null && v > 0 ? `3-year volatility ${Number(v.toFixed(2))} %` : null);

export function mapUsEtf(row: CsvRow, fd: FdRow | undefined): Mapped {
  const symbol = text(row.fund_name)?.toUpperCase();
  if (!symbol) return skip('no ticker');
  const name = cleanName(row.fund_extended_name) ?? cleanName(fd?.name);
  if (!name) return skip('no name');
  const currency = currencyOf(row.currency);
  if (!currency) return skip('unknown currency');
  const subcategory = text(row.category) ?? fdCategory(fd?.category);
  const issuer = text(row.fund_family) ?? text(fd?.family);
  const volatility = num(row.fund_standard_deviation_3years);
  const fee = expenseRatio(row.net_annual_expense_ratio_fund);
  const classified = classify({ categories: [fdCategory(fd?.category_group), subcategory], name }, 'etf', { volatility3yPercent: volatility });
  return {
    ok: true,
    record: {
      code: `fund:us-etf:${symbol}`, name, ...classified, subcategory, issuer, isin: fdIsin(fd),
      source: 'yahoo-us-etf-2019', managementFeePercent: fee, minAmount: null, currency,
      description: cleanSummary(fd?.summary) ?? factsDescription({
        kind: 'exchange-traded fund', subcategory, issuer, expenseRatioPercent: fee, riskStatement: volatilityStatement(volatility), currency,
      }),
    },
  };
}

export function mapUsMutualFund(row: CsvRow, fd: FdRow | undefined): Mapped {
  const symbol = text(row.fund_symbol)?.toUpperCase();
  if (!symbol) return skip('no ticker');
  const name = cleanName(fd?.name) ?? cleanName(row.fund_short_name);
  if (!name) return skip('no name');
  const currency = 'USD'; // the file has no currency column: every fund is a US share class
  const subcategory = fdCategory(fd?.category) ?? fdCategory(fd?.category_group);
  const issuer = text(fd?.family);
  const volatility = num(row.fund_stdev_3years);
  const minimum = num(row.initial_investment);
  const minAmount = minimum !== null && minimum > 0 ? minimum : null;
  const morningstarRisk = intIn(row.morningstar_risk_rating, 1, 5);
  const classified = classify(
    { categories: [fdCategory(fd?.category_group), subcategory], name }, 'fund', { volatility3yPercent: volatility, morningstarRisk },
  );
  return {
    ok: true,
    record: {
      code: `fund:us-mf:${symbol}`, name, ...classified, subcategory, issuer, isin: fdIsin(fd),
      source: 'yahoo-us-mf-2021', managementFeePercent: null, minAmount, currency,
      description: cleanSummary(fd?.summary) ?? factsDescription({
        kind: 'mutual fund', subcategory, issuer,
        riskStatement: [morningstarRisk !== null ? `Morningstar risk rating ${morningstarRisk} of 5` : null, volatilityStatement(volatility)].filter(Boolean).join('; ') || null,
        minAmount, minLabel: 'minimum initial investment', currency,
      }),
    },
  };
}

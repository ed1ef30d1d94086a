// Indian mutual-fund schemes (india_mutual_funds_comprehensive.csv, see data/funds/SOURCE.md):
// SEBI riskometer 1–6, expense ratio (percent), minimum lump sum (INR), AMC. The source has no text
// description, so one is written from these facts alone. The code is fund:in:<slug of the name>. The
// source repeats 25 names with different figures (plans of one scheme under one truncated name,
// e.g. "AXIS Retirement Savings Fund"): a customer could not tell them apart, so the first is kept
// and the others are skipped as duplicates.
import type { CsvRow } from './csvFile';
import { cleanName, classify, skip, text, type Mapped } from './record';
import { factsDescription, intIn, num, slug } from './text';

/** "Liquid Mutual Funds" → "Liquid", "Ultra Short Duration Funds" → "Ultra Short Duration". */
export function indiaSubcategory(v: string | null | undefined): string | null {
  const t = text(v);
  return t ? t.replace(/\s+(mutual\s+)?funds$/i, '') || t : null;
}

export function mapIndiaScheme(row: CsvRow): Mapped {
  const name = cleanName(row.s);
  if (!name) return skip('no name');
  const key = slug(name);
  if (!key) return skip('no name');
  const group = text(row.category);
  const subcategory = indiaSubcategory(row.sub_category);
  const issuer = text(row.amc_name);
  const sebi = intIn(row.risk_level, 1, 6);
  const fee = num(row.expense_ratio);
  const expense = fee !== null && fee >= 0 && fee <= 10 ? fee : null;
  const lump = num(row.min_lumpsum);
  const minAmount = lump !== null && lump > 0 ? lump : null;
  const currency = 'INR';
  const classified = classify({ categories: [group, subcategory], name }, 'fund', { sebiRiskometer: sebi });
  const kind = group && group !== 'Other' ? `open-ended ${group} scheme` : 'open-ended scheme';
  return {
    ok: true,
    record: {
      code: `fund:in:${key}`, name, ...classified, subcategory, issuer, isin: null,
      source: 'india-mf', managementFeePercent: expense, minAmount, currency,
      description: factsDescription({
        kind, subcategory, issuer, expenseRatioPercent: expense,
        riskStatement: sebi !== null ? `SEBI riskometer level ${sebi} of 6` : null,
        minAmount, minLabel: 'minimum lump sum', currency,
      }),
    },
  };
}

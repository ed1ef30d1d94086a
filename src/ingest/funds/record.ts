// A fund as it becomes a Product row (the columns the importer writes), and how a source row that
// cannot become one is reported: skipped, with a reason, never an exception.
import type { ProductCategory } from '../../recommend/types';
import { assetClassOf, isRetirement, placementOf, type ClassInput, type Vehicle } from './classes';
import { riskOf, type RiskBasis } from './risk';

export interface FundRecord {
  code: string;
  name: string;
  category: ProductCategory;
  lineCode: string;
  subcategory: string | null;
  issuer: string | null;
  isin: string | null;
  riskLevel: number;
  riskBasis: RiskBasis;
  source: FundSource;
  managementFeePercent: number | null;
  minAmount: number | null;
  currency: string;
  description: string;
}

/** The external catalogs, as Product.source names them. */
export type FundSource = 'yahoo-us-etf-2019' | 'yahoo-us-mf-2021' | 'india-mf' | 'financedatabase';
export const FUND_SOURCES: readonly FundSource[] = ['yahoo-us-etf-2019', 'yahoo-us-mf-2021', 'india-mf', 'financedatabase'];

export type Mapped = { ok: true; record: FundRecord } | { ok: false; reason: string };

export const skip = (reason: string): Mapped => ({ ok: false, reason });

/** Longest name kept (the API allows 120 characters). */
const MAX_NAME = 120;

/** The fields every source fills the same way: category, line and risk from the class table and risk.ts. */
export interface Classified {
  category: ProductCategory;
  lineCode: string;
  riskLevel: number;
  riskBasis: RiskBasis;
}

export function classify(input: ClassInput, vehicle: Vehicle, measures: { sebiRiskometer?: number | null; volatility3yPercent?: number | null; morningstarRisk?: number | null }): Classified {
  const rule = assetClassOf(input);
  const { category, lineCode } = placementOf(isRetirement(input), vehicle);
  const risk = riskOf({ cls: rule.cls, classDefault: rule.defaultRisk, ...measures });
  return { category, lineCode, riskLevel: risk.level, riskBasis: risk.basis };
}

/** A display name: whitespace collapsed, at most MAX_NAME characters; null when blank. */
export function cleanName(name: string | null | undefined): string | null {
  const t = (name ?? '').replace(/\s+/g, ' ').trim();
  if (t === '') return null;
  return t.length <= MAX_NAME ? t : `${t.slice(0, MAX_NAME - 1).trimEnd()}…`;
}

/** An ISO 4217-shaped currency code, else null ("unknown currency"). */
export function currencyOf(v: string | null | undefined): string | null {
  const t = (v ?? '').trim().toUpperCase();
  return /^[A-Z]{3}$/.test(t) ? t : null;
}

/** A source's text field, or null when empty. */
export const text = (v: string | null | undefined): string | null => (v && v.trim() !== '' ? v.replace(/\s+/g, ' ').trim() : null);

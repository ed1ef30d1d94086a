// Customer segments for REPORTING evaluation quality per group (fairness / where a model is weak).
// They are never model features. The one place the bands are defined:
//  - age band: <25, 25–44, 45–64, 65+, unknown;
//  - income band: quartiles of the TRAIN customers' known income (Q1 … Q4), plus unknown;
//  - tenure: new (seniority ≤ 12 months), long-standing (> 12), unknown.
import type { CustomerProfile } from '../recommend/types';

export interface SegmentDimension {
  /** e.g. "age band". */
  name: string;
  /** Every label this dimension can assign, in display order. */
  labels: readonly string[];
  assign(profile: CustomerProfile): string;
}

export const UNKNOWN = 'unknown';
export const AGE_BANDS = ['<25', '25–44', '45–64', '65+', UNKNOWN] as const;
export const TENURE_BANDS = ['new (≤12 mo)', 'long-standing (>12 mo)', UNKNOWN] as const;
export const NEW_CUSTOMER_MONTHS = 12;

const known = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export function ageBand(age: number | null): string {
  if (!known(age)) return UNKNOWN;
  if (age < 25) return '<25';
  if (age < 45) return '25–44';
  if (age < 65) return '45–64';
  return '65+';
}

export function tenureBand(seniorityMonths: number | null): string {
  if (!known(seniorityMonths) || seniorityMonths < 0) return UNKNOWN;
  return seniorityMonths <= NEW_CUSTOMER_MONTHS ? TENURE_BANDS[0] : TENURE_BANDS[1];
}

/** The 25th, 50th and 75th percentiles (linear interpolation) of the known incomes; null when there are none. */
export function incomeQuartileCuts(incomes: readonly (number | null)[]): [number, number, number] | null {
  const xs = incomes.filter(known).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const q = (p: number): number => {
    const pos = p * (xs.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo);
  };
  return [q(0.25), q(0.5), q(0.75)];
}

export const INCOME_BANDS = ['Q1 (lowest)', 'Q2', 'Q3', 'Q4 (highest)', UNKNOWN] as const;

/** Q1 = income ≤ the 25th percentile, Q2 ≤ median, Q3 ≤ 75th percentile, Q4 above; unknown when null or no cuts. */
export function incomeBand(income: number | null, cuts: readonly [number, number, number] | null): string {
  if (!known(income) || cuts === null) return UNKNOWN;
  const i = cuts.findIndex((c) => income <= c);
  return INCOME_BANDS[i === -1 ? 3 : i];
}

/** The three reporting dimensions; income quartiles come from the train customers' profiles only. */
export function segmentDimensions(trainProfiles: readonly CustomerProfile[]): SegmentDimension[] {
  const cuts = incomeQuartileCuts(trainProfiles.map((p) => p.income));
  return [
    { name: 'age band', labels: AGE_BANDS, assign: (p) => ageBand(p.age) },
    { name: 'income band', labels: INCOME_BANDS, assign: (p) => incomeBand(p.income, cuts) },
    { name: 'tenure', labels: TENURE_BANDS, assign: (p) => tenureBand(p.seniorityMonths) },
  ];
}

/** Describe the income cuts for a report, e.g. "Q1 ≤ 61,500 < Q2 ≤ 94,000 < Q3 ≤ 141,000 < Q4". */
export function describeIncomeCuts(trainProfiles: readonly CustomerProfile[]): string {
  const cuts = incomeQuartileCuts(trainProfiles.map((p) => p.income));
  if (cuts === null) return 'no known income in train: every customer is "unknown"';
  const f = (x: number): string => Math.round(x).toLocaleString('en-US');
  return `Q1 ≤ ${f(cuts[0])} < Q2 ≤ ${f(cuts[1])} < Q3 ≤ ${f(cuts[2])} < Q4 (EUR, train customers' known income)`;
}

export interface SegmentCell { dimension: string; label: string; customers: number; map: number }

/**
 * Mean of a per-case value within each segment of each dimension. Every case falls in exactly one
 * label per dimension, so the count-weighted average of a dimension's cells is the overall mean.
 * Labels with no cases are kept (customers 0, map NaN) so tables have a fixed shape.
 */
export function segmentMeans(profiles: readonly CustomerProfile[], values: readonly number[], dims: readonly SegmentDimension[]): SegmentCell[] {
  if (profiles.length !== values.length) throw new RangeError(`profiles (${profiles.length}) and values (${values.length}) differ in length`);
  const out: SegmentCell[] = [];
  for (const d of dims) {
    const sum = new Map<string, number>(d.labels.map((l) => [l, 0]));
    const n = new Map<string, number>(d.labels.map((l) => [l, 0]));
    profiles.forEach((p, i) => {
      const l = d.assign(p);
      sum.set(l, (sum.get(l) ?? 0) + values[i]);
      n.set(l, (n.get(l) ?? 0) + 1);
    });
    for (const [label, count] of n) out.push({ dimension: d.name, label, customers: count, map: count > 0 ? sum.get(label)! / count : Number.NaN });
  }
  return out;
}

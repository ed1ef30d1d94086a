// The one suitability gate. Every candidate goes through every rule, in order; the first rule it
// fails removes it and is recorded as an Exclusion (rule + detail), and a kept product carries the
// rules it passed — the customer-facing ones (risk, age) become reasons.
import type { CustomerState, Exclusion, ProductInfo } from './types';

export type Verdict = { pass: true } | { pass: false; detail: string } | { pass: 'not-applicable' };

export interface SuitabilityRule {
  /** Recorded on an exclusion, e.g. "RISK_ABOVE_TOLERANCE". */
  readonly rule: string;
  /** Recorded on a kept product that passed the rule, e.g. "RISK_WITHIN_TOLERANCE". */
  readonly passed: string;
  check(customer: CustomerState, product: ProductInfo): Verdict;
}

const ok: Verdict = { pass: true };

export const RULES: readonly SuitabilityRule[] = [
  {
    rule: 'INACTIVE_PRODUCT', passed: 'PRODUCT_ACTIVE',
    check: (_c, p) => (p.active ? ok : { pass: false, detail: `${p.name} is not offered at the moment` }),
  },
  {
    rule: 'ALREADY_HELD', passed: 'NOT_HELD',
    check: (c, p) => (c.held.has(p.id) ? { pass: false, detail: `the customer already holds ${p.name}` } : ok),
  },
  {
    rule: 'DISMISSED', passed: 'NOT_DISMISSED',
    check: (c, p) => (c.dismissed.has(p.id) ? { pass: false, detail: `the customer dismissed ${p.name}` } : ok),
  },
  {
    rule: 'RISK_ABOVE_TOLERANCE', passed: 'RISK_WITHIN_TOLERANCE',
    check: (c, p) => {
      const t = c.profile.riskTolerance;
      if (t === null) return { pass: 'not-applicable' };
      return p.riskLevel <= t ? ok : { pass: false, detail: `risk level ${p.riskLevel} is above the customer's tolerance ${t}` };
    },
  },
  {
    // Explicit eligibility: unknown age passes only products without an age bound.
    rule: 'AGE_NOT_ELIGIBLE', passed: 'AGE_ELIGIBLE',
    check: (c, p) => {
      if (p.minAge === null && p.maxAge === null) return { pass: 'not-applicable' };
      const age = c.profile.age;
      const bounds = `${p.minAge ?? 0}–${p.maxAge ?? '∞'}`;
      if (age === null) return { pass: false, detail: `age unknown; ${p.name} is for ages ${bounds}` };
      if ((p.minAge !== null && age < p.minAge) || (p.maxAge !== null && age > p.maxAge)) {
        return { pass: false, detail: `age ${age} is outside ${bounds}` };
      }
      return ok;
    },
  },
];

export interface GatedProduct { product: ProductInfo; passed: string[] }

export interface GateResult { kept: GatedProduct[]; excluded: Exclusion[] }

export function suitabilityGate(customer: CustomerState, products: readonly ProductInfo[], rules = RULES): GateResult {
  const kept: GatedProduct[] = [];
  const excluded: Exclusion[] = [];
  for (const product of products) {
    const passed: string[] = [];
    let failed: Exclusion | null = null;
    for (const r of rules) {
      const v = r.check(customer, product);
      if (v.pass === false) { failed = { productId: product.id, rule: r.rule, detail: v.detail }; break; }
      if (v.pass === true) passed.push(r.passed);
    }
    if (failed) excluded.push(failed);
    else kept.push({ product, passed });
  }
  return { kept, excluded };
}

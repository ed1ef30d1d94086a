// The one suitability gate. Every candidate goes through every rule, in order; the first rule it
// fails removes it and is recorded as an Exclusion (rule + detail), and a kept product carries the
// rules it passed — the customer-facing ones (risk, age) become reasons.
// The rules themselves are data: src/recommend/rules/ruleset.v1.json (versioned, validated at load),
// each evaluated by the function for its type in src/recommend/rules/evaluators.ts.
import { FULL_RULES, RANKING_RULES, RULE_SET_VERSION } from './rules';
import type { CustomerState, Exclusion, ProductInfo } from './types';

export type Verdict = { pass: true } | { pass: false; detail: string } | { pass: 'not-applicable' };

export interface SuitabilityRule {
  /** Recorded on an exclusion, e.g. "RISK_ABOVE_TOLERANCE". */
  readonly rule: string;
  /** Recorded on a kept product that passed the rule, e.g. "RISK_WITHIN_TOLERANCE". */
  readonly passed: string;
  check(customer: CustomerState, product: ProductInfo): Verdict;
}

/** The full rule set: what every list served to a customer is gated by. */
export const RULES: readonly SuitabilityRule[] = FULL_RULES;
export { RANKING_RULES, RULE_SET_VERSION };

export interface GatedProduct { product: ProductInfo; passed: string[] }

export interface GateResult { kept: GatedProduct[]; excluded: Exclusion[] }

export function suitabilityGate(customer: CustomerState, products: readonly ProductInfo[], rules: readonly SuitabilityRule[] = RULES): GateResult {
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

// An independent statement of what "suitable" means, written from the rules' documented meaning
// (src/recommend/rules/ruleset.v1.json descriptions) and NOT by calling the gate's evaluators:
// the property tests hold every served item, and every exclusion, to it. Only the thresholds are
// read from the rule file (as plain JSON), so compliance can change a number without this file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CustomerState, ProductInfo } from '../../src/recommend/types';
import { mulberry32 } from '../../src/eval/split';

const file = JSON.parse(readFileSync(path.join(__dirname, '../../src/recommend/rules/ruleset.v1.json'), 'utf8'));
const paramsOf = (type: string) => file.rules.find((r: { type: string }) => r.type === type).params;

export const RULE_FILE_VERSION: string = file.version;
const cap = paramsOf('unprofiledCap');
const share = paramsOf('minAmountVsIncome');
const term = paramsOf('termVsHorizon');
const loan = paramsOf('loanAffordability');

/** Why `product` must not be offered to `customer` (null: suitable). */
export function unsuitable(customer: CustomerState, product: ProductInfo): string | null {
  const p = customer.profile;
  if (!product.active) return 'inactive';
  if (customer.held.has(product.id)) return 'held';
  if (customer.dismissed.has(product.id)) return 'dismissed';
  if (p.riskTolerance === null) {
    const exempt = cap.noProfileCategories.includes(product.category);
    if (product.riskLevel > (exempt ? cap.noProfileCategoriesMaxRisk : cap.unprofiledMaxRisk)) return 'unprofiled, risk too high';
  } else if (product.riskLevel > p.riskTolerance) return 'risk above tolerance';
  if (product.minAge !== null && (p.age === null || p.age < product.minAge)) return 'under the minimum age';
  if (product.maxAge !== null && (p.age === null || p.age > product.maxAge)) return 'over the maximum age';
  if (p.income !== null && product.minAmount !== null && !share.exemptCategories.includes(product.category)
    && product.minAmount > share.maxShareOfIncome * p.income) return 'minimum amount too large for the income';
  if (p.investmentHorizonMonths !== null && product.termMonths !== null && !term.exemptCategories.includes(product.category)
    && product.termMonths > p.investmentHorizonMonths) return 'term beyond the horizon';
  if (loan.categories.includes(product.category)) {
    if (p.income === null) return 'loan with unknown income';
    const amount = product.minAmount ?? loan.representativeAmount[product.category];
    const yearly = product.apr ?? product.interestRate ?? loan.defaultAnnualRatePercent[product.category];
    const n = product.termMonths ?? loan.defaultTermMonths[product.category];
    // Annuity: the payment x with sum_{k=1..n} x / (1+i)^k = amount, i the monthly rate.
    const i = yearly / 100 / 12;
    let discount = 0;
    for (let k = 1; k <= n; k += 1) discount += i > 0 ? (1 + i) ** -k : 1;
    const monthly = amount / discount;
    if (monthly > loan.maxDebtServiceRatio * (p.income / 12) * (1 + 1e-9)) return 'loan not affordable';
  }
  return null;
}

/** The project's seeded PRNG (mulberry32, src/eval/split.ts) with helpers: the same seed, the same customers, on every machine. */
export function rng(seed: number): { next(): number; int(lo: number, hi: number): number; pick<T>(xs: readonly T[]): T; chance(p: number): boolean } {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
  };
}

// One small function per rule type: (params, customer, product) → verdict. The rule set file
// (ruleset.v*.json) says which rules run, in which order, with which parameters; nothing here
// hard-codes a threshold. Each verdict's detail is what an exclusion records for the audit trail.
import type { Verdict } from '../suitability';
import type { CustomerState, ProductInfo } from '../types';
import type { ParamsOf, RuleType } from './schema';

const ok: Verdict = { pass: true };
const na: Verdict = { pass: 'not-applicable' };
const fail = (detail: string): Verdict => ({ pass: false, detail });

type Evaluator<T extends RuleType> = (params: ParamsOf<T>, customer: CustomerState, product: ProductInfo) => Verdict;

const eur = (x: number): string => `${Math.round(x).toLocaleString('en-GB')} EUR`;

/** Monthly instalment of an annuity loan: `amount` repaid over `months` at `annualRatePercent` a year. */
export function monthlyInstalment(amount: number, annualRatePercent: number, months: number): number {
  const r = annualRatePercent / 1200;
  if (r <= 0) return amount / months;
  return (amount * r) / (1 - (1 + r) ** -months);
}

/** The instalment the affordability rule checks for a lending product, and what it assumed. */
export function estimatedInstalment(params: ParamsOf<'loanAffordability'>, product: ProductInfo): { amount: number; ratePercent: number; months: number; monthly: number } {
  const c = product.category;
  const amount = product.minAmount ?? params.representativeAmount[c]!;
  const ratePercent = product.apr ?? product.interestRate ?? params.defaultAnnualRatePercent[c]!;
  const months = product.termMonths ?? params.defaultTermMonths[c]!;
  return { amount, ratePercent, months, monthly: monthlyInstalment(amount, ratePercent, months) };
}

export const EVALUATORS: { [T in RuleType]: Evaluator<T> } = {
  productActive: (_p, _c, product) => (product.active ? ok : fail(`${product.name} is not offered at the moment`)),

  notHeld: (_p, c, product) => (c.held.has(product.id) ? fail(`the customer already holds ${product.name}`) : ok),

  notDismissed: (_p, c, product) => (c.dismissed.has(product.id) ? fail(`the customer dismissed ${product.name}`) : ok),

  // Only for customers without a risk profile; profiled ones are judged by riskWithinTolerance.
  unprofiledCap: (p, c, product) => {
    if (c.profile.riskTolerance !== null) return na;
    const exempt = p.noProfileCategories.includes(product.category);
    const max = exempt ? p.noProfileCategoriesMaxRisk : p.unprofiledMaxRisk;
    if (product.riskLevel <= max) return exempt ? na : ok;
    return fail(`no risk profile on record: risk level ${product.riskLevel} is above ${max}, the most offered without one${exempt ? ` for ${product.category.toLowerCase()} products` : ''}`);
  },

  riskWithinTolerance: (_p, c, product) => {
    const t = c.profile.riskTolerance;
    if (t === null) return na;
    return product.riskLevel <= t ? ok : fail(`risk level ${product.riskLevel} is above the customer's tolerance ${t}`);
  },

  // Explicit eligibility: an unknown age passes only products without an age bound.
  ageBounds: (_p, c, product) => {
    if (product.minAge === null && product.maxAge === null) return na;
    const age = c.profile.age;
    const bounds = `${product.minAge ?? 0}–${product.maxAge ?? '∞'}`;
    if (age === null) return fail(`age unknown; ${product.name} is for ages ${bounds}`);
    if ((product.minAge !== null && age < product.minAge) || (product.maxAge !== null && age > product.maxAge)) {
      return fail(`age ${age} is outside ${bounds}`);
    }
    return ok;
  },

  minAmountVsIncome: (p, c, product) => {
    const income = c.profile.income;
    if (income === null || product.minAmount === null || p.exemptCategories.includes(product.category)) return na;
    const limit = p.maxShareOfIncome * income;
    if (product.minAmount <= limit) return ok;
    return fail(`the minimum of ${eur(product.minAmount)} is more than ${Math.round(p.maxShareOfIncome * 100)} % of the customer's yearly income (${eur(limit)})`);
  },

  termVsHorizon: (p, c, product) => {
    const horizon = c.profile.investmentHorizonMonths;
    if (horizon === null || product.termMonths === null || p.exemptCategories.includes(product.category)) return na;
    if (product.termMonths <= horizon) return ok;
    return fail(`its ${product.termMonths}-month term runs past the customer's ${horizon}-month investment horizon`);
  },

  loanAffordability: (p, c, product) => {
    if (!p.categories.includes(product.category)) return na;
    const income = c.profile.income;
    if (income === null) return fail(`income unknown: the affordability of ${product.name} cannot be checked`);
    const e = estimatedInstalment(p, product);
    const limit = (p.maxDebtServiceRatio * income) / 12;
    if (e.monthly <= limit) return ok;
    return fail(`an estimated ${eur(e.monthly)} a month (${eur(e.amount)} over ${e.months} months at ${e.ratePercent} %) is more than ${Math.round(p.maxDebtServiceRatio * 100)} % of the customer's monthly income (${eur(limit)})`);
  },
};

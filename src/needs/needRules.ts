// The suitability rules a stated need adds to the gate (recommend/suitability.ts), in the same
// shape: a product that fails one is excluded and recorded with the rule and why; a product that
// passes one carries the rule's code, which becomes a reason with the customer's own words as
// evidence. The need can only narrow what the customer's profile allows, never widen it:
//  - stated risk appetite caps the risk level (and without a risk profile on record, so does
//    the lower of UNPROFILED_MAX_RISK and the gate's NO_RISK_PROFILE cap: words in a text box are
//    not a suitability assessment);
//  - a horizon excludes deposits whose term runs past it, and products too volatile for it
//    (PRIIPs recommended holding periods: SRI ≥ 5 wants 5+ years, SRI 4 wants 3+, SRI 3 wants 1+);
//  - "access any time" excludes deposits, pensions and products whose value swings (SRI ≥ 4);
//  - a pension needs a horizon of five years or more; a stated amount below a product's
//    minimum excludes it; a stated currency excludes products in another; unwanted categories go.
import { unprofiledCap } from '../recommend/rules';
import type { SuitabilityRule, Verdict } from '../recommend/suitability';
import type { CustomerState, ProductCategory, ProductInfo } from '../recommend/types';
import { maxRiskFor, type ParsedNeed } from './types';

const ok: Verdict = { pass: true };
const na: Verdict = { pass: 'not-applicable' };

/** Shortest horizon, in months, for a product of each risk level (below 3: any horizon). */
export function minimumHorizonMonths(riskLevel: number): number {
  if (riskLevel >= 5) return 60;
  if (riskLevel === 4) return 36;
  if (riskLevel === 3) return 12;
  return 0;
}

/** Money in a pension is locked until retirement: never for a horizon under five years. */
const PENSION_MINIMUM_HORIZON = 60;

/** Categories whose products lend to the customer: judged by affordability, not by market risk or horizon. */
export const CREDIT_CATEGORIES: ReadonlySet<ProductCategory> = new Set(['LOAN', 'MORTGAGE', 'CARD']);
/** Categories that keep money instantly available. */
const INSTANT_ACCESS: ReadonlySet<ProductCategory> = new Set(['ACCOUNT', 'SERVICE', 'CARD']);

export interface NeedRuleOptions {
  /** Risk cap when the customer has no risk tolerance on record. */
  unprofiledMaxRisk: number;
  /** The customer's currency when the need states none (the bank's home currency); absent: any. */
  homeCurrency?: string;
}

/** The risk cap the need and the profile leave, and which of them set it. */
export function riskCap(need: ParsedNeed, customer: CustomerState, options: NeedRuleOptions): { max: number; by: 'appetite' | 'unprofiled' | 'none' } {
  const stated = need.riskAppetite ? maxRiskFor(need.riskAppetite.value) : 7;
  // The gate's own unprofiled cap (rules/ruleset.v1.json, NO_RISK_PROFILE) applies to every list;
  // the need's option can only lower it.
  const gateCap = unprofiledCap()?.maxRisk ?? 7;
  const unprofiled = customer.profile.riskTolerance === null ? Math.min(options.unprofiledMaxRisk, gateCap) : 7;
  if (stated >= 7 && unprofiled >= 7) return { max: 7, by: 'none' };
  return stated <= unprofiled ? { max: stated, by: 'appetite' } : { max: unprofiled, by: 'unprofiled' };
}

/** The last word of a refusal, singular and lower-case ("bonds" → "bond", "acciones" → "accion"). */
function refusedStem(source: string): string {
  const word = source.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/[^a-z]+/).filter(Boolean).pop() ?? '';
  return word.replace(/(es|s)$/, '');
}

export function needRules(need: ParsedNeed, customer: CustomerState, options: NeedRuleOptions): SuitabilityRule[] {
  const rules: SuitabilityRule[] = [];
  const unwanted = new Map(need.unwantedCategories.map((c) => [c.value, c.source]));
  if (unwanted.size > 0) {
    // The refused words also name products of other categories: "no bonds" refuses bond funds too.
    const stems = need.unwantedCategories.map((c) => ({ source: c.source, stem: refusedStem(c.source) })).filter((s) => s.stem.length >= 4);
    rules.push({
      rule: 'UNWANTED_CATEGORY', passed: 'NOT_UNWANTED',
      check: (_c, p) => {
        if (unwanted.has(p.category)) return { pass: false, detail: `the customer does not want ${p.category.toLowerCase()} products ("${unwanted.get(p.category)}")` };
        const named = `${p.subcategory ?? ''} ${p.name}`.toLowerCase();
        const hit = stems.find((s) => named.includes(s.stem));
        return hit ? { pass: false, detail: `${p.name} is what the customer refused ("${hit.source}")` } : na;
      },
    });
  }
  const cap = riskCap(need, customer, options);
  if (cap.by !== 'none') {
    const appetite = need.riskAppetite;
    rules.push(cap.by === 'appetite' && appetite
      ? {
        rule: 'RISK_ABOVE_STATED_APPETITE', passed: 'WITHIN_YOUR_RISK_APPETITE',
        check: (_c, p) => (CREDIT_CATEGORIES.has(p.category) ? na
          : p.riskLevel <= cap.max ? ok : { pass: false, detail: `risk level ${p.riskLevel} is above ${cap.max}, the most "${appetite.source}" allows` }),
      }
      : {
        rule: 'RISK_NEEDS_PROFILE', passed: 'RISK_WITHIN_UNPROFILED_LIMIT',
        check: (_c, p) => (CREDIT_CATEGORIES.has(p.category) ? na
          : p.riskLevel <= cap.max ? na : { pass: false, detail: `risk level ${p.riskLevel} needs a risk profile on record (without one: at most ${cap.max})` }),
      });
  }
  const horizon = need.horizonMonths;
  if (horizon) {
    rules.push({
      rule: 'HORIZON_MISMATCH', passed: 'FITS_YOUR_HORIZON',
      check: (_c, p) => {
        if (CREDIT_CATEGORIES.has(p.category)) return na;
        if (p.category === 'PENSION' && horizon.value < PENSION_MINIMUM_HORIZON) {
          return { pass: false, detail: `a pension is locked until retirement; "${horizon.source}" is ${horizon.value} months` };
        }
        if (p.termMonths !== null && p.termMonths > horizon.value) {
          return { pass: false, detail: `its ${p.termMonths}-month term runs past the ${horizon.value}-month horizon ("${horizon.source}")` };
        }
        const needed = minimumHorizonMonths(p.riskLevel);
        if (horizon.value < needed) return { pass: false, detail: `risk level ${p.riskLevel} wants a horizon of ${needed} months or more; "${horizon.source}" is ${horizon.value}` };
        return ok;
      },
    });
  }
  const liquidity = need.liquidity;
  if (liquidity?.value === 'HIGH') {
    rules.push({
      rule: 'LOCKED_WHEN_ACCESS_NEEDED', passed: 'EASY_ACCESS',
      check: (_c, p) => {
        if (p.category === 'PENSION' || p.category === 'DEPOSIT' || (p.termMonths !== null && p.termMonths >= 3)) {
          return { pass: false, detail: `money in ${p.name} is locked away, and the customer wants "${liquidity.source}"` };
        }
        if (!CREDIT_CATEGORIES.has(p.category) && p.riskLevel >= 4) {
          return { pass: false, detail: `risk level ${p.riskLevel}: its value may be down when the customer needs the money ("${liquidity.source}")` };
        }
        return INSTANT_ACCESS.has(p.category) || (p.category === 'FUND' && p.riskLevel <= 2) ? ok : na;
      },
    });
  }
  // A stated currency, else the home currency: a customer is not offered a product in a currency
  // they did not ask for (the exchange risk is theirs). Only a stated one is a reason.
  const currency = need.currency;
  const expected = currency?.value ?? options.homeCurrency;
  if (expected) {
    rules.push({
      rule: 'OTHER_CURRENCY', passed: 'IN_YOUR_CURRENCY',
      check: (_c, p) => {
        if (CREDIT_CATEGORIES.has(p.category)) return na;
        if (p.currency !== expected) {
          return { pass: false, detail: currency ? `${p.name} is in ${p.currency}, not ${expected}` : `${p.name} is in ${p.currency}; none was asked for, and the customer's currency is ${expected}` };
        }
        return currency ? ok : na;
      },
    });
  }
  const amount = need.amount;
  if (amount) {
    const inCurrency = currency?.value ?? null;
    rules.push({
      rule: 'BELOW_MINIMUM_AMOUNT', passed: 'AMOUNT_MEETS_MINIMUM',
      check: (_c, p: ProductInfo) => {
        if (p.minAmount === null || CREDIT_CATEGORIES.has(p.category)) return na;
        if (inCurrency !== null && p.currency !== inCurrency) return na; // cannot compare across currencies
        return amount.value >= p.minAmount ? ok : { pass: false, detail: `the minimum is ${p.minAmount} ${p.currency}; "${amount.source}" is less` };
      },
    });
  }
  return rules;
}

// The suitability rule set: loaded from the committed, versioned file (ruleset.v1.json, reviewed by
// compliance), validated once at load, and compiled into the gate's rules (src/recommend/suitability.ts).
// Changing a rule or a parameter means a new version; every served list records RULE_SET_VERSION.
import type { SuitabilityRule } from '../suitability';
import type { CustomerState, Notice } from '../types';
import { EVALUATORS } from './evaluators';
import ruleSetFile from './ruleset.v1.json';
import { RuleSetSchema, type RuleSet, type RuleSpec, type RuleType } from './schema';

export { estimatedInstalment, monthlyInstalment } from './evaluators';
export { RuleSetSchema, type RuleSet, type RuleSpec } from './schema';

/** Validate a rule set (throws a ZodError naming the offending rule and field). */
export function parseRuleSet(raw: unknown): RuleSet {
  return RuleSetSchema.parse(raw);
}

/** One rule of the file as the gate runs it. */
export function compileRule(spec: RuleSpec): SuitabilityRule {
  const evaluate = EVALUATORS[spec.type] as (params: unknown, ...rest: Parameters<SuitabilityRule['check']>) => ReturnType<SuitabilityRule['check']>;
  return { rule: spec.id, passed: spec.passedCode, check: (customer, product) => evaluate(spec.params, customer, product) };
}

export const RULE_SET: RuleSet = parseRuleSet(ruleSetFile);
export const RULE_SET_VERSION: string = RULE_SET.version;

/** Every rule of the file, in order: what the live API, batch scoring and recommendForNeed apply. */
export const FULL_RULES: readonly SuitabilityRule[] = RULE_SET.rules.map(compileRule);

/** Rule types that need nothing but the catalog and the customer's holdings, dismissals and age. */
const RANKING_TYPES: ReadonlySet<RuleType> = new Set(['productActive', 'notHeld', 'notDismissed', 'ageBounds']);

/**
 * The ranking-only subset (active, not held, not dismissed, age) for offline evaluation: the
 * Santander data has no risk profiles, horizons or loan terms, so the profile rules would remove
 * most of what customers actually added and measure the gate rather than the ranking.
 * Never used to serve a customer.
 */
export const RANKING_RULES: readonly SuitabilityRule[] = RULE_SET.rules.filter((r) => RANKING_TYPES.has(r.type)).map(compileRule);

/** The unprofiled cap's parameters (for notices and the need path's risk cap). */
export function unprofiledCap(): { maxRisk: number; categories: readonly string[] } | null {
  const spec = RULE_SET.rules.find((r) => r.type === 'unprofiledCap');
  return spec && spec.type === 'unprofiledCap' ? { maxRisk: spec.params.unprofiledMaxRisk, categories: spec.params.noProfileCategories } : null;
}

/** A rule set the gate applies, with the version every list it gates records. */
export interface GateRuleSet { version: string; rules: readonly SuitabilityRule[] }

export const FULL_RULE_SET: GateRuleSet = { version: RULE_SET_VERSION, rules: FULL_RULES };
/** Offline evaluation only (see RANKING_RULES); its version says so, so no list can pass for a fully gated one. */
export const RANKING_RULE_SET: GateRuleSet = { version: `${RULE_SET_VERSION}/ranking-only`, rules: RANKING_RULES };

const NO_RISK_PROFILE = 'NO_RISK_PROFILE';

/** The list-level notices a rule set implies for a customer: today, only the unprofiled cap's. */
export function gateNotices(customer: CustomerState, set: GateRuleSet): Notice[] {
  const cap = unprofiledCap();
  if (customer.profile.riskTolerance !== null || !cap || !set.rules.some((r) => r.rule === NO_RISK_PROFILE)) return [];
  return [{
    code: NO_RISK_PROFILE,
    message: `No risk profile yet: only products of risk level ${cap.maxRisk} or lower, and accounts, cards and services, are shown. `
      + 'Complete the risk questionnaire to see investments.',
  }];
}

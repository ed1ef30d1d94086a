// Reason codes and their plain-language text. Built only from what actually made an item: the
// recommenders that contributed to its blended score (strongest first; those contributing less than
// MIN_SHARE of the strongest are left out) and the customer-facing gate rules it passed.
import type { Contribution } from './blender';
import type { CustomerState, ProductInfo, Reason } from './types';

/** A contribution below this share of the strongest one is too small to be worth saying. */
export const MIN_SHARE = 0.25;

const SIGNAL_TEXT: Record<string, (evidence?: string) => string> = {
  SIMILAR_CUSTOMERS: () => 'Customers with a profile and products like yours added it',
  OFTEN_HELD_WITH: (e) => (e ? `Often held together with ${e}` : 'Often held together with products like yours'),
  USED_TO_HOLD: () => 'You held it until recently, and customers in that situation often take it up again',
  COMMON_NEXT_STEP: () => 'Commonly added next by customers in your situation',
  POPULAR_NOW: () => 'Popular with customers right now',
  MATCHES_YOUR_PRODUCTS: (e) => (e ? `Its features match ${e}` : 'Its features match the products you hold'),
  ACTIVE_CUSTOMERS_CHOOSE: () => 'Active customers similar to you chose it recently',
  LEARNED_FROM_SIMILAR_PATHS: () => 'Customers whose products changed like yours went on to add it',
  SIMILAR_FEATURES: (e) => (e ? `Similar features to ${e}` : 'Similar features'),
  SAME_CUSTOMERS_AS: (e) => (e ? `Chosen by the same kind of customers as ${e}` : 'Chosen by the same kind of customers'),
  NEW_PRODUCT: () => 'New in our range, and available to you',
};

const GATE_TEXT: Record<string, (c: CustomerState, p: ProductInfo) => string> = {
  RISK_WITHIN_TOLERANCE: (c, p) => `Its risk level (${p.riskLevel} of 7) is within your risk tolerance (${c.profile.riskTolerance} of 7)`,
  AGE_ELIGIBLE: (_c, p) => `You meet its age requirement (${p.minAge ?? 0}${p.maxAge === null ? '+' : `–${p.maxAge}`})`,
};

export const SIGNAL_REASON_CODES = Object.keys(SIGNAL_TEXT);
export const GATE_REASON_CODES = Object.keys(GATE_TEXT);
/** Every reason code FinRec can emit (signals and gate rules). */
export const REASON_CODES = [...SIGNAL_REASON_CODES, ...GATE_REASON_CODES];

export function signalReason(code: string, weight: number, evidence?: string): Reason {
  const text = SIGNAL_TEXT[code]?.(evidence) ?? code;
  return { code, weight, text };
}

export function buildReasons(customer: CustomerState, product: ProductInfo, contributions: readonly Contribution[], passed: readonly string[]): Reason[] {
  const top = contributions.reduce((m, c) => Math.max(m, c.value), 0);
  const byCode = new Map<string, Reason>();
  for (const c of contributions) {
    if (!(c.value > 0) || c.value < MIN_SHARE * top) continue;
    const existing = byCode.get(c.code);
    if (existing) existing.weight += c.value;
    else byCode.set(c.code, signalReason(c.code, c.value, c.evidence));
  }
  const reasons = [...byCode.values()].sort((a, b) => b.weight - a.weight);
  for (const rule of passed) {
    const text = GATE_TEXT[rule];
    if (text) reasons.push({ code: rule, weight: 0, text: text(customer, product) });
  }
  return reasons;
}

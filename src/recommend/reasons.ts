// Reason codes and their plain-language text. Built only from what actually made an item: the
// recommenders that contributed to its blended score (strongest first; those contributing less than
// MIN_SHARE of the strongest are left out) and the customer-facing gate rules it passed.
// The wording of every code, in every language, lives in src/explain/phrases*.ts; a reason keeps
// its evidence so that it can be rendered again in another language.
import { BEHAVIOUR_CODES, GATE_CODES, NEED_CODES } from '../explain/codes';
import { reasonText } from '../explain/phrases';
import type { Contribution } from './blender';
import type { CustomerState, ProductInfo, Reason } from './types';

/** A contribution below this share of the strongest one is too small to be worth saying. */
export const MIN_SHARE = 0.25;

/** Codes an item gets from what scored it: behavioural recommenders and need matching. */
export const SIGNAL_REASON_CODES: readonly string[] = [...BEHAVIOUR_CODES, ...NEED_CODES];
export const NEED_REASON_CODES: readonly string[] = NEED_CODES;
export const GATE_REASON_CODES: readonly string[] = GATE_CODES;
/** Every reason code FinRec can emit (signals and gate rules). */
export const REASON_CODES: readonly string[] = [...SIGNAL_REASON_CODES, ...GATE_REASON_CODES];

/** A signal's reason; `product` lets the text quote the product's facts (fee, minimum, term). */
export function signalReason(code: string, weight: number, evidence?: string, product?: ProductInfo): Reason {
  const text = reasonText(code, evidence, 'en', { product });
  return evidence === undefined ? { code, weight, text } : { code, weight, text, evidence };
}

/** The evidence a passed gate rule quotes: the customer's side of the comparison. */
function gateEvidence(rule: string, customer: CustomerState, product: ProductInfo): string | undefined {
  if (rule === 'RISK_WITHIN_TOLERANCE') return customer.profile.riskTolerance === null ? undefined : String(customer.profile.riskTolerance);
  if (rule === 'AGE_ELIGIBLE') return `${product.minAge ?? 0}${product.maxAge === null ? '+' : `–${product.maxAge}`}`;
  return undefined;
}

export function buildReasons(customer: CustomerState, product: ProductInfo, contributions: readonly Contribution[], passed: readonly string[]): Reason[] {
  const top = contributions.reduce((m, c) => Math.max(m, c.value), 0);
  const byCode = new Map<string, Reason>();
  for (const c of contributions) {
    if (!(c.value > 0) || c.value < MIN_SHARE * top) continue;
    const existing = byCode.get(c.code);
    if (existing) existing.weight += c.value;
    else byCode.set(c.code, signalReason(c.code, c.value, c.evidence, product));
  }
  const reasons = [...byCode.values()].sort((a, b) => b.weight - a.weight);
  for (const rule of passed) {
    if (!GATE_REASON_CODES.includes(rule)) continue;
    const evidence = gateEvidence(rule, customer, product);
    const text = reasonText(rule, evidence, 'en', { product });
    reasons.push(evidence === undefined ? { code: rule, weight: 0, text } : { code: rule, weight: 0, text, evidence });
  }
  return reasons;
}

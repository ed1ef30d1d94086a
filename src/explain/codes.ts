// Every reason code FinRec can put on an item, by where it comes from. The wording for each code
// lives in phrases.en.ts / phrases.es.ts; the words that *claim* each one, in claims.ts.

/** Behavioural recommenders' codes (src/recommend/recommenders). */
export const BEHAVIOUR_CODES = [
  'SIMILAR_CUSTOMERS', 'OFTEN_HELD_WITH', 'USED_TO_HOLD', 'COMMON_NEXT_STEP', 'POPULAR_NOW', 'MATCHES_YOUR_PRODUCTS',
  'ACTIVE_CUSTOMERS_CHOOSE', 'LEARNED_FROM_SIMILAR_PATHS', 'SIMILAR_FEATURES', 'SAME_CUSTOMERS_AS', 'NEW_PRODUCT',
] as const;

/** Need-based recommendation's codes: what the customer asked for, and how the product meets it. */
export const NEED_CODES = [
  'MATCHES_YOUR_NEED', 'WANTED_CATEGORY', 'SUITS_YOUR_GOAL', 'WITHIN_YOUR_RISK_APPETITE', 'FITS_YOUR_HORIZON',
  'EASY_ACCESS', 'AMOUNT_MEETS_MINIMUM', 'IN_YOUR_CURRENCY', 'LOW_COST', 'CUSTOMERS_LIKE_YOU_USE_LINE', 'FITS_WHAT_YOU_DESCRIBED',
] as const;

/** Customer-facing suitability rules an item passed (src/recommend/suitability.ts). */
export const GATE_CODES = ['RISK_WITHIN_TOLERANCE', 'AGE_ELIGIBLE'] as const;

export type ReasonCode = (typeof BEHAVIOUR_CODES)[number] | (typeof NEED_CODES)[number] | (typeof GATE_CODES)[number];

export const ALL_CODES: readonly ReasonCode[] = [...BEHAVIOUR_CODES, ...NEED_CODES, ...GATE_CODES];

const gates: ReadonlySet<string> = new Set(GATE_CODES);
export function isGateCode(code: string): boolean {
  return gates.has(code);
}

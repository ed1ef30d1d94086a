// The needs feature: reading what a customer asks for in their own words.
export * from './types';
export { parseNeed, parseNeedRules, DEFAULT_NEED_TIMEOUT_MS, type ParseNeedOptions } from './parseNeed';
export { SHORT_TERM_MONTHS, MEDIUM_TERM_MONTHS, LONG_TERM_MONTHS } from './lexicon';

// Customer-facing wording: reason texts in English and Spanish, template explanations, the claim
// detector, and the Explainer the API uses (LLM-written when configured, checked, else template).
export { ALL_CODES, BEHAVIOUR_CODES, GATE_CODES, NEED_CODES, isGateCode, type ReasonCode } from './codes';
export { LANGUAGES, PHRASES, reasonText, type Language, type PhraseContext, type ProductFacts } from './phrases';
export { explain, orderedReasons, type ExplainItem } from './template';
export { claimedReasons, type ClaimOptions } from './claims';
export { checkAnswer, MAX_EXPLANATION_CHARS, numbersIn } from './check';
export { Explainer, type Explanation, type ExplainerOptions } from './explainer';

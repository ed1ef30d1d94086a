// The one prompt for LLM-written explanations. The model sees ONLY the item's reason codes with
// their template wording and the product's facts, and is told to mention nothing else; check.ts
// then verifies that it did not.
import type { ChatMessage } from '../llm/providers';
import { orderedReasons, type ExplainItem } from './template';
import { reasonText, type Language } from './phrases';

/** Everything the model is given: what its answer may be built from (and checked against). */
export interface PromptFacts {
  language: 'English' | 'Spanish';
  product: {
    name: string; riskLevel: number; riskScale: 7; termMonths: number | null; minAmount: number | null;
    currency: string; managementFeePercent: number | null;
  };
  reasons: { code: string; text: string; evidence?: string }[];
}

export function promptFacts(item: ExplainItem, language: Language): PromptFacts {
  const p = item.product;
  const { signals, gates } = orderedReasons(item.reasons);
  return {
    language: language === 'en' ? 'English' : 'Spanish',
    product: {
      name: p.name, riskLevel: p.riskLevel, riskScale: 7, termMonths: p.termMonths ?? null, minAmount: p.minAmount ?? null,
      currency: p.currency, managementFeePercent: p.managementFeePercent ?? null,
    },
    reasons: [...signals, ...gates].map((r) => ({
      code: r.code, text: reasonText(r.code, r.evidence, language, { product: p }), ...(r.evidence ? { evidence: r.evidence } : {}),
    })),
  };
}

const SYSTEM = `You explain to a bank customer, in one or two short sentences, why a product is suggested to them.
Rules:
- Write in the language given in "language"; address the customer directly and plainly.
- Mention ONLY the reasons listed in "reasons", strongest first; you may rephrase them but never add another reason, benefit, promise, comparison or advice.
- Use no number that does not appear in the facts given; never mention returns, interest, performance or guarantees.
- At most 400 characters.
Answer with a JSON object only: {"explanation": "<the text>", "codes": ["<code of each reason you mentioned>"]}.`;

export function explanationMessages(facts: PromptFacts): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: JSON.stringify(facts) },
  ];
}

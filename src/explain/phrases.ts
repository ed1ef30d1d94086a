// One place for customer-facing wording: every reason code's text in English and Spanish, as a
// stand-alone reason ("Popular with customers right now") and as a clause an explanation joins
// ("it is popular with customers right now"). Rendered from the code, its evidence and the
// product's own facts only, so a reason can be re-rendered in another language at any time.
import type { ProductInfo } from '../recommend/types';
import type { ReasonCode } from './codes';
import { EN } from './phrases.en';
import { ES } from './phrases.es';

export type Language = 'en' | 'es';
export const LANGUAGES: readonly Language[] = ['en', 'es'];

/** The product facts wording may quote. */
export type ProductFacts = Pick<ProductInfo, 'name' | 'riskLevel' | 'termMonths' | 'minAmount' | 'managementFeePercent' | 'currency' | 'minAge' | 'maxAge'>;

export interface PhraseContext { product?: Partial<ProductFacts> | null }

export interface Phrase {
  /** Stand-alone sentence (no final full stop), e.g. for Reason.text. */
  text(evidence: string | undefined, ctx: PhraseContext): string;
  /** Lower-case clause joined into an explanation after "because" / "porque". */
  clause(evidence: string | undefined, ctx: PhraseContext): string;
}

export type PhraseTable = Record<ReasonCode, Phrase>;

export const PHRASES: Record<Language, PhraseTable> = { en: EN, es: ES };

export function phraseFor(code: string, language: Language): Phrase | undefined {
  return (PHRASES[language] as Record<string, Phrase>)[code];
}

/** A reason's stand-alone text; an unknown code renders as itself (never invented wording). */
export function reasonText(code: string, evidence: string | undefined, language: Language, ctx: PhraseContext = {}): string {
  return phraseFor(code, language)?.text(blankToUndefined(evidence), ctx) ?? code;
}

export function blankToUndefined(s: string | undefined | null): string | undefined {
  return s === undefined || s === null || s.trim() === '' ? undefined : s;
}

export { formatNumber } from './format';

/** A product's age bounds as quoted in a reason ("18+", "0–19"): the evidence, else the product's facts. */
export function ageBounds(e: string | undefined, ctx: PhraseContext): string | undefined {
  if (e) return e;
  const p = ctx.product;
  if (!p || (p.minAge == null && p.maxAge == null)) return undefined;
  return `${p.minAge ?? 0}${p.maxAge == null ? '+' : `–${p.maxAge}`}`;
}

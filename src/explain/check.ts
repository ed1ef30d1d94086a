// Accepting an LLM-written explanation: it must be valid JSON of the agreed shape, short, in the
// requested language, claim no reason the item does not have (claims.ts), declare no foreign code,
// and quote no number that is not among the facts it was given. Anything else is rejected with why.
import { z } from 'zod';
import { claimedReasons } from './claims';
import type { Language } from './phrases';
import type { PromptFacts } from './prompt';

export const MAX_EXPLANATION_CHARS = 400;

const Answer = z.object({ explanation: z.string().trim().min(1), codes: z.array(z.string()) });

export type Verdict = { ok: true; text: string } | { ok: false; why: string };

/** The numeric values a written number may stand for ("1,000.5" English, "1.000,5" Spanish). */
function values(token: string): number[] {
  return [Number(token.replace(/,/g, '')), Number(token.replace(/\./g, '').replace(',', '.'))].filter(Number.isFinite);
}

export function numbersIn(text: string): string[] {
  return text.match(/\d+(?:[.,]\d+)*/g) ?? [];
}

const MARKERS: Record<Language, ReadonlySet<string>> = {
  en: new Set(['the', 'and', 'is', 'it', 'you', 'your', 'of', 'to', 'with', 'for', 'because', 'this', 'are', 'has', 'its', 'we']),
  es: new Set(['el', 'la', 'los', 'las', 'de', 'que', 'y', 'es', 'con', 'para', 'porque', 'tu', 'tus', 'te', 'lo', 'un', 'una', 'su', 'sus', 'del', 'al', 'está', 'por']),
};

/** A cheap check: more of the language's common words than of the other's. */
export function looksLike(text: string, language: Language): boolean {
  const words = text.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
  const count = (l: Language) => words.filter((w) => MARKERS[l].has(w)).length;
  const other: Language = language === 'en' ? 'es' : 'en';
  return count(language) >= 2 && count(language) > count(other);
}

function parse(raw: string): unknown {
  const body = raw.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  return JSON.parse(body);
}

/** What the answer may quote verbatim without claiming anything new: the product name, the evidence. */
export function quotedNames(facts: PromptFacts): string[] {
  return [facts.product.name, ...facts.reasons.flatMap((r) => (r.evidence ? [r.evidence] : []))];
}

/** Promises no reason code can carry: guarantees, returns, protection, "no fees". The template never
 *  makes them, so a text that does is rejected (the customer's own words, e.g. "no risk", are quoted
 *  evidence and stripped before this check). */
const PROMISES: Record<Language, RegExp[]> = {
  en: [/guarantee/, /protected/, /\breturns?\b/, /\byields?\b/, /performance/, /\bprofit/, /\bno (fees|charges|commission)/, /free of charge/, /risk[- ]free/, /\bsafe\b/, /can(no|')t lose/, /high(er)? (return|interest|gain)/],
  es: [/garantiz/, /garantia/, /protegid/, /rentabilidad/, /rendimiento/, /beneficio/, /ganancia/, /sin (comision|coste|gasto)/, /gratis/, /sin riesgo/, /segur[oa]\b/, /no (puedes|podras) perder/],
};

export function promisesIn(text: string, language: Language): string[] {
  const t = text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return PROMISES[language].filter((r) => r.test(t)).map((r) => r.source);
}

export function checkAnswer(raw: string, facts: PromptFacts, language: Language): Verdict {
  let json: unknown;
  try { json = parse(raw); } catch { return { ok: false, why: 'not JSON' }; }
  const answer = Answer.safeParse(json);
  if (!answer.success) return { ok: false, why: `wrong shape: ${answer.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}` };
  const text = answer.data.explanation;
  const codes = new Set(facts.reasons.map((r) => r.code));
  if (text.length > MAX_EXPLANATION_CHARS) return { ok: false, why: `too long (${text.length} characters)` };
  const foreign = answer.data.codes.filter((c) => !codes.has(c));
  if (foreign.length) return { ok: false, why: `declares codes the item does not have: ${foreign.join(', ')}` };
  let stripped = text;
  for (const q of quotedNames(facts)) if (q.length >= 3) stripped = stripped.split(q).join(' ');
  const promises = promisesIn(stripped, language);
  if (promises.length) return { ok: false, why: `makes promises no reason supports: ${promises.join(', ')}` };
  const unsupported = [...claimedReasons(text, language, { ignore: quotedNames(facts) })].filter((c) => !codes.has(c));
  if (unsupported.length) return { ok: false, why: `claims reasons the item does not have: ${unsupported.join(', ')}` };
  const allowed = new Set(numbersIn(JSON.stringify(facts)).flatMap(values));
  const invented = numbersIn(text).filter((n) => !values(n).some((v) => allowed.has(v)));
  if (invented.length) return { ok: false, why: `numbers not among the facts: ${invented.join(', ')}` };
  if (!looksLike(text, language)) return { ok: false, why: `not in ${facts.language}` };
  return { ok: true, text };
}

// The deterministic explanation: one or two sentences built only from an item's reason codes, their
// evidence and the product's own facts. The strongest signals come first (by weight), the gate
// rules it passed last; with no reasons it claims nothing.
import { isGateCode, GATE_CODES } from './codes';
import { blankToUndefined, phraseFor, type Language, type PhraseContext, type ProductFacts } from './phrases';
import type { Reason } from '../recommend/types';

/** What an explanation is made from: a recommended product and the reasons it carries. */
export interface ExplainItem {
  product: ProductFacts & { id: string };
  reasons: readonly Pick<Reason, 'code' | 'weight' | 'evidence'>[];
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "a", "a and b", "a, b and c" — with semicolons when a clause has its own commas. */
function joinClauses(parts: readonly string[], and: string): string {
  if (parts.length <= 1) return parts[0] ?? '';
  const sep = parts.some((p) => p.includes(',')) ? ';' : ',';
  return `${parts.slice(0, -1).join(`${sep} `)}${sep === ';' ? ';' : ''} ${and} ${parts.at(-1)}`;
}

const WORDS = {
  en: {
    and: 'and',
    because: (name: string, why: string) => `We suggest the ${name} because ${why}.`,
    gatesOnly: (name: string, why: string) => `The ${name} is available to you and passed our suitability checks: ${why}.`,
    nothing: (name: string) => `We suggest the ${name} from our range.`,
  },
  es: {
    and: 'y',
    because: (name: string, why: string) => `Te sugerimos ${name} porque ${why}.`,
    gatesOnly: (name: string, why: string) => `${name} está disponible para ti y ha superado nuestras comprobaciones de idoneidad: ${why}.`,
    nothing: (name: string) => `Te sugerimos ${name}, de nuestra gama de productos.`,
  },
} as const;

/** The item's known reasons, one per code: signals strongest first, then gate rules in rule order. */
export function orderedReasons<R extends Pick<Reason, 'code' | 'weight'>>(reasons: readonly R[]): { signals: R[]; gates: R[] } {
  const seen = new Set<string>();
  const unique = reasons.filter((r) => phraseFor(r.code, 'en') && !seen.has(r.code) && seen.add(r.code));
  const signals = unique.filter((r) => !isGateCode(r.code)).map((r, i) => ({ r, i }))
    .sort((a, b) => (b.r.weight ?? 0) - (a.r.weight ?? 0) || a.i - b.i).map((x) => x.r);
  const gates = unique.filter((r) => isGateCode(r.code))
    .sort((a, b) => GATE_CODES.indexOf(a.code as never) - GATE_CODES.indexOf(b.code as never));
  return { signals, gates };
}

/** The template explanation of one item in one language. */
export function explain(item: ExplainItem, language: Language): string {
  const w = WORDS[language];
  const ctx: PhraseContext = { product: item.product };
  const clause = (r: Pick<Reason, 'code' | 'evidence'>): string => phraseFor(r.code, language)!.clause(blankToUndefined(r.evidence), ctx);
  const { signals, gates } = orderedReasons(item.reasons);
  const name = item.product.name;
  if (signals.length === 0 && gates.length === 0) return w.nothing(name);
  if (signals.length === 0) return w.gatesOnly(name, joinClauses(gates.map(clause), w.and));
  const first = w.because(name, joinClauses(signals.map(clause), w.and));
  return gates.length === 0 ? first : `${first} ${cap(joinClauses(gates.map(clause), w.and))}.`;
}

// What a need-based list tells the customer, in the language of their need: the contradictions the
// parser found (by code) and the limits the service applied. One table per language.
import type { ParsedNeed } from './types';

type Params = { max?: number; category?: string; words?: string };
type Table = Record<string, (p: Params) => string>;

const EN: Table = {
  CATEGORY_WANTED_AND_UNWANTED: () => 'A kind of product is both asked for and refused; it is treated as refused.',
  RISK_CONTRADICTION: () => 'Both a cautious and a high-risk attitude are stated; the cautious one is used.',
  LIQUIDITY_LOCKUP: () => 'The money is needed at any time but would be locked away; access is kept.',
  RETURN_WITHOUT_RISK: () => 'A high return cannot come without risk to the capital; the no- or low-risk wish is kept.',
  SHORT_HORIZON_RETIREMENT: () => 'Retirement saving usually needs a long horizon, but a short one is stated.',
  HIGH_RISK_SHORT_HORIZON: () => 'High-risk products need years to recover from losses; the horizon is short.',
  META_INSTRUCTION: () => 'Instructions to the system in the text are not followed; only the stated need is used.',
  UNPROFILED_CAP: (p) => `No risk profile is on record, so only products up to risk level ${p.max} of 7 are offered; a risk questionnaire would widen the choice.`,
  AGE_UNKNOWN: () => 'Age unknown: products with an age requirement (investment and credit products) are offered only to a known customer (userId).',
  NOT_OFFERED: (p) => `We offer no ${p.category} products ("${p.words}"); the list shows the closest alternatives.`,
  NOTHING_MATCHES: () => 'Nothing in the catalog meets every condition of this need; relaxing one (amount, horizon, currency, risk) would allow more.',
  NOTHING_UNDERSTOOD: () => 'No amount, horizon, risk, goal or kind of product could be read in this text; the list follows its wording and what suits you. Saying what the money is for, for how long and how much risk you accept would sharpen it.',
};

const ES: Table = {
  CATEGORY_WANTED_AND_UNWANTED: () => 'Un tipo de producto se pide y se rechaza a la vez; se trata como rechazado.',
  RISK_CONTRADICTION: () => 'Se expresa a la vez prudencia y gusto por el riesgo; se aplica la prudencia.',
  LIQUIDITY_LOCKUP: () => 'El dinero se necesita en cualquier momento pero quedaría inmovilizado; se mantiene el acceso.',
  RETURN_WITHOUT_RISK: () => 'Una rentabilidad alta no es posible sin arriesgar el capital; se mantiene el deseo de poco o ningún riesgo.',
  SHORT_HORIZON_RETIREMENT: () => 'Ahorrar para la jubilación suele requerir un plazo largo, pero se indica uno corto.',
  HIGH_RISK_SHORT_HORIZON: () => 'Los productos de riesgo alto necesitan años para recuperarse de las pérdidas; el plazo es corto.',
  META_INSTRUCTION: () => 'Las instrucciones al sistema que contiene el texto no se siguen; solo se usa la necesidad expresada.',
  UNPROFILED_CAP: (p) => `No consta un perfil de riesgo, así que solo se ofrecen productos de nivel de riesgo ${p.max} de 7 como máximo; un cuestionario de riesgo ampliaría la oferta.`,
  AGE_UNKNOWN: () => 'Edad desconocida: los productos con requisito de edad (inversión y crédito) solo se ofrecen a un cliente identificado (userId).',
  NOT_OFFERED: (p) => `No ofrecemos productos de tipo ${p.category} («${p.words}»); la lista muestra las alternativas más cercanas.`,
  NOTHING_MATCHES: () => 'Ningún producto del catálogo cumple todas las condiciones; relajar alguna (importe, plazo, moneda, riesgo) permitiría más.',
  NOTHING_UNDERSTOOD: () => 'No se ha podido leer en el texto un importe, plazo, riesgo, objetivo o tipo de producto; la lista sigue su redacción y lo que te conviene. Decir para qué es el dinero, durante cuánto tiempo y qué riesgo aceptas la afinaría.',
};

export function noticeText(code: string, language: ParsedNeed['language'], params: Params = {}, fallback = code): string {
  return (language === 'es' ? ES : EN)[code]?.(params) ?? fallback;
}

/** The parser's contradictions, in the need's language (the parser's own message for a code not in the tables). */
export function conflictNotices(need: ParsedNeed): string[] {
  return need.conflicts.map((c) => noticeText(c.code, need.language, {}, c.message));
}

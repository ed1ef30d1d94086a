// Text helpers for the rule-based need parser. Everything matches on a *folded* copy of the input
// that has exactly the same length (one UTF-16 unit per unit: lower-cased, accents dropped, curly
// quotes straightened), so a match's [start, end) slices the original text: every `source` the
// parser reports is an exact substring of what the customer wrote.

/** Only this many characters are parsed; longer inputs are cut (sources still come from the text). */
export const MAX_PARSE_CHARS = 4000;

/** Same-length fold: "Jubilación" → "jubilacion", "’" → "'". Units that would change length stay as they are. */
export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    let f = ch === '\u2019' || ch === '\u2018' ? "'" : ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    if (f.length !== 1) f = ch.length === 1 ? ch : ' ';
    out += f;
  }
  return out;
}

export interface Span { start: number; end: number }
export interface Match extends Span { text: string }

/** A regex over folded text matching whole words only (letters/digits may not touch either end).
 *  Folded text is lower-case without accents, so ASCII classes (plus Latin letters that keep no
 *  decomposition, like ß or ø) suffice — and are several times faster than Unicode property escapes. */
export function words(source: string): RegExp {
  return new RegExp(`(?<![a-z0-9\\u00c0-\\u024f])(?:${source})(?![a-z0-9\\u00c0-\\u024f])`, 'g');
}

export function allMatches(re: RegExp, folded: string): Match[] {
  const out: Match[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

export interface Token extends Span { word: string }

export function tokens(folded: string): Token[] {
  const out: Token[] = [];
  const re = /[\p{L}\p{N}']+/gu;
  for (let m = re.exec(folded); m !== null; m = re.exec(folded)) out.push({ start: m.index, end: m.index + m[0].length, word: m[0] });
  return out;
}

/**
 * Clause boundaries: sentence punctuation, commas, and words that start a new thought
 * ("but", "pero", "sino", "so", "because", "just", "only", "solo" …). Negation never crosses one.
 * "anything but X" keeps its "but" (it is the negation itself).
 */
export function clauseBreaks(folded: string): number[] {
  const breaks: number[] = [];
  const re = words("but|pero|sino|so|because|since|porque|although|aunque|however|just|only|solo|sólo|though|while|mientras|and i|y quiero|y necesito|y busco|and want|and need");
  for (const m of allMatches(re, folded)) {
    if (m.text === 'but' && /(?:anything|everything|all|nothing)\s+$/.test(folded.slice(Math.max(0, m.start - 12), m.start))) continue;
    breaks.push(m.start);
  }
  for (const m of allMatches(/[.;:!?¿¡,()\n"]/g, folded)) {
    // a decimal or thousands separator inside a number is not a break
    if ((m.text === '.' || m.text === ',') && /\d/.test(folded[m.start - 1] ?? '') && /\d/.test(folded[m.start + 1] ?? '')) continue;
    breaks.push(m.start);
  }
  return breaks.sort((a, b) => a - b);
}

/** Whether a clause boundary lies in [from, to). */
export const crossesBreak = (breaks: readonly number[], from: number, to: number): boolean => breaks.some((b) => b >= from && b < to);

const ES_MARKERS = new Set(('quiero tengo necesito busco para de el la los las una un y con sin mi mis que anos meses dinero ahorro ahorros ' +
  'ahorrar invertir riesgo por del me es cuenta hipoteca prestamo seguro tarjeta plazo algo nada ni al lo mas cuando jubilacion ' +
  'euros dolares hijos hija hijo quisiera gustaria puedo tener fondo fondos bolsa acciones dime olvida').split(' '));
const EN_MARKERS = new Set(('i want need to the my for and a an with money invest save years months of is me it in some risk ' +
  'would like looking have am i\'m can what any but not no please account loan mortgage fund funds card insurance help').split(' '));

/** 'es' when Spanish marker words (or ñ, ¿, ¡, accented vowels) outweigh English ones; else 'en'. */
export function detectLanguage(text: string, folded: string): 'en' | 'es' {
  let es = /[ñ¿¡áéíóú]/i.test(text) ? 2 : 0;
  let en = 0;
  for (const t of tokens(folded)) {
    if (ES_MARKERS.has(t.word)) es++;
    if (EN_MARKERS.has(t.word)) en++;
  }
  return es > en ? 'es' : 'en';
}

/** Damerau–Levenshtein distance ≤ 1 (one insertion, deletion, substitution or adjacent swap). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

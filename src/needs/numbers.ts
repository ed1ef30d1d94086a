// Quantities in a customer's words, English and Spanish: amounts ("50k", "€50,000", "50.000€",
// "20 000 EUR", "₹5,00,000", "fifty thousand", "2 mil euros", "1,5 millones", "medio millón"),
// durations ("18 months", "two years", "un año y medio", "a couple of years"), percentages and ages.
// Works on folded text (see text.ts), so spans index the original.
import { allMatches, tokens, words, type Span } from './text';

export interface CurrencyMention extends Span { code: string }

export type QuantityKind = 'money' | 'duration' | 'percent' | 'age' | 'plain';

export interface Quantity extends Span {
  value: number;
  kind: QuantityKind;
  /** For durations: the length in months. */
  months?: number;
  /** The currency written next to a money amount. */
  currency?: CurrencyMention;
  /** Written with a multiplier ("k", "thousand", "mil", "millones"). */
  scaled: boolean;
}

// Currency words and symbols → ISO code. "$" alone is read as USD (the most common dollar).
const CURRENCY_WORDS: [string, string][] = [
  ['€|eur|euros?', 'EUR'], ['us\\$|\\$|usd|us dollars?|dollars?|dolares|dolar|bucks', 'USD'],
  ['£|gbp|pounds?(?: sterling)?|libras?(?: esterlinas?)?|quid', 'GBP'], ['₹|inr|rupees?|rupias?|rs\\.?', 'INR'],
  ['chf|swiss francs?|francos? suizos?', 'CHF'], ['mxn|pesos? mexicanos?', 'MXN'], ['jpy|yen', 'JPY'],
];
const CURRENCY_RE = new RegExp(`(?<![\\p{L}])(?:${CURRENCY_WORDS.map(([s]) => `(${s})`).join('|')})(?![\\p{L}])`, 'gu');

export function findCurrencies(folded: string): CurrencyMention[] {
  const out: CurrencyMention[] = [];
  CURRENCY_RE.lastIndex = 0;
  for (let m = CURRENCY_RE.exec(folded); m !== null; m = CURRENCY_RE.exec(folded)) {
    const group = m.slice(1).findIndex((g) => g !== undefined);
    out.push({ start: m.index, end: m.index + m[0].length, code: CURRENCY_WORDS[group][1] });
  }
  return out;
}

const EN_UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const ES_UNITS: Record<string, number> = {
  cero: 0, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11, doce: 12,
  trece: 13, catorce: 14, quince: 15, dieciseis: 16, diecisiete: 17, dieciocho: 18, diecinueve: 19, veinte: 20,
  veintiuno: 21, veintiun: 21, veintidos: 22, veintitres: 23, veinticuatro: 24, veinticinco: 25, veintiseis: 26, veintisiete: 27,
  veintiocho: 28, veintinueve: 29, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90,
  cien: 100, ciento: 100, doscientos: 200, doscientas: 200, trescientos: 300, trescientas: 300, cuatrocientos: 400,
  cuatrocientas: 400, quinientos: 500, quinientas: 500, seiscientos: 600, seiscientas: 600, setecientos: 700, setecientas: 700,
  ochocientos: 800, ochocientas: 800, novecientos: 900, novecientas: 900,
};
const UNITS: Record<string, number> = { ...EN_UNITS, ...ES_UNITS };
const HUNDRED = new Set(['hundred']);
const THOUSAND = new Set(['thousand', 'grand', 'mil']);
const MILLION = new Set(['million', 'millions', 'millon', 'millones']);
const BILLION = new Set(['billion', 'billions']);
/** Words that stand for 1 only before a multiplier or a time unit ("a thousand", "un año"). */
const ARTICLE_ONE = new Set(['a', 'an', 'un', 'una', 'one']);
const DURATION_PREPOSITIONS = new Set(['for', 'in', 'within', 'over', 'about', 'around', 'after', 'durante', 'en', 'a', 'de', 'por', 'dentro', 'unos', 'aproximadamente', 'just', 'only', 'than', 'plazo']);
const TIME_UNIT = /^(years?|yrs?|months?|mos?|weeks?|anos?|meses|mes|semanas?|decades?|decadas?)$/;

const MULTIPLIER: [RegExp, number][] = [
  [/^(k|thousand|grand|mil)$/, 1e3], [/^(m|mn|mm|million|millions|millon|millones|mill)$/, 1e6], [/^(bn|billion|billions)$/, 1e9],
];

/** "50.000" → 50000, "1,5" → 1.5, "€50,000" → 50000, "5,00,000" → 500000, "10,000.50" → 10000.5, "20 000" → 20000. */
export function parseDigits(s: string): number {
  const compact = s.replace(/[\s\u00a0\u202f]/g, '');
  const seps = [...compact.matchAll(/[.,]/g)].map((m) => m.index);
  if (seps.length === 0) return Number(compact);
  const last = seps[seps.length - 1];
  const tail = compact.length - last - 1;
  if (tail === 3) return Number(compact.replace(/[.,]/g, ''));
  return Number(`${compact.slice(0, last).replace(/[.,]/g, '')}.${compact.slice(last + 1)}`);
}

const DIGITS = /(?<![\p{L}\p{N}.,])(\d{1,2}(?:,\d{2})+,\d{3}|\d{1,3}(?:[.,]\d{3}(?!\d))+(?:[.,]\d{1,2}(?!\d))?|\d{1,3}(?:[ \u00a0\u202f]\d{3}(?![\d.,]))+|\d+(?:[.,]\d+)?)(?:\s?(k|mn|mm|m|bn|thousand|grand|mil|millon(?:es)?|mill|millions?|billions?)(?![\p{L}\p{N}]))?/gu;

interface Num extends Span { value: number; scaled: boolean }

function digitNumbers(folded: string): Num[] {
  const out: Num[] = [];
  DIGITS.lastIndex = 0;
  for (let m = DIGITS.exec(folded); m !== null; m = DIGITS.exec(folded)) {
    let value = parseDigits(m[1]);
    let end = m.index + m[0].length;
    const mult = m[2];
    // "401k" is a pension plan, not 401 000; "5 m" read as metres/months is too ambiguous unless money follows
    if (mult === 'k' && m[1] === '401') continue;
    if (mult) value *= MULTIPLIER.find(([re]) => re.test(mult))?.[1] ?? 1;
    if (!mult) end = m.index + m[1].length;
    if (Number.isFinite(value)) out.push({ start: m.index, end, value, scaled: Boolean(mult) });
  }
  return out;
}

function wordNumbers(folded: string, taken: readonly Span[]): Num[] {
  const all = tokens(folded);
  const toks = all.filter((t) => !taken.some((s) => t.start < s.end && s.start < t.end));
  const out: Num[] = [];
  const gapOk = (a: number, b: number): boolean => /^[\s-]*$/.test(folded.slice(a, b));
  for (let i = 0; i < toks.length; i++) {
    const w = toks[i].word;
    const next = toks[i + 1]?.word ?? '';
    let special: { value: number; len: number } | null = null;
    if ((w === 'half' && next === 'a' && MILLION.has(toks[i + 2]?.word ?? '')) ) special = { value: 5e5, len: 3 };
    else if (w === 'medio' && MILLION.has(next)) special = { value: 5e5, len: 2 };
    else if (w === 'a' && next === 'couple' && toks[i + 2]?.word === 'of') special = { value: 2, len: 3 };
    else if (w === 'un' && next === 'par' && toks[i + 2]?.word === 'de') special = { value: 2, len: 3 };
    else if (w === 'a' && next === 'few') special = { value: 3, len: 2 };
    if (special) {
      const last = toks[i + special.len - 1];
      out.push({ start: toks[i].start, end: last.end, value: special.value, scaled: special.value >= 1e3 });
      i += special.len - 1;
      continue;
    }
    const isNum = (x: string): boolean => x in UNITS || HUNDRED.has(x) || THOUSAND.has(x) || MILLION.has(x) || BILLION.has(x);
    const prev = all.filter((t) => t.end <= toks[i].start).pop()?.word ?? '';
    // "a thousand", "un millón"; "in a year", "durante un año" (but not "200 a month": a rate, not a horizon)
    const startsWithArticle = ARTICLE_ONE.has(w) && !(w in UNITS)
      && ((isNum(next) && !(next in UNITS)) || (TIME_UNIT.test(next) && DURATION_PREPOSITIONS.has(prev)));
    if (!(w in UNITS) && !startsWithArticle && !(w === 'one')) continue;
    if (w === 'one' && !(isNum(next) || TIME_UNIT.test(next))) { out.push({ start: toks[i].start, end: toks[i].end, value: 1, scaled: false }); continue; }
    let total = 0;
    let current = startsWithArticle ? 1 : 0;
    let scaled = false;
    let j = startsWithArticle ? i + 1 : i;
    let end = toks[i].end;
    for (; j < toks.length; j++) {
      const t = toks[j];
      if (j > i && !gapOk(toks[j - 1].end, t.start)) break;
      const x = t.word;
      if (x in UNITS) current += UNITS[x];
      else if (HUNDRED.has(x)) current = (current || 1) * 100;
      else if (THOUSAND.has(x)) { total += (current || 1) * 1e3; current = 0; scaled = true; }
      else if (MILLION.has(x)) { total = (total + (current || 1)) * 1e6; current = 0; scaled = true; }
      else if (BILLION.has(x)) { total = (total + (current || 1)) * 1e9; current = 0; scaled = true; }
      else if ((x === 'and' || x === 'y') && j + 1 < toks.length && (toks[j + 1].word in UNITS) && gapOk(t.end, toks[j + 1].start)
        && !TIME_UNIT.test(toks[j + 2]?.word ?? '') ) continue;
      else break;
      end = t.end;
    }
    out.push({ start: toks[i].start, end, value: total + current, scaled });
    i = j - 1;
  }
  return out;
}

const PERCENT_AFTER = /^\s*(?:%|percent\b|per cent\b|por ciento\b|pct\b)/;
const UNIT_AFTER = /^\s*\+?\s*-?\s*(years?|yrs?|months?|mos?|weeks?|anos?|meses|mes|semanas?|decades?|decadas?)(?![\p{L}])((?:\s+(?:and a half|y medio))?)/u;
const AGE_AFTER = /^\s*-?\s*(?:years?|yrs?)[\s-]*old\b/;
const AGE_BEFORE = /(?:\b(?:i'm|i am|im|aged|age|edad(?: de)?|tengo|cumplo|a los|at|retire at)\s*)$/;

function monthsOf(unit: string): number {
  if (/^(years?|yrs?|anos?)$/.test(unit)) return 12;
  if (/^(months?|mos?|meses|mes)$/.test(unit)) return 1;
  if (/^(weeks?|semanas?)$/.test(unit)) return 12 / 52;
  return 120; // decades
}

/** Every quantity in the text, classified by the words around it. */
export function findQuantities(folded: string): Quantity[] {
  const digits = digitNumbers(folded);
  const nums = [...digits, ...wordNumbers(folded, digits)].sort((a, b) => a.start - b.start);
  const currencies = findCurrencies(folded);
  const out: Quantity[] = [];
  for (const n of nums) {
    const after = folded.slice(n.end, n.end + 40);
    const before = folded.slice(Math.max(0, n.start - 16), n.start);
    if (PERCENT_AFTER.test(after)) {
      out.push({ ...n, end: n.end + (PERCENT_AFTER.exec(after)?.[0].length ?? 0), kind: 'percent' });
      continue;
    }
    if (AGE_AFTER.test(after)) { out.push({ ...n, kind: 'age' }); continue; }
    const unit = UNIT_AFTER.exec(after);
    if (unit) {
      // "tengo 40 años", "a los 65 años": an age, not a horizon
      const personBefore = /(?:\b(?:a los|con)|(?:hij[oa]s?|nin[oa]s?|bebe|niet[oa]s?|persona|senora?|chic[oa]s?) de)\s*$/.test(before);
      const ownAge = /\b(?:tengo|cumplo)\s*$/.test(before) && n.value >= 16 && !/^\s*para\b/.test(after.slice(unit[0].length));
      if (/^anos?$/.test(unit[1]) && (personBefore || ownAge)) {
        out.push({ ...n, end: n.end + unit[0].length, kind: 'age' });
        continue;
      }
      const half = unit[2] ? 0.5 : 0;
      out.push({ ...n, end: n.end + unit[0].length, kind: 'duration', months: Math.round((n.value + half) * monthsOf(unit[1])) });
      continue;
    }
    const adjacent = currencies.find((c) => (c.start >= n.end && /^[\s-]*$/.test(folded.slice(n.end, c.start)) && c.start - n.end <= 2)
      || (c.end <= n.start && /^\s*$/.test(folded.slice(c.end, n.start)) && n.start - c.end <= 2)
      || (c.start >= n.end && /^\s*(?:de\s+|of\s+)$/.test(folded.slice(n.end, c.start)) && n.scaled));
    if (adjacent) { out.push({ ...n, kind: 'money', currency: adjacent }); continue; }
    if (AGE_BEFORE.test(before) && n.value >= 16 && n.value < 110 && !n.scaled) { out.push({ ...n, kind: 'age' }); continue; }
    out.push({ ...n, kind: 'plain' });
  }
  return joinRanges(folded, out);
}

/** "5-10 years", "three or four years", "de 3 a 5 años": one duration, the lower bound (the cautious reading). */
function joinRanges(folded: string, qs: Quantity[]): Quantity[] {
  const out: Quantity[] = [];
  for (const q of qs) {
    const prev = out[out.length - 1];
    if (q.kind === 'duration' && prev?.kind === 'plain' && prev.value > 0 && prev.value < q.value
      && /^\s*(?:-|–|to|or|o|u|a|and|y)\s*$/.test(folded.slice(prev.end, q.start))) {
      out[out.length - 1] = { ...q, start: prev.start, value: prev.value, months: Math.round(q.months! * (prev.value / q.value)) };
      continue;
    }
    out.push(q);
  }
  return out;
}

/** Fixed phrases for a duration with no number in them. */
export const DURATION_PHRASES: [RegExp, number][] = [
  [words('next year|the coming year|el ano que viene|el proximo ano|el ano proximo|within a year|dentro de un ano'), 12],
  [words('a year and a half|year and a half|ano y medio'), 18],
  [words('a decade|una decada'), 120],
  [words('a few years|unos anos|algunos anos|unos pocos anos'), 36],
];

export function durationPhrases(folded: string): { start: number; end: number; months: number }[] {
  return DURATION_PHRASES.flatMap(([re, months]) => allMatches(re, folded).map((m) => ({ start: m.start, end: m.end, months })));
}

// Small pure helpers the source mappings share: descriptions (a source summary cleaned and capped,
// or a sentence of facts), numbers as the sources write them, code slugs and ISIN checks.

/** Longest description kept; longer summaries are cut at the last sentence end before it. */
export const MAX_DESCRIPTION = 1_500;

/** A source summary trimmed, whitespace collapsed, capped at a sentence boundary; null when empty. */
export function cleanSummary(text: string | null | undefined): string | null {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  if (t === '') return null;
  if (t.length <= MAX_DESCRIPTION) return t;
  const head = t.slice(0, MAX_DESCRIPTION);
  const end = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
  return end > 0 ? head.slice(0, end + 1) : `${head.slice(0, MAX_DESCRIPTION - 1).trimEnd()}…`;
}

/** A number as the CSVs write it ("0.09", "4.01E+12"); null for empty, "-", "N/A" or garbage. */
export function num(v: string | null | undefined): number | null {
  if (v == null) return null;
  const t = v.trim();
  if (t === '' || t === '-' || /^n\/?a$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** A whole number in [min, max], else null. */
export function intIn(v: string | null | undefined, min: number, max: number): number | null {
  const n = num(v);
  return n !== null && Number.isInteger(n) && n >= min && n <= max ? n : null;
}

const fmt = (n: number): string => String(Number(n.toFixed(2)));

export interface FactsInput {
  /** "exchange-traded fund", "open-ended Debt scheme", … (an article is added). */
  kind: string;
  subcategory?: string | null;
  issuer?: string | null;
  expenseRatioPercent?: number | null;
  riskStatement?: string | null;
  minAmount?: number | null;
  /** How the minimum is called in the source ("minimum lump sum"); default "minimum investment". */
  minLabel?: string;
  currency: string;
}

/**
 * A description made only of the source's facts, for rows without a summary, e.g. "An open-ended
 * Debt scheme (Liquid) managed by X. Expense ratio 0.2 % a year; SEBI riskometer level 1 of 6;
 * minimum lump sum 500 INR." Never a performance claim.
 */
export function factsDescription(f: FactsInput): string {
  const article = /^[aeiou]/i.test(f.kind) ? 'An' : 'A';
  const first = `${article} ${f.kind}${f.subcategory ? ` (${f.subcategory})` : ''}${f.issuer ? ` managed by ${f.issuer}` : ''}.`;
  const facts: string[] = [];
  if (f.expenseRatioPercent != null) facts.push(`Expense ratio ${fmt(f.expenseRatioPercent)} % a year`);
  if (f.riskStatement) facts.push(f.riskStatement);
  if (f.minAmount != null && f.minAmount > 0) facts.push(`${f.minLabel ?? 'minimum investment'} ${fmt(f.minAmount)} ${f.currency}`);
  if (facts.length === 0) return first;
  const rest = facts.join('; ');
  return `${first} ${rest.charAt(0).toUpperCase()}${rest.slice(1)}.`;
}

/** A lower-case code segment: letters and digits, other runs as "-" (accents dropped), at most 80 chars. */
export function slug(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '');
}

/** Whether `s` is a well-formed ISIN with a valid check digit (ISO 6166, Luhn over the digit expansion). */
export function isValidIsin(s: string): boolean {
  if (!/^[A-Z]{2}[A-Z0-9]{9}[0-9]$/.test(s)) return false;
  const digits = s.split('').map((c) => (c >= 'A' ? String(c.charCodeAt(0) - 55) : c)).join('');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Names compared for de-duplication: case, accents, punctuation and spacing ignored. */
export function nameKey(name: string): string {
  return slug(name).replace(/-/g, '');
}

// The deterministic need parser: a customer's words (English or Spanish) → ParsedNeed, using the
// vocabulary in lexicon.ts and the quantities in numbers.ts. Pure and synchronous; never throws.
//
// Decisions (see data/needs/README.md for the full list):
// - Every field's `source` is sliced from the input by the span of the match, so it is always an
//   exact substring. Only the first MAX_PARSE_CHARS characters are read.
// - Vague horizons: "short term" = 12 months, "medium term" = 36, "long term" = 120. An explicit
//   duration ("18 months", "a 5 años") beats a vague one; among explicit ones the first wins.
//   "until I retire" gives RETIREMENT and a horizon only when both ages are stated.
// - Several risk words: the most cautious wins (suitability errs low) and, when cautious and
//   high-risk words are both present, a RISK_CONTRADICTION conflict is reported.
// - Negation: "no/not/sin/nada de/ni/anything but" negate the very next product word (articles
//   aside) and items joined to it by "or/ni/,"; "I don't want / no quiero / not interested in"
//   negate the rest of their clause. A negated category is unwanted; a negated goal is dropped.
// - Crypto is not a bank product category: "anything but crypto" excludes nothing.
// - Instructions addressed to the system ("ignore previous instructions …") are reported as a
//   META_INSTRUCTION conflict and otherwise read like any other words: they can name a category,
//   but the suitability gate, not the parser, decides what may be recommended.
import type { ProductCategory } from '../recommend/types';
import {
  CATEGORY, type Entry, FUZZY, GOAL, HORIZON_TERMS, LIQUIDITY, META_INSTRUCTION, NEGATION_FILLER, NEGATION_JOIN,
  NOT_TYPOS, RETURN_CLAIM, RISK, TIGHT_NEGATION, VERBAL_NEGATION,
} from './lexicon';
import { durationPhrases, findCurrencies, findQuantities, type Quantity } from './numbers';
import { allMatches, clauseBreaks, crossesBreak, detectLanguage, fold, MAX_PARSE_CHARS, type Span, tokens, withinOneEdit } from './text';
import type { Goal, Liquidity, NeedConflict, NeedField, ParsedNeed, RiskAppetite } from './types';

interface Hit<T> extends Span { value: T }

/** Matches of a vocabulary list; where two overlap, the earlier entry (then the earlier match) wins. */
function collect<T>(entries: readonly Entry<T>[], folded: string): Hit<T>[] {
  const hits: Hit<T>[] = [];
  for (const { re, value } of entries) {
    for (const m of allMatches(re, folded)) {
      if (!hits.some((h) => h.start < m.end && m.start < h.end)) hits.push({ start: m.start, end: m.end, value });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

class Negation {
  private readonly tight: Span[];
  private readonly verbal: Span[];
  private readonly breaks: number[];
  constructor(private readonly folded: string) {
    this.verbal = allMatches(VERBAL_NEGATION, folded);
    this.tight = allMatches(TIGHT_NEGATION, folded).filter((t) => !this.verbal.some((v) => t.start < v.end && v.start < t.end));
    this.breaks = clauseBreaks(folded);
  }

  /** Whether the words at `span` are negated (see the header for the scope rules). */
  covers(span: Span): boolean {
    const inClause = (n: Span) => n.end <= span.start && !crossesBreak(this.breaks, n.end, span.start);
    if (this.verbal.some(inClause)) return true;
    return this.tight.some((n) => inClause(n) && tokens(this.folded.slice(n.end, span.start)).every((t) => NEGATION_FILLER.has(t.word)));
  }

  /** Whether only a list join ("or", "ni", ",") separates two spans. */
  joined(a: Span, b: Span): boolean {
    return NEGATION_JOIN.test(this.folded.slice(a.end, b.start));
  }
}

function field<T>(text: string, value: T, span: Span): NeedField<T> {
  return { value, source: text.slice(span.start, span.end) };
}

const CAUTION: Record<RiskAppetite, number> = { NONE: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

/** Parse a customer's statement of need with rules only. */
export function parseNeedRules(input: unknown): ParsedNeed {
  const fullText = typeof input === 'string' ? input : '';
  const text = fullText.slice(0, MAX_PARSE_CHARS);
  const f = fold(text);
  const neg = new Negation(f);
  const conflicts: NeedConflict[] = [];
  const src = (s: Span) => text.slice(s.start, s.end);

  // --- categories and goals, with negation and typos --------------------------------------------
  const wanted: Hit<ProductCategory>[] = [];
  const unwanted: Hit<ProductCategory>[] = [];
  const catHits = collect(CATEGORY, f);
  let previousNegated: Span | null = null;
  for (const h of catHits) {
    const negated: boolean = neg.covers(h) || (previousNegated !== null && neg.joined(previousNegated, h));
    previousNegated = negated ? h : null;
    for (const c of h.value) (negated ? unwanted : wanted).push({ start: h.start, end: h.end, value: c });
  }
  const goalHits = collect(GOAL, f).filter((g) => !neg.covers(g));
  const known = [...catHits, ...goalHits];
  for (const t of tokens(f)) {
    if (t.word.length < 6 || NOT_TYPOS.has(t.word) || known.some((k) => t.start < k.end && k.start < t.end)) continue;
    const fz = FUZZY.find((k) => k.word[0] === t.word[0] && k.word !== t.word && withinOneEdit(k.word, t.word));
    if (!fz) continue;
    const negated = neg.covers(t);
    for (const c of fz.categories) (negated ? unwanted : wanted).push({ start: t.start, end: t.end, value: c });
    if (!negated) for (const g of fz.goals) goalHits.push({ start: t.start, end: t.end, value: g });
  }
  const byStart = <T>(a: Hit<T>, b: Hit<T>) => a.start - b.start;
  const unique = <T>(hits: Hit<T>[]): Hit<T>[] => hits.sort(byStart).filter((h, i, all) => all.findIndex((x) => x.value === h.value) === i);
  const unwantedCats = unique(unwanted);
  const clash = unique(wanted).filter((w) => unwantedCats.some((u) => u.value === w.value));
  for (const w of clash) {
    const u = unwantedCats.find((x) => x.value === w.value)!;
    conflicts.push({ code: 'CATEGORY_WANTED_AND_UNWANTED', message: `${w.value} is both asked for and refused; it is treated as refused.`, sources: [src(w), src(u)] });
  }
  const wantedCats = unique(wanted).filter((w) => !unwantedCats.some((u) => u.value === w.value));
  const goals = unique(goalHits);

  // --- risk -------------------------------------------------------------------------------------
  const riskHits: Hit<RiskAppetite>[] = [];
  // a risk word that qualifies a refused product ("ni fondos de alto riesgo") is negated with it
  const qualifiesRefused = (h: Span) => unwanted.some((u) => u.end <= h.start && /^\s*(?:de|del|with|con|of)\s*$/.test(f.slice(u.end, h.start)));
  for (const h of collect(RISK, f)) {
    if (qualifiesRefused(h)) continue;
    if (!neg.covers(h)) riskHits.push(h);
    else if (h.value === 'HIGH' || h.value === 'MEDIUM') riskHits.push({ ...h, value: 'LOW' }); // "not aggressive"
  }
  const risk = riskHits.reduce<Hit<RiskAppetite> | null>((best, h) => (best === null || CAUTION[h.value] < CAUTION[best.value] ? h : best), null);
  const bold = riskHits.find((h) => h.value === 'HIGH');
  if (risk && bold && CAUTION[risk.value] <= CAUTION.LOW) {
    conflicts.push({ code: 'RISK_CONTRADICTION', message: 'Both a cautious and a high-risk attitude are stated; the cautious one is used.', sources: [src(risk), src(bold)] });
  }

  // --- liquidity --------------------------------------------------------------------------------
  const liqHits = collect(LIQUIDITY, f).filter((h) => !neg.covers(h));
  const needAccess = liqHits.find((h) => h.value === 'HIGH');
  const lockUp = liqHits.find((h) => h.value === 'LOW');
  let liquidity: Hit<Liquidity> | null = needAccess ?? lockUp ?? liqHits[0] ?? null;
  if (needAccess && lockUp) {
    conflicts.push({ code: 'LIQUIDITY_LOCKUP', message: 'The money is needed at any time but would be locked away; access is kept.', sources: [src(needAccess), src(lockUp)] });
    liquidity = needAccess;
  }

  // --- quantities: amount, currency, horizon ----------------------------------------------------
  const quantities = findQuantities(f);
  const isYear = (q: Quantity) => !q.scaled && q.value >= 1900 && q.value <= 2100 && /^\d{4}$/.test(f.slice(q.start, q.end));
  // what someone earns ("earn 40k a year", "gano 2.000 € al mes") is not the amount to place
  const isEarnings = (q: Quantity) => /\b(?:earn(?:ing)?|make|making|salary(?: of)?|income(?: of)?|gano|cobro|sueldo(?: de)?|ingresos de)\s+(?:about |around |some |unos |alrededor de )?[^\s]{0,2}$/.test(f.slice(Math.max(0, q.start - 30), q.start));
  const amountQ = quantities.find((q) => q.kind === 'money' && q.value > 0 && q.value < 1e10 && !isEarnings(q))
    ?? quantities.find((q) => q.kind === 'plain' && (q.scaled || q.value >= 100) && q.value < 1e10 && !isYear(q) && !neg.covers(q) && !isEarnings(q));
  const currencyMention = amountQ?.currency ?? findCurrencies(f)[0] ?? null;

  const durations = [
    ...quantities.filter((q) => q.kind === 'duration' && q.months !== undefined).map((q) => ({ start: q.start, end: q.end, months: q.months! })),
    ...durationPhrases(f),
  ].filter((d) => d.months >= 1 && d.months <= 600).sort((a, b) => a.start - b.start);
  let horizon: Hit<number> | null = durations.length > 0 ? { ...durations[0], value: Math.max(1, Math.round(durations[0].months)) } : null;
  const vague = collect(HORIZON_TERMS, f).filter((h) => !neg.covers(h));
  if (!horizon && vague.length > 0) horizon = vague[0];
  const ages = quantities.filter((q) => q.kind === 'age');
  const retireAge = ages.find((q) => /(?:retire|jubil)[\p{L}\s]*$/u.test(f.slice(Math.max(0, q.start - 24), q.start)));
  const age = ages.find((q) => q !== retireAge);
  if (!horizon && retireAge && age && retireAge.value > age.value) {
    const span = { start: Math.min(age.start, retireAge.start), end: Math.max(age.end, retireAge.end) };
    horizon = { ...span, value: Math.round((retireAge.value - age.value) * 12) };
  }

  // --- contradictions ---------------------------------------------------------------------------
  const claim = allMatches(RETURN_CLAIM, f)[0] ?? quantities.find((q) => q.kind === 'percent' && q.value >= 8);
  if (risk && CAUTION[risk.value] <= CAUTION.LOW && claim) {
    conflicts.push({ code: 'RETURN_WITHOUT_RISK', message: 'A high return cannot come without risk to the capital; the no/low-risk wish is kept.', sources: [src(risk), src(claim)] });
  }
  const retirement = goals.find((g) => g.value === 'RETIREMENT');
  const nearRetirement = ages.some((a) => a !== retireAge && a.value >= 55);
  if (retirement && horizon && horizon.value <= 24 && !nearRetirement) {
    conflicts.push({ code: 'SHORT_HORIZON_RETIREMENT', message: 'Retirement saving usually needs a long horizon, but a short one is stated.', sources: [src(retirement), src(horizon)] });
  }
  if (risk?.value === 'HIGH' && horizon && horizon.value < 24) {
    conflicts.push({ code: 'HIGH_RISK_SHORT_HORIZON', message: 'High-risk products need years to recover from losses; the horizon is short.', sources: [src(risk), src(horizon)] });
  }
  const meta = allMatches(META_INSTRUCTION, f)[0];
  if (meta) {
    conflicts.push({ code: 'META_INSTRUCTION', message: 'Instructions to the system in the text are not followed; only the stated need is used.', sources: [src(meta)] });
  }

  return {
    text: fullText,
    language: detectLanguage(text, f),
    amount: amountQ ? field(text, amountQ.value, amountQ) : null,
    currency: currencyMention ? field(text, currencyMention.code, currencyMention) : null,
    horizonMonths: horizon ? field(text, horizon.value, horizon) : null,
    riskAppetite: risk ? field(text, risk.value, risk) : null,
    liquidity: liquidity ? field(text, liquidity.value, liquidity) : null,
    goals: goals.map((g) => field<Goal>(text, g.value, g)),
    wantedCategories: wantedCats.map((c) => field(text, c.value, c)),
    unwantedCategories: unwantedCats.map((c) => field(text, c.value, c)),
    conflicts,
    parser: 'rules',
  };
}

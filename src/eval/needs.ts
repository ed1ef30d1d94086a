// Evaluating need understanding on a labelled set (data/needs/*.jsonl, format in data/needs/README.md):
// per-field parse accuracy, conflict detection, and — given a retrieval function — hit@k of the
// recommendations and how often they break a refusal ("no funds") or the stated risk appetite.
//
// Definitions (each over the cases that label the field):
// - language, riskAppetite, liquidity, currency: exact match.
// - amount: within 1 % of the label. horizonMonths: within 10 % or ±1 month, whichever is wider.
// - categories: the expected list holds acceptable alternatives; correct when at least one of them
//   is among the parse's implied categories (wanted, then those of its goals, minus unwanted —
//   impliedCategories in src/needs/types.ts). categoriesTop: the first implied category is one of them.
// - unwanted: the parsed unwanted set equals the labelled one. unwantedSpurious: over cases that
//   label no refusal, the share where the parser found one anyway (lower is better).
// - conflict: recall = labelled cases whose parse reports that code; conflictSpurious = share of
//   the other cases with any contradiction code (META_INSTRUCTION, a notice, is not counted).
// - hit@k (retrieval): at least one of the top k has an expected category and, when riskAppetite
//   is labelled, a risk level ≤ maxRiskFor(label). riskViolation@k: of the cases labelling a risk
//   appetite, the share with any top-k item above maxRiskFor. unwantedViolation@k: of the cases
//   labelling refusals, the share with any top-k item in a refused category.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PRODUCT_CATEGORIES, type ProductCategory } from '../recommend/types';
import { impliedCategories, LIQUIDITIES, maxRiskFor, type ParsedNeed, RISK_APPETITES } from '../needs/types';

const CaseSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  lang: z.enum(['en', 'es']),
  expect: z.object({
    categories: z.array(z.enum(PRODUCT_CATEGORIES)).min(1),
    riskAppetite: z.enum(RISK_APPETITES).optional(),
    horizonMonths: z.number().int().min(1).max(600).optional(),
    amount: z.number().positive().optional(),
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    liquidity: z.enum(LIQUIDITIES).optional(),
    unwanted: z.array(z.enum(PRODUCT_CATEGORIES)).optional(),
    conflict: z.string().optional(),
  }).strict(),
}).strict();

export type NeedCase = z.infer<typeof CaseSchema>;

/** The cases of a JSONL file; throws naming the line of the first invalid one. */
export function readNeedCases(file: string): NeedCase[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const cases: NeedCase[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try { json = JSON.parse(line); } catch (e) { throw new Error(`${file}:${i + 1}: not JSON (${(e as Error).message})`); }
    const r = CaseSchema.safeParse(json);
    if (!r.success) throw new Error(`${file}:${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
    cases.push(r.data);
  });
  return cases;
}

export interface RetrievedItem { category: ProductCategory; riskLevel: number }
export interface EvaluateNeedsOptions {
  parse: (text: string) => Promise<ParsedNeed> | ParsedNeed;
  retrieve?: (text: string) => Promise<RetrievedItem[]>;
  k?: number;
}

export interface FieldScore { field: string; labelled: number; correct: number; accuracy: number }
export interface NeedFailure { id: string; field: string; expected: unknown; got: unknown }
export interface RetrievalScores { k: number; cases: number; hitAtK: number; riskViolationAtK: number; riskLabelled: number; unwantedViolationAtK: number; unwantedLabelled: number }

export interface NeedsEvaluation {
  cases: number;
  fields: FieldScore[];
  /** Lower is better: spurious refusals / contradictions on cases that state none. */
  spurious: FieldScore[];
  retrieval: RetrievalScores | null;
  failures: NeedFailure[];
  parsers: Record<string, number>;
  parseMsMean: number;
}

const FIELDS = ['language', 'categories', 'categoriesTop', 'riskAppetite', 'liquidity', 'amount', 'currency', 'horizonMonths', 'unwanted', 'conflict'] as const;
const CONTRADICTION = (code: string) => code !== 'META_INSTRUCTION';
const sameSet = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));

export async function evaluateNeeds(cases: readonly NeedCase[], opts: EvaluateNeedsOptions): Promise<NeedsEvaluation> {
  const k = opts.k ?? 5;
  const tally = new Map<string, { labelled: number; correct: number }>([...FIELDS, 'unwantedSpurious', 'conflictSpurious'].map((f) => [f, { labelled: 0, correct: 0 }]));
  const failures: NeedFailure[] = [];
  const parsers: Record<string, number> = {};
  const score = (id: string, field: string, ok: boolean, expected: unknown, got: unknown) => {
    const t = tally.get(field)!;
    t.labelled++;
    if (ok) t.correct++;
    else if (!field.endsWith('Spurious')) failures.push({ id, field, expected, got });
  };
  const r = { hits: 0, riskLabelled: 0, riskViolations: 0, unwantedLabelled: 0, unwantedViolations: 0 };
  let parseMs = 0;
  for (const c of cases) {
    const started = performance.now();
    const p = await opts.parse(c.text);
    parseMs += performance.now() - started;
    parsers[p.parser] = (parsers[p.parser] ?? 0) + 1;
    const e = c.expect;
    const implied = impliedCategories(p);
    const unwanted = p.unwantedCategories.map((u) => u.value);
    const codes = p.conflicts.map((x) => x.code);
    score(c.id, 'language', p.language === c.lang, c.lang, p.language);
    score(c.id, 'categories', e.categories.some((x) => implied.includes(x)), e.categories, implied);
    score(c.id, 'categoriesTop', implied.length > 0 && e.categories.includes(implied[0]), e.categories, implied[0] ?? null);
    if (e.riskAppetite) score(c.id, 'riskAppetite', p.riskAppetite?.value === e.riskAppetite, e.riskAppetite, p.riskAppetite?.value ?? null);
    if (e.liquidity) score(c.id, 'liquidity', p.liquidity?.value === e.liquidity, e.liquidity, p.liquidity?.value ?? null);
    if (e.currency) score(c.id, 'currency', p.currency?.value === e.currency, e.currency, p.currency?.value ?? null);
    if (e.amount !== undefined) score(c.id, 'amount', p.amount !== null && Math.abs(p.amount.value - e.amount) <= 0.01 * e.amount, e.amount, p.amount?.value ?? null);
    if (e.horizonMonths !== undefined) {
      const got = p.horizonMonths?.value;
      score(c.id, 'horizonMonths', got !== undefined && Math.abs(got - e.horizonMonths) <= Math.max(1, 0.1 * e.horizonMonths), e.horizonMonths, got ?? null);
    }
    if (e.unwanted) score(c.id, 'unwanted', sameSet(e.unwanted, unwanted), e.unwanted, unwanted);
    else score(c.id, 'unwantedSpurious', unwanted.length > 0, [], unwanted);
    if (e.conflict) score(c.id, 'conflict', codes.includes(e.conflict), e.conflict, codes);
    else score(c.id, 'conflictSpurious', codes.some(CONTRADICTION), null, codes);

    if (opts.retrieve) {
      const top = (await opts.retrieve(c.text)).slice(0, k);
      const maxRisk = e.riskAppetite ? maxRiskFor(e.riskAppetite) : 7;
      if (top.some((t) => e.categories.includes(t.category) && t.riskLevel <= maxRisk)) r.hits++;
      if (e.riskAppetite) { r.riskLabelled++; if (top.some((t) => t.riskLevel > maxRisk)) r.riskViolations++; }
      if (e.unwanted?.length) { r.unwantedLabelled++; if (top.some((t) => e.unwanted!.includes(t.category))) r.unwantedViolations++; }
    }
  }
  const asScore = (field: string): FieldScore => {
    const t = tally.get(field)!;
    return { field, labelled: t.labelled, correct: t.correct, accuracy: t.labelled === 0 ? 0 : t.correct / t.labelled };
  };
  const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    cases: cases.length,
    fields: FIELDS.map(asScore),
    spurious: ['unwantedSpurious', 'conflictSpurious'].map(asScore),
    retrieval: opts.retrieve ? {
      k, cases: cases.length, hitAtK: share(r.hits, cases.length),
      riskLabelled: r.riskLabelled, riskViolationAtK: share(r.riskViolations, r.riskLabelled),
      unwantedLabelled: r.unwantedLabelled, unwantedViolationAtK: share(r.unwantedViolations, r.unwantedLabelled),
    } : null,
    failures,
    parsers,
    parseMsMean: share(parseMs, cases.length),
  };
}

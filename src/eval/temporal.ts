// Time-based check: forward in time, not across customers. For a target month T, fit every
// recommender on all customers' events strictly BEFORE the start of T (nothing at or after the cutoff
// is seen), then rank, for every customer with a first adoption in T, their state as of the cutoff,
// against the products first adopted in T. Repeated for several consecutive target months (rolling).
import type { Config } from '../config';
import type { CustomerHistory } from '../ingest/santander/toHistory';
import { createEngine, fitRecommenders } from '../recommend/pipeline';
import { buildCustomerState } from '../recommend/customerState';
import { createRecommenders, type Weighted } from '../recommend/recommenders';
import { RANKING_RULE_SET } from '../recommend/rules';
import { suitabilityGate } from '../recommend/suitability';
import type { ProductInfo } from '../recommend/types';
import { evaluationCases, trainingData, type EvaluationCase } from './cases';
import { measureRankers, popularityNotHeld, type EvaluationRow, type Ranker } from './evaluate';

/** First instant of the UTC month of `d`. */
export const monthStart = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
export const nextMonth = (d: Date): Date => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
export const monthKey = (d: Date): string => d.toISOString().slice(0, 7);

export interface TemporalSplit {
  /** Every customer's events strictly before the cutoff (customers with none left are dropped). */
  train: CustomerHistory[];
  /** Customers with a first adoption in the target month: state as of the cutoff, relevant = adopted then, not held. */
  test: EvaluationCase[];
}

/** Split at `cutoff` (the start of the target month): train = events < cutoff, test = adoptions in [cutoff, next month). */
export function temporalSplit(customers: readonly CustomerHistory[], cutoff: Date): TemporalSplit {
  const c0 = cutoff.getTime();
  const c1 = nextMonth(cutoff).getTime();
  const train: CustomerHistory[] = [];
  const test: EvaluationCase[] = [];
  for (const c of customers) {
    const before = c.history.filter((e) => e.at.getTime() < c0);
    if (before.length > 0) {
      const last = Math.max(...before.map((e) => e.at.getTime()));
      train.push({ profile: c.profile, history: before, snapshotAt: new Date(last), added: before.filter((e) => e.kind === 'PURCHASE' && e.at.getTime() === last).map((e) => e.productId) });
    }
    const target = c.history.filter((e) => e.kind === 'PURCHASE' && e.at.getTime() >= c0 && e.at.getTime() < c1);
    if (target.length === 0) continue;
    const state = buildCustomerState(c.profile, before, cutoff);
    const relevant = new Set(target.map((e) => e.productId).filter((p) => !state.held.has(p)));
    if (relevant.size > 0) test.push({ state, relevant });
  }
  return { train, test };
}

/** The months that have at least one PURCHASE, oldest first (keys "YYYY-MM"). */
export function adoptionMonths(customers: readonly CustomerHistory[]): string[] {
  const keys = new Set<string>();
  for (const c of customers) for (const e of c.history) if (e.kind === 'PURCHASE') keys.add(monthKey(e.at));
  return [...keys].sort();
}

export interface TemporalRow extends EvaluationRow { error?: string }

export interface TemporalMonth {
  /** "YYYY-MM" of the target month M+1. */
  target: string;
  /** Training uses events strictly before this instant (the first day of the target month, UTC). */
  cutoff: Date;
  trainCustomers: number;
  trainExamples: number;
  testCustomers: number;
  relevantItems: number;
  /** Relevant items the suitability gate removes before any recommender scores (per rule); the ceiling they put on recall. */
  gateRemovedRelevant: Record<string, number>;
  rows: TemporalRow[];
  fitMs: Record<string, number>;
}

export interface TemporalReport { months: TemporalMonth[]; customers: number; events: number; k: number }

export interface TemporalOptions {
  /** Target months "YYYY-MM"; default: the last `months` months that have adoptions. */
  targets?: readonly string[];
  months?: number;
  k: number;
  config: Config;
  onProgress?: (step: string, done: number, total: number) => void;
}

export const BASELINE = 'popularity-not-held (baseline)';
export const BLEND = 'blend (config weights)';
/** The baseline restricted to what the suitability gate lets through, for a like-for-like comparison. */
export const GATED_BASELINE = 'popularity-not-held, gated (baseline)';

/**
 * Fit and measure each target month. A recommender that throws while fitting or scoring gets a row
 * with `error` set (message and where) and NaN metrics; the others — and a blend without it — still run.
 */
export async function evaluateTemporal(customers: readonly CustomerHistory[], products: readonly ProductInfo[], opts: TemporalOptions): Promise<TemporalReport> {
  const progress = opts.onProgress ?? (() => {});
  const { k } = opts;
  const all = adoptionMonths(customers);
  const targets = opts.targets ?? all.slice(-(opts.months ?? 1));
  const months: TemporalMonth[] = [];
  for (const target of targets) {
    const cutoff = new Date(`${target}-01T00:00:00Z`);
    if (Number.isNaN(cutoff.getTime())) throw new RangeError(`bad target month "${target}" (expected YYYY-MM)`);
    const { train, test } = temporalSplit(customers, cutoff);
    const data = trainingData(train, products);
    const parts = createRecommenders(opts.config);
    const fitMs: Record<string, number> = {};
    const failed = new Map<string, string>();
    for (const part of parts) {
      try {
        await fitRecommenders([part], data, (name, ms) => { fitMs[name] = ms; progress(`${target}: fit ${name}`, 1, 1); });
      } catch (e) {
        failed.set(part.recommender.name, `fit: ${describe(e)}`);
      }
    }
    const ok = parts.filter((p) => !failed.has(p.recommender.name));
    const rankerOf = (ps: Weighted[], normalisation: Config['BLEND_NORMALISATION']): Ranker => {
      const engine = createEngine(ps, { normalisation, rules: RANKING_RULE_SET });
      return (c) => engine.recommend(c.state, products, { first: k }).items.map((i) => i.product.id);
    };
    const trainCases = evaluationCases(train);
    const rankers: [string, Ranker | null][] = [
      [BASELINE, popularityNotHeld(trainCases, k)],
      [GATED_BASELINE, gated(popularityNotHeld(trainCases, products.length), products, k)],
      ...parts.map((p): [string, Ranker | null] => [p.recommender.name, failed.has(p.recommender.name) ? null : rankerOf([{ recommender: p.recommender, weight: 1 }], 'max')]),
      [failed.size > 0 ? `${BLEND} without ${[...failed.keys()].join(', ')}` : BLEND, rankerOf(ok, opts.config.BLEND_NORMALISATION)],
    ];
    const rows: TemporalRow[] = [];
    for (const [name, rank] of rankers) {
      const err = failed.get(name);
      if (!rank) { rows.push(failedRow(name, err ?? 'not fitted')); continue; }
      try {
        rows.push(measureRankers([[name, rank]], test, trainCases, products, k, (s, d, t) => progress(`${target}: ${s}`, d, t))[0].row);
      } catch (e) {
        rows.push(failedRow(name, `score: ${describe(e)}`));
      }
    }
    months.push({
      target, cutoff, trainCustomers: train.length, trainExamples: data.examples.length, testCustomers: test.length,
      relevantItems: test.reduce((s, c) => s + c.relevant.size, 0), gateRemovedRelevant: gateRemoved(test, products), rows, fitMs,
    });
  }
  return { months, customers: customers.length, events: customers.reduce((s, c) => s + c.history.length, 0), k };
}

function gated(rank: Ranker, products: readonly ProductInfo[], k: number): Ranker {
  return (c) => {
    const kept = new Set(suitabilityGate(c.state, products, RANKING_RULE_SET.rules).kept.map((x) => x.product.id));
    return rank(c).filter((p) => kept.has(p)).slice(0, k);
  };
}

/** How many relevant items the gate removes, by rule (e.g. AGE_NOT_ELIGIBLE when age is unknown). */
export function gateRemoved(cases: readonly EvaluationCase[], products: readonly ProductInfo[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cases) {
    for (const x of suitabilityGate(c.state, products, RANKING_RULE_SET.rules).excluded) if (c.relevant.has(x.productId)) out[x.rule] = (out[x.rule] ?? 0) + 1;
  }
  return out;
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const at = e.stack?.split('\n').find((l) => l.includes('/src/'))?.trim();
  return `${e.name}: ${e.message}${at ? ` (${at})` : ''}`;
}

function failedRow(name: string, error: string): TemporalRow {
  return { name, map: NaN, precision: NaN, recall: NaN, ndcg: NaN, coverage: NaN, novelty: NaN, diversity: NaN, error };
}

/** Test-customer-weighted mean of each row's metrics over all months (rows matched by name). */
export function pooled(report: TemporalReport): { name: string; map: number; ndcg: number; recall: number; customers: number }[] {
  const names = report.months[0]?.rows.map((r) => r.name) ?? [];
  return names.map((name) => {
    let n = 0; let map = 0; let ndcg = 0; let recall = 0;
    for (const m of report.months) {
      const r = m.rows.find((x) => x.name === name);
      if (!r) { n = NaN; continue; }
      n += m.testCustomers; map += r.map * m.testCustomers; ndcg += r.ndcg * m.testCustomers; recall += r.recall * m.testCustomers;
    }
    return { name, customers: n, map: map / n, ndcg: ndcg / n, recall: recall / n };
  });
}

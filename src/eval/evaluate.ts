// Offline evaluation (cf. LensKit): split customers (seeded), fit every recommender and the blend on
// the train part, rank each test customer's state before their additions with the full pipeline
// (gate included), and measure against what they added. The blend's weights are tuned on a
// validation split carved out of the train customers only — the test part is touched once, at the end.
import type { Config } from '../config';
import type { CustomerHistory } from '../ingest/santander/toHistory';
import type { RecommendationEngine } from '../recommend/engine';
import { createEngine, fitRecommenders } from '../recommend/pipeline';
import { productVectors } from '../recommend/productVectors';
// The Santander data has no risk profiles: evaluation gates by the ranking-only rules (see rules/index.ts).
import { RANKING_RULE_SET } from '../recommend/rules';
import { createRecommenders, NeuralRecommender, type CreateOptions, TwoTowerRecommender, type Weighted } from '../recommend/recommenders';
import type { ProductInfo } from '../recommend/types';
import { cosine } from '../recommend/linalg';
import { evaluationCases, trainingData, type EvaluationCase } from './cases';
import { averagePrecision, coverage, diversity, itemPopularity, ndcg, novelty, precision, recall } from './metrics';
import { segmentDimensions, describeIncomeCuts, segmentMeans, type SegmentCell } from './segments';
import { splitByCustomer } from './split';
import { tuneBlend, type TunedBlend } from './tuneWeights';

export interface EvaluateOptions {
  testFraction: number;
  seed: number;
  k: number;
  /** Share of the train customers held out to tune the blend weights. */
  validationFraction: number;
  config: Config;
  /** Hyper-parameter overrides of the learned models (e.g. fewer epochs for a quick look). */
  overrides?: CreateOptions['overrides'];
  onProgress?: (step: string, done: number, total: number) => void;
}

export const DEFAULT_EVALUATE = { testFraction: 0.3, seed: 42, k: 7, validationFraction: 0.25 } as const;

export interface EvaluationRow {
  name: string;
  map: number; precision: number; recall: number; ndcg: number;
  coverage: number; novelty: number; diversity: number;
}

/** MAP@k of one recommender row within each segment (see segments.ts). */
export interface SegmentRow { name: string; cells: SegmentCell[] }

export interface EvaluationReport {
  rows: EvaluationRow[];
  /** Per-segment MAP@k, one entry per row of `rows` (same order). */
  segments: SegmentRow[];
  /** How the income quartiles were cut (from the train customers). */
  incomeCuts: string;
  tuned: TunedBlend;
  counts: { customers: number; train: number; test: number; validation: number; testCases: number };
  timings: { fitMs: Record<string, number>; scoreMsMean: number; scoreMsP95: number };
  options: { testFraction: number; seed: number; k: number; validationFraction: number };
}

export type Ranker = (c: EvaluationCase) => string[];

/** Report the epochs of each trained model (neural ranker, two-tower) as a progress step of their own. */
function withEpochProgress(parts: Weighted[], step: string, progress: NonNullable<EvaluateOptions['onProgress']>): Weighted[] {
  for (const { recommender } of parts) {
    if (recommender instanceof NeuralRecommender || recommender instanceof TwoTowerRecommender) {
      recommender.onEpoch = (p) => progress(`${step}: ${recommender.name} (epochs)`, p.epoch, p.maxEpochs);
    }
  }
  return parts;
}

/** The reference baseline: most-added products in the train part, minus what the customer holds. */
export function popularityNotHeld(train: readonly EvaluationCase[], k: number): Ranker {
  const counts = new Map<string, number>();
  for (const c of train) for (const p of c.relevant) counts.set(p, (counts.get(p) ?? 0) + 1);
  const order = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([p]) => p);
  return (c) => order.filter((p) => !c.state.held.has(p)).slice(0, k);
}

export async function evaluate(customers: readonly CustomerHistory[], products: readonly ProductInfo[], opts: EvaluateOptions): Promise<EvaluationReport> {
  const progress = opts.onProgress ?? (() => {});
  const { k } = opts;
  const { train, test } = splitByCustomer(customers, (c) => c.profile.id, opts);
  const inner = splitByCustomer(train, (c) => c.profile.id, { testFraction: opts.validationFraction, seed: opts.seed + 1 });

  // 1. Tune the blend on validation customers, fitting on the rest of train.
  const tuningParts = withEpochProgress(createRecommenders(opts.config, { includeUnweighted: true, overrides: opts.overrides }), 'fit for tuning', progress);
  await fitRecommenders(tuningParts, trainingData(inner.train, products), (name) => progress(`fit for tuning: ${name}`, 1, 1));
  const tuned = tuneBlend(tuningParts, evaluationCases(inner.test), products, k, { onProgress: progress });

  // 2. Fit on all train customers; one engine per recommender, the configured blend, the tuned blend.
  const parts = withEpochProgress(createRecommenders(opts.config, { includeUnweighted: true, overrides: opts.overrides }), 'fit', progress);
  const fitMs: Record<string, number> = {};
  await fitRecommenders(parts, trainingData(train, products), (name, ms) => { fitMs[name] = ms; progress(`fit: ${name}`, 1, 1); });
  const alone = (p: Weighted): RecommendationEngine => createEngine([{ recommender: p.recommender, weight: 1 }], { normalisation: 'max', rules: RANKING_RULE_SET });
  const tunedParts = parts.map((p) => ({ recommender: p.recommender, weight: tuned.weights[p.recommender.name] ?? 0 }));
  const engines: [string, RecommendationEngine][] = [
    ...parts.map((p): [string, RecommendationEngine] => [p.recommender.name, alone(p)]),
    ['blend (config weights)', createEngine(parts, { normalisation: opts.config.BLEND_NORMALISATION, rules: RANKING_RULE_SET })],
    ['blend (tuned on validation)', createEngine(tunedParts, { normalisation: tuned.normalisation, rules: RANKING_RULE_SET })],
  ];

  // 3. Rank the test customers (state before their additions) and measure.
  const cases = evaluationCases(test);
  const trainCases = evaluationCases(train);
  const rankers: [string, Ranker][] = [
    ['popularity-not-held (baseline)', popularityNotHeld(trainCases, k)],
    ...engines.map(([name, engine]): [string, Ranker] => [name, (c) => engine.recommend(c.state, products, { first: k }).items.map((i) => i.product.id)]),
  ];
  const scoreTimes: number[] = [];
  const measured = measureRankers(rankers, cases, trainCases, products, k, progress, (name, ms) => { if (name === 'blend (tuned on validation)') scoreTimes.push(ms); });
  const dims = segmentDimensions(train.map((c) => c.profile));
  const profiles = cases.map((c) => c.state.profile);
  const segments = measured.map((m) => ({ name: m.row.name, cells: segmentMeans(profiles, m.perCaseMap, dims) }));
  scoreTimes.sort((a, b) => a - b);
  return {
    rows: measured.map((m) => m.row), segments, incomeCuts: describeIncomeCuts(train.map((c) => c.profile)), tuned,
    counts: { customers: customers.length, train: train.length, test: test.length, validation: inner.test.length, testCases: cases.length },
    timings: {
      fitMs,
      scoreMsMean: scoreTimes.reduce((a, b) => a + b, 0) / Math.max(scoreTimes.length, 1),
      scoreMsP95: scoreTimes[Math.floor(0.95 * (scoreTimes.length - 1))] ?? 0,
    },
    options: { testFraction: opts.testFraction, seed: opts.seed, k, validationFraction: opts.validationFraction },
  };
}

export interface Measured { row: EvaluationRow; /** AP@k per case, in the order of `cases`. */ perCaseMap: number[] }

/** Rank every case with every ranker and measure; shared by the customer split and the temporal check. */
export function measureRankers(
  rankers: readonly [string, Ranker][], cases: readonly EvaluationCase[], trainCases: readonly EvaluationCase[],
  products: readonly ProductInfo[], k: number,
  progress: (step: string, done: number, total: number) => void = () => {},
  onScored: (name: string, ms: number) => void = () => {},
): Measured[] {
  const popularity = itemPopularity(trainCases.map((c) => new Set([...c.state.held, ...c.relevant])), products.map((p) => p.id));
  const vectors = productVectors(products, 6);
  const similarity = (a: string, b: string): number => cosine(vectors.get(a) ?? [], vectors.get(b) ?? []);
  const out: Measured[] = [];
  for (const [name, rank] of rankers) {
    const lists: string[][] = [];
    const perCaseMap: number[] = [];
    let sums = { map: 0, precision: 0, recall: 0, ndcg: 0 };
    cases.forEach((c, i) => {
      const t0 = performance.now();
      const ranked = rank(c);
      onScored(name, performance.now() - t0);
      lists.push(ranked);
      const ap = averagePrecision(ranked, c.relevant, k);
      perCaseMap.push(ap);
      sums = {
        map: sums.map + ap, precision: sums.precision + precision(ranked, c.relevant, k),
        recall: sums.recall + recall(ranked, c.relevant, k), ndcg: sums.ndcg + ndcg(ranked, c.relevant, k),
      };
      if (i % 250 === 0 || i === cases.length - 1) progress(`rank test customers: ${name}`, i + 1, cases.length);
    });
    const n = Math.max(cases.length, 1);
    out.push({
      row: {
        name, map: sums.map / n, precision: sums.precision / n, recall: sums.recall / n, ndcg: sums.ndcg / n,
        coverage: coverage(lists, products.length), novelty: novelty(lists, popularity), diversity: diversity(lists, similarity),
      },
      perCaseMap,
    });
  }
  return out;
}

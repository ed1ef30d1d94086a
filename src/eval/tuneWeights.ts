// Tunes the blend on a validation set (carved out of the TRAIN customers by evaluate.ts, never the
// test part): coordinate ascent over a grid of weights, for each normalisation, maximising MAP@k of
// the full pipeline (gate included). Every recommender's signals are computed once per case.
import { averagePrecision } from './metrics';
import type { EvaluationCase } from './cases';
import { blend, type Normalisation, type ScoredBy } from '../recommend/blender';
import type { Weighted } from '../recommend/recommenders';
import { RANKING_RULE_SET } from '../recommend/rules';
import { suitabilityGate } from '../recommend/suitability';
import type { ProductInfo } from '../recommend/types';

export const WEIGHT_GRID = [0, 0.25, 0.5, 1, 2, 4, 8] as const;

export interface TunedBlend { weights: Record<string, number>; normalisation: Normalisation; map: number }

export function tuneBlend(
  parts: readonly Weighted[], cases: readonly EvaluationCase[], products: readonly ProductInfo[], k: number,
  opts: { rounds?: number; onProgress?: (step: string, done: number, total: number) => void } = {},
): TunedBlend {
  const signals = cases.map((c, i) => {
    if (i % 250 === 0 || i === cases.length - 1) opts.onProgress?.('score validation customers', i + 1, cases.length);
    const eligible = suitabilityGate(c.state, products, RANKING_RULE_SET.rules).kept.map((g) => g.product);
    return parts.map((p) => p.recommender.score(c.state, eligible));
  });
  const mapOf = (weights: readonly number[], how: Normalisation): number => {
    if (!weights.some((w) => w > 0)) return -1;
    let total = 0;
    cases.forEach((c, i) => {
      const scored: ScoredBy[] = parts.map((p, r) => ({ recommender: p.recommender, weight: weights[r], signals: signals[i][r] }));
      const ranked = blend(scored, how).slice(0, k).map((b) => b.productId);
      total += averagePrecision(ranked, c.relevant, k);
    });
    return cases.length > 0 ? total / cases.length : 0;
  };
  const rounds = opts.rounds ?? 2;
  const steps = 2 * rounds * parts.length * WEIGHT_GRID.length;
  let done = 0;
  let best: TunedBlend | null = null;
  for (const how of ['max', 'rank'] as const) {
    const w = parts.map((p) => p.weight);
    let current = mapOf(w, how);
    for (let round = 0; round < rounds; round += 1) {
      for (let r = 0; r < parts.length; r += 1) {
        for (const value of WEIGHT_GRID) {
          done += 1;
          opts.onProgress?.('tune blend weights', done, steps);
          if (value === w[r]) continue;
          const trial = w.map((x, i) => (i === r ? value : x));
          const m = mapOf(trial, how);
          if (m > current + 1e-9) { current = m; w[r] = value; }
        }
      }
    }
    if (!best || current > best.map) {
      best = { weights: Object.fromEntries(parts.map((p, i) => [p.recommender.name, w[i]])), normalisation: how, map: current };
    }
  }
  return best!;
}

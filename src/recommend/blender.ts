// The one blender: puts every recommender's signals on a common per-customer scale and combines them
// with the configured weights (WEIGHT_* in config.ts).
//   - normalisation "max": score / the recommender's best score for this customer (0 if all are 0);
//     "rank": 1 − (rank − 1)/count among the products it scored (ties share their mean rank).
//   - blended score = Σ_r w_r·n_r / Σ_r w_r over the recommenders with an opinion on the product:
//     a missing signal is "no opinion" and neither helps nor hurts. No opinion at all → not ranked.
import type { Recommender, Signal } from './types';

export type Normalisation = 'max' | 'rank';

export interface ScoredBy { recommender: Recommender; weight: number; signals: ReadonlyMap<string, Signal> }

/** One recommender's part in an item's blended score, for reasons and audit. */
export interface Contribution {
  recommender: string;
  code: string;
  /** w_r·n_r / Σ w (this recommender's share of the blended score). */
  value: number;
  evidence?: string;
}

export interface BlendedItem { productId: string; score: number; contributions: Contribution[] }

function normalised(signals: ReadonlyMap<string, Signal>, how: Normalisation): Map<string, number> {
  const out = new Map<string, number>();
  if (how === 'max') {
    let max = 0;
    for (const s of signals.values()) if (s.score > max) max = s.score;
    for (const [id, s] of signals) out.set(id, max > 0 ? Math.max(s.score, 0) / max : 0);
    return out;
  }
  const sorted = [...signals].sort((a, b) => b[1].score - a[1].score);
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1][1].score === sorted[i][1].score) j += 1;
    const meanRank = (i + j) / 2;
    for (let k = i; k <= j; k += 1) out.set(sorted[k][0], sorted.length > 1 ? 1 - meanRank / (sorted.length - 1) : 1);
    i = j + 1;
  }
  return out;
}

/** Blend the signals; returns items by descending score (ties: product id ascending). */
export function blend(scored: readonly ScoredBy[], how: Normalisation): BlendedItem[] {
  const acc = new Map<string, { sum: number; weights: number; contributions: Contribution[] }>();
  for (const { recommender, weight, signals } of scored) {
    if (!(weight > 0)) continue;
    for (const [id, n] of normalised(signals, how)) {
      if (!Number.isFinite(n)) continue;
      const signal = signals.get(id)!;
      let a = acc.get(id);
      if (!a) acc.set(id, (a = { sum: 0, weights: 0, contributions: [] }));
      a.sum += weight * n;
      a.weights += weight;
      a.contributions.push({
        recommender: recommender.name, code: signal.code ?? recommender.reasonCode, value: weight * n,
        ...(signal.evidence !== undefined ? { evidence: signal.evidence } : {}),
      });
    }
  }
  const items: BlendedItem[] = [];
  for (const [productId, a] of acc) {
    for (const c of a.contributions) c.value /= a.weights;
    a.contributions.sort((x, y) => y.value - x.value);
    items.push({ productId, score: a.sum / a.weights, contributions: a.contributions });
  }
  return items.sort((x, y) => y.score - x.score || (x.productId < y.productId ? -1 : x.productId > y.productId ? 1 : 0));
}

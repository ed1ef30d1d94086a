// Popularity: how often each product was added recently (TrainingData.examples), optionally
// time-decayed so that newer additions count more. Scores every product it saw at fit time
// (0 = nobody added it); the suitability gate turns this into "popular, not held".
import type { CustomerState, ProductInfo, Recommender, Signal, TrainingData } from '../types';

export interface PopularityConfig {
  /** Half-life of an addition's weight, in days before the newest addition; 0 = no decay. */
  halfLifeDays: number;
}

export const DEFAULT_POPULARITY: PopularityConfig = { halfLifeDays: 0 };

export class PopularityRecommender implements Recommender {
  readonly name = 'popularity';
  readonly reasonCode = 'POPULAR_NOW';
  private share = new Map<string, number>();

  constructor(readonly config: Readonly<PopularityConfig> = DEFAULT_POPULARITY) {}

  fit(data: TrainingData): void {
    const newest = Math.max(...data.examples.map((e) => e.at.getTime()), 0);
    const dayMs = 86_400_000;
    const weights = new Map<string, number>(data.products.map((p) => [p.id, 0]));
    let total = 0;
    for (const e of data.examples) {
      const w = this.config.halfLifeDays > 0 ? 0.5 ** ((newest - e.at.getTime()) / (this.config.halfLifeDays * dayMs)) : 1;
      for (const p of e.added) {
        weights.set(p, (weights.get(p) ?? 0) + w);
        total += w;
      }
    }
    this.share = new Map([...weights].map(([p, w]) => [p, total > 0 ? w / total : 0]));
  }

  score(_customer: CustomerState, candidates: readonly ProductInfo[]): Map<string, Signal> {
    const out = new Map<string, Signal>();
    for (const c of candidates) {
      const s = this.share.get(c.id);
      if (s !== undefined) out.set(c.id, { score: s, evidence: `${(100 * s).toFixed(1)}% of recent additions` });
    }
    return out;
  }
}

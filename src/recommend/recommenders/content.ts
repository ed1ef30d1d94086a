// Content-based: the seed article's formulation. Products are vectors (productVectors.ts: TF-IDF of
// the description + category/risk/term, PCA to a few dimensions); the customer is the weighted mean
// of the products they hold or held in the lag window, newer months weighing more (decay^lag); a
// candidate scores by cosine similarity to that profile, mapped to [0, 1]. Holding nothing → no opinion.
import { holdingLags, LAG_COUNT } from '../features';
import { cosine } from '../linalg';
import { productVectors } from '../productVectors';
import type { CustomerState, ProductInfo, Recommender, Signal, TrainingData } from '../types';

export interface ContentConfig {
  pcaDims: number;
  /** Weight of a product held k months ago relative to held now: decay^k. */
  decay: number;
  lags: number;
}

export const DEFAULT_CONTENT: ContentConfig = { pcaDims: 6, decay: 0.5, lags: LAG_COUNT };

export class ContentRecommender implements Recommender {
  readonly name = 'content';
  readonly reasonCode = 'MATCHES_YOUR_PRODUCTS';
  private vectors = new Map<string, Float64Array>();
  private names = new Map<string, string>();

  constructor(readonly config: Readonly<ContentConfig> = DEFAULT_CONTENT) {}

  fit(data: TrainingData): void {
    this.vectors = productVectors(data.products, this.config.pcaDims);
    this.names = new Map(data.products.map((p) => [p.id, p.name]));
  }

  /** Cosine similarity of two products' feature vectors (0 when unknown). */
  similarity(a: string, b: string): number {
    const va = this.vectors.get(a);
    const vb = this.vectors.get(b);
    return va && vb ? cosine(va, vb) : 0;
  }

  score(customer: CustomerState, candidates: readonly ProductInfo[]): Map<string, Signal> {
    const out = new Map<string, Signal>();
    const weights = new Map<string, number>();
    holdingLags(customer, this.config.lags).forEach((held, k) => {
      for (const p of held) if (this.vectors.has(p)) weights.set(p, (weights.get(p) ?? 0) + this.config.decay ** k);
    });
    if (weights.size === 0) return out;
    const dims = this.vectors.values().next().value!.length;
    const profile = new Float64Array(dims);
    for (const [p, w] of weights) {
      const v = this.vectors.get(p)!;
      for (let d = 0; d < dims; d += 1) profile[d] += w * v[d];
    }
    for (const c of candidates) {
      const v = this.vectors.get(c.id);
      if (!v) continue;
      let best = '';
      let bestSim = -Infinity;
      for (const p of weights.keys()) {
        const s = this.similarity(p, c.id);
        if (p !== c.id && s > bestSim) { bestSim = s; best = p; }
      }
      out.set(c.id, { score: (1 + cosine(v, profile)) / 2, ...(best ? { evidence: `your ${this.names.get(best)}` } : {}) });
    }
    return out;
  }
}

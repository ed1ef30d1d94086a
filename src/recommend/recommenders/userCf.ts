// User-based collaborative filtering: the k customers most similar to this one — cosine over
// IDF-weighted tokens of profile and lag-aware holdings (each product held at each month, and each
// product's whole holding pattern, features.ts) — vote for what they added next, each vote weighted
// by similarity^power.
// Score = the similarity-weighted share of neighbours who added the product; no neighbours → no opinion.
import { LAG_COUNT, ProfileEncoder, similarityTokens, type SimilarityWeights } from '../features';
import { NeighbourIndex } from '../neighbours';
import type { CustomerState, ProductInfo, Recommender, Signal, TrainingData } from '../types';

export interface UserCfConfig {
  neighbours: number;
  /** Votes are weighted by similarity^power: higher = the closest neighbours dominate. */
  power: number;
  lags: number;
  useAge: boolean;
  weights: SimilarityWeights;
  /** Weight tokens by inverse customer frequency (neighbours.ts). */
  idf: boolean;
}

export const DEFAULT_USER_CF: UserCfConfig = {
  neighbours: 200, power: 4, lags: LAG_COUNT, useAge: true,
  weights: { holding: 1, heldNow: 2, pattern: 4, profile: 0.75 },
  idf: true,
};

export class UserCfRecommender implements Recommender {
  readonly name = 'user-cf';
  readonly reasonCode = 'SIMILAR_CUSTOMERS';
  private encoder: ProfileEncoder;
  private index = new NeighbourIndex([]);
  private known = new Set<string>();
  private rowCustomer: string[] = [];
  private rowAdded: string[][] = [];

  constructor(readonly config: Readonly<UserCfConfig> = DEFAULT_USER_CF) {
    this.encoder = new ProfileEncoder({ useAge: config.useAge });
  }

  fit(data: TrainingData): void {
    this.encoder = new ProfileEncoder({ useAge: this.config.useAge }).fit(data.examples.map((e) => e.state));
    this.index = new NeighbourIndex(data.examples.map((e) => this.tokens(e.state)), { idf: this.config.idf });
    this.known = new Set(data.products.map((p) => p.id));
    this.rowCustomer = data.examples.map((e) => e.state.profile.id);
    this.rowAdded = data.examples.map((e) => [...e.added]);
  }

  private tokens(state: CustomerState): Map<string, number> {
    return similarityTokens(state, this.encoder, this.config.weights, this.config.lags);
  }

  score(customer: CustomerState, candidates: readonly ProductInfo[]): Map<string, Signal> {
    const out = new Map<string, Signal>();
    const self = customer.profile.id;
    const { rows, sims } = this.index.nearest(this.tokens(customer), this.config.neighbours, (r) => this.rowCustomer[r] === self);
    if (rows.length === 0) return out;
    const votes = new Map<string, { weight: number; count: number }>();
    let total = 0;
    for (let i = 0; i < rows.length; i += 1) {
      const w = sims[i] ** this.config.power;
      total += w;
      for (const p of this.rowAdded[rows[i]]) {
        const v = votes.get(p) ?? { weight: 0, count: 0 };
        v.weight += w;
        v.count += 1;
        votes.set(p, v);
      }
    }
    for (const c of candidates) {
      if (!this.known.has(c.id)) continue;
      const v = votes.get(c.id);
      out.set(c.id, {
        score: v && total > 0 ? v.weight / total : 0,
        ...(v ? { evidence: `${v.count} of your ${rows.length} most similar customers` } : {}),
      });
    }
    return out;
  }
}

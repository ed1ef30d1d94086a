// The seed article's activity-weighted score: r_j = Σ_i s_ij · w_i over the customers i most similar
// to this one, where
//   s_ij = sim(customer, i) if i adopted j (added it next, or took it up during the lag window), else 0;
//   w_i  = 1 / (1 + exp(−k · activity_i)), activity_i = the standardised (z-score over training
//          customers) activityLevel of features.ts: holding changes between consecutive months +
//          engagement events (views, clicks, ratings …) + 1 if flagged active. Active customers' choices count for more.
// Similarity here is the seed's "similar customers": profile and what is held now (no lag pattern),
// which is what sets it apart from user-CF. Score = r_j / Σ_i sim_i·w_i; no neighbours → no opinion.
import { activityLevel, holdingLags, LAG_COUNT, ProfileEncoder, similarityTokens, type SimilarityWeights } from '../features';
import { NeighbourIndex } from '../neighbours';
import type { CustomerState, ProductInfo, Recommender, Signal, TrainingData } from '../types';

export interface ActivityConfig {
  /** Steepness k of the activity weight. */
  k: number;
  neighbours: number;
  lags: number;
  useAge: boolean;
  weights: SimilarityWeights;
  /** Weight tokens by inverse customer frequency (neighbours.ts). */
  idf: boolean;
}

export const DEFAULT_ACTIVITY: ActivityConfig = {
  k: 1, neighbours: 100, lags: LAG_COUNT, useAge: true,
  weights: { holding: 1, heldNow: 1, pattern: 0, profile: 0.5 },
  idf: false,
};

/** Products a customer took up: added next (the example's label) or newly held during the lag window. */
function adoptions(state: CustomerState, added: ReadonlySet<string>, lags: number): string[] {
  const out = new Set(added);
  const h = holdingLags(state, lags);
  for (let k = 0; k + 1 < h.length; k += 1) for (const p of h[k]) if (!h[k + 1].has(p)) out.add(p);
  return [...out];
}

export class ActivityWeightedRecommender implements Recommender {
  readonly name = 'activity';
  readonly reasonCode = 'ACTIVE_CUSTOMERS_CHOOSE';
  private encoder: ProfileEncoder;
  private index = new NeighbourIndex([]);
  private known = new Set<string>();
  private rowCustomer: string[] = [];
  private rowAdopted: string[][] = [];
  private rowWeight: Float64Array = new Float64Array(0);

  constructor(readonly config: Readonly<ActivityConfig> = DEFAULT_ACTIVITY) {
    this.encoder = new ProfileEncoder({ useAge: config.useAge });
  }

  fit(data: TrainingData): void {
    const states = data.examples.map((e) => e.state);
    this.encoder = new ProfileEncoder({ useAge: this.config.useAge }).fit(states);
    this.index = new NeighbourIndex(states.map((s) => this.tokens(s)), { idf: this.config.idf });
    this.known = new Set(data.products.map((p) => p.id));
    this.rowCustomer = states.map((s) => s.profile.id);
    this.rowAdopted = data.examples.map((e) => adoptions(e.state, e.added, this.config.lags));
    const activity = states.map((s) => activityLevel(s, this.config.lags));
    const mean = activity.reduce((a, b) => a + b, 0) / Math.max(activity.length, 1);
    const sd = Math.sqrt(activity.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(activity.length, 1)) || 1;
    this.rowWeight = Float64Array.from(activity, (a) => 1 / (1 + Math.exp(-this.config.k * ((a - mean) / sd))));
  }

  private tokens(state: CustomerState): Map<string, number> {
    return similarityTokens(state, this.encoder, this.config.weights, 1);
  }

  score(customer: CustomerState, candidates: readonly ProductInfo[]): Map<string, Signal> {
    const out = new Map<string, Signal>();
    const self = customer.profile.id;
    const { rows, sims } = this.index.nearest(this.tokens(customer), this.config.neighbours, (r) => this.rowCustomer[r] === self);
    if (rows.length === 0) return out;
    const r = new Map<string, number>();
    let total = 0;
    for (let i = 0; i < rows.length; i += 1) {
      const sw = sims[i] * this.rowWeight[rows[i]];
      total += sw;
      for (const p of this.rowAdopted[rows[i]]) r.set(p, (r.get(p) ?? 0) + sw);
    }
    for (const c of candidates) if (this.known.has(c.id)) out.set(c.id, { score: total > 0 ? (r.get(c.id) ?? 0) / total : 0 });
    return out;
  }
}

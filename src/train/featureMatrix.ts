// Customers as dense numeric rows for the learned models. The building blocks come from
// recommend/features.ts (holding lags, changes between lags, profile tokens with income imputation);
// this file only lays them out as one fixed-width Float32 vector per customer:
//
//   holdings    P × L  binary: product p held at lag k (lag 0 = now)            [p·L + k]
//   changes     P × 4  binary: added / dropped between lag 1 and lag 0, and added / dropped at any
//                      earlier step of the window
//   counts      L + 2(L−1) + 1: products held at each lag, added and dropped at each step (÷ scale),
//                      share of the lag window that is known
//   profile     one-hot of ProfileEncoder tokens seen in training (segment, active, income band,
//                      income-missing indicator, seniority band, age band only when useAge)
//   numeric     z-scores of log income (imputed), seniority and age (only when useAge); 0 when unknown
//
// Products are the catalog the encoder was fitted with, in its order; unknown products are ignored.
import { holdingChanges, holdingLags, LAG_COUNT, ProfileEncoder, type ProfileEncoderState } from '../recommend/features';
import type { AdditionExample, CustomerState } from '../recommend/types';
import type { TrainSet } from './trainLoop';

export interface FeatureOptions { useAge: boolean; lags?: number }

interface Standardiser { mean: number; sd: number }

function standardiser(values: number[]): Standardiser {
  if (values.length === 0) return { mean: 0, sd: 1 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length) || 1;
  return { mean, sd };
}

const z = (v: number | null, s: Standardiser): number => (v === null || !Number.isFinite(v) ? 0 : Math.max(-5, Math.min(5, (v - s.mean) / s.sd)));

/** A fitted encoder as plain JSON: the feature layout and every learned scale (model artifacts). */
export interface FeatureEncoderState {
  options: FeatureOptions; lags: number; profile: ProfileEncoderState; products: string[]; tokens: string[];
  income: Standardiser; seniority: Standardiser; age: Standardiser;
  offsets: { changes: number; counts: number; tokens: number; numeric: number; width: number };
}

export class FeatureEncoder {
  readonly lags: number;
  private profile: ProfileEncoder;
  private productIndex = new Map<string, number>();
  private productList: string[] = [];
  private tokenIndex = new Map<string, number>();
  private income: Standardiser = { mean: 0, sd: 1 };
  private seniority: Standardiser = { mean: 0, sd: 1 };
  private age: Standardiser = { mean: 0, sd: 1 };
  private offsets = { changes: 0, counts: 0, tokens: 0, numeric: 0, width: 0 };

  constructor(readonly options: FeatureOptions) {
    this.lags = options.lags ?? LAG_COUNT;
    this.profile = new ProfileEncoder({ useAge: options.useAge });
  }

  /** Learn the product order, token vocabulary and scaling from training customers. */
  fit(products: readonly string[], states: readonly CustomerState[]): this {
    this.productIndex = new Map(products.map((p, i) => [p, i]));
    this.productList = [...products];
    this.profile = new ProfileEncoder({ useAge: this.options.useAge }).fit(states);
    const tokens = new Set<string>();
    const incomes: number[] = [];
    const seniorities: number[] = [];
    const ages: number[] = [];
    for (const s of states) {
      for (const t of this.profile.tokens(s)) tokens.add(t);
      const income = this.profile.imputedIncome(s).value;
      if (income !== null) incomes.push(Math.log1p(Math.max(0, income)));
      if (s.profile.seniorityMonths !== null) seniorities.push(s.profile.seniorityMonths);
      if (s.profile.age !== null) ages.push(s.profile.age);
    }
    this.tokenIndex = new Map([...tokens].sort().map((t, i) => [t, i]));
    this.income = standardiser(incomes);
    this.seniority = standardiser(seniorities);
    this.age = standardiser(ages);
    const P = products.length;
    const L = this.lags;
    const changes = P * L;
    const counts = changes + P * 4;
    const tokenStart = counts + L + 2 * (L - 1) + 1;
    const numeric = tokenStart + this.tokenIndex.size;
    this.offsets = { changes, counts, tokens: tokenStart, numeric, width: numeric + (this.options.useAge ? 3 : 2) };
    return this;
  }

  toJSON(): FeatureEncoderState {
    const tokens: string[] = [];
    for (const [t, i] of this.tokenIndex) tokens[i] = t;
    return {
      options: { ...this.options }, lags: this.lags, profile: this.profile.toJSON(), products: [...this.productList], tokens,
      income: { ...this.income }, seniority: { ...this.seniority }, age: { ...this.age }, offsets: { ...this.offsets },
    };
  }

  static fromJSON(s: FeatureEncoderState): FeatureEncoder {
    const e = new FeatureEncoder({ ...s.options, lags: s.lags });
    e.profile = ProfileEncoder.fromJSON(s.profile);
    e.productList = [...s.products];
    e.productIndex = new Map(s.products.map((p, i) => [p, i]));
    e.tokenIndex = new Map(s.tokens.map((t, i) => [t, i]));
    e.income = { ...s.income };
    e.seniority = { ...s.seniority };
    e.age = { ...s.age };
    e.offsets = { ...s.offsets };
    return e;
  }

  get width(): number { return this.offsets.width; }
  get products(): readonly string[] { return this.productList; }
  indexOf(productId: string): number | undefined { return this.productIndex.get(productId); }

  /** Write one customer's features into `out` at `offset` (the range must be zero on entry). */
  encodeInto(state: CustomerState, out: Float32Array, offset = 0): void {
    const L = this.lags;
    const o = this.offsets;
    const h = holdingLags(state, L);
    for (let k = 0; k < h.length; k += 1) {
      for (const p of h[k]) {
        const i = this.productIndex.get(p);
        if (i !== undefined) out[offset + i * L + k] = 1;
      }
      out[offset + o.counts + k] = h[k].size / 5;
    }
    holdingChanges(h).forEach((c, k) => {
      const recent = k === 0 ? 0 : 2;
      for (const p of c.added) {
        const i = this.productIndex.get(p);
        if (i !== undefined) out[offset + o.changes + i * 4 + recent] = 1;
      }
      for (const p of c.dropped) {
        const i = this.productIndex.get(p);
        if (i !== undefined) out[offset + o.changes + i * 4 + recent + 1] = 1;
      }
      out[offset + o.counts + L + 2 * k] = c.added.length / 2;
      out[offset + o.counts + L + 2 * k + 1] = c.dropped.length / 2;
    });
    out[offset + o.counts + L + 2 * (L - 1)] = h.length / L;
    for (const t of this.profile.tokens(state)) {
      const i = this.tokenIndex.get(t);
      if (i !== undefined) out[offset + o.tokens + i] = 1;
    }
    const income = this.profile.imputedIncome(state).value;
    out[offset + o.numeric] = z(income === null ? null : Math.log1p(Math.max(0, income)), this.income);
    out[offset + o.numeric + 1] = z(state.profile.seniorityMonths, this.seniority);
    if (this.options.useAge) out[offset + o.numeric + 2] = z(state.profile.age, this.age);
  }

  encode(state: CustomerState): Float32Array {
    const out = new Float32Array(this.width);
    this.encodeInto(state, out);
    return out;
  }

  /** Rows of many customers, row-major (n × width). */
  matrix(states: readonly CustomerState[]): Float32Array {
    const out = new Float32Array(states.length * this.width);
    states.forEach((s, r) => this.encodeInto(s, out, r * this.width));
    return out;
  }

  /** 1 where the customer holds the product now (it cannot be added), row-major (n × P). */
  heldMatrix(states: readonly CustomerState[]): Float32Array {
    const P = this.productIndex.size;
    const out = new Float32Array(states.length * P);
    states.forEach((s, r) => {
      for (const p of s.held) {
        const i = this.productIndex.get(p);
        if (i !== undefined) out[r * P + i] = 1;
      }
    });
    return out;
  }
}

/** Training rows of addition examples: features, targets spread evenly over the added products, held mask. */
export function additionTrainSet(encoder: FeatureEncoder, examples: readonly AdditionExample[]): TrainSet {
  const P = encoder.products.length;
  const states = examples.map((e) => e.state);
  const y = new Float32Array(examples.length * P);
  examples.forEach((e, r) => {
    const idx = [...e.added].map((p) => encoder.indexOf(p)).filter((i): i is number => i !== undefined);
    for (const i of idx) y[r * P + i] = 1 / idx.length;
  });
  return { x: encoder.matrix(states), y, held: encoder.heldMatrix(states), n: examples.length };
}

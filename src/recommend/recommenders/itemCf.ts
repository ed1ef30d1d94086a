// Item-based collaborative filtering on co-ownership, conditioned on recent changes.
//
// Every product p is, for a customer, in a lag-aware *state*: its holding pattern over the last
// months (features.ts: held now, held until recently, just added, never held …). From the training
// additions we learn, for every (p, state) and every product j the customer did not hold,
//   conf((p,state) → j) = (#customers in that state who added j + α·prior_j) / (#customers in that state + α)
// and score j by its strongest association: max over the customer's product states. The self-pair
// (j's own state → j) is one of them, so "held until recently, so often taken up again" is learned
// like any other co-ownership, without product-specific rules. Evidence = the held product whose
// state contributes most. Co-holding (cosine of product holding columns) serves similarProducts.
import { describeMask, holdingLags, holdingMask, LAG_COUNT } from '../features';
import type { CustomerState, ProductInfo, Recommender, Signal, TrainingData } from '../types';

export interface ItemCfConfig {
  /** Monthly lags that define a product's state. */
  lags: number;
  /** Additive smoothing towards the product's overall addition rate. */
  smoothing: number;
}

export const DEFAULT_ITEM_CF: ItemCfConfig = { lags: LAG_COUNT, smoothing: 1 };

export class ItemCfRecommender implements Recommender {
  readonly name = 'item-cf';
  readonly reasonCode = 'OFTEN_HELD_WITH';
  private ids: string[] = [];
  private index = new Map<string, number>();
  private names = new Map<string, string>();
  private conf: Float64Array = new Float64Array(0);
  private coHeld: Float64Array = new Float64Array(0);
  private prior: Float64Array = new Float64Array(0);

  constructor(readonly config: Readonly<ItemCfConfig> = DEFAULT_ITEM_CF) {}

  private get states(): number { return 1 << this.config.lags; }

  fit(data: TrainingData): void {
    this.ids = data.products.map((p) => p.id);
    this.index = new Map(this.ids.map((id, i) => [id, i]));
    this.names = new Map(data.products.map((p) => [p.id, p.name]));
    const n = this.ids.length;
    const s = this.states;
    const num = new Float64Array(n * s * n);
    const den = new Float64Array(n * s * n);
    const addedCount = new Float64Array(n);
    const eligibleCount = new Float64Array(n);
    const masks = new Int32Array(n);
    const eligible = new Uint8Array(n);
    const added = new Uint8Array(n);
    for (const e of data.examples) {
      const lags = holdingLags(e.state, this.config.lags);
      for (let p = 0; p < n; p += 1) {
        masks[p] = holdingMask(lags, this.ids[p]);
        eligible[p] = e.state.held.has(this.ids[p]) ? 0 : 1;
        added[p] = e.added.has(this.ids[p]) ? 1 : 0;
        eligibleCount[p] += eligible[p];
        addedCount[p] += added[p];
      }
      for (let p = 0; p < n; p += 1) {
        const row = (p * s + masks[p]) * n;
        for (let j = 0; j < n; j += 1) {
          if (!eligible[j]) continue;
          den[row + j] += 1;
          num[row + j] += added[j];
        }
      }
    }
    const a = this.config.smoothing;
    this.prior = Float64Array.from(addedCount, (c, j) => (eligibleCount[j] > 0 ? c / eligibleCount[j] : 0));
    this.conf = new Float64Array(n * s * n);
    for (let t = 0; t < n * s; t += 1) {
      for (let j = 0; j < n; j += 1) this.conf[t * n + j] = (num[t * n + j] + a * this.prior[j]) / (den[t * n + j] + a);
    }
    this.coHeld = coHolding(data.customers, this.index);
  }

  score(customer: CustomerState, candidates: readonly ProductInfo[]): Map<string, Signal> {
    const out = new Map<string, Signal>();
    const n = this.ids.length;
    if (n === 0) return out;
    const s = this.states;
    const lags = holdingLags(customer, this.config.lags);
    const masks = this.ids.map((id) => holdingMask(lags, id));
    const rows = masks.map((mask, p) => (p * s + mask) * n);
    for (const c of candidates) {
      const j = this.index.get(c.id);
      if (j === undefined) continue;
      let best = 0;
      let evidence = -1;
      let evidenceConf = this.prior[j];
      for (let p = 0; p < n; p += 1) {
        const v = this.conf[rows[p] + j];
        if (v > best) best = v;
        if (masks[p] !== 0 && v > evidenceConf) { evidence = p; evidenceConf = v; }
      }
      out.set(c.id, { score: best, ...this.evidence(evidence, j, lags) });
    }
    return out;
  }

  private evidence(p: number, j: number, lags: readonly ReadonlySet<string>[]): Pick<Signal, 'evidence' | 'code'> {
    // No product the customer holds (or held) explains the score better than the base rate: the
    // signal comes from what they do NOT hold, i.e. it is a common next step, not co-ownership.
    if (p < 0) return { code: 'COMMON_NEXT_STEP' };
    const id = this.ids[p];
    const state = describeMask(holdingMask(lags, id));
    if (p === j) return { code: 'USED_TO_HOLD', evidence: this.names.get(id) };
    const name = this.names.get(id);
    if (state === 'held-until-recently') return { evidence: `the ${name} you held until recently` };
    if (state === 'recently-added') return { evidence: `the ${name} you recently added` };
    return { evidence: `your ${name}` };
  }

  /** Cosine similarity of two products' holding columns over all customers (0 when unknown). */
  coOwnership(a: string, b: string): number {
    const i = this.index.get(a);
    const j = this.index.get(b);
    return i === undefined || j === undefined ? 0 : this.coHeld[i * this.ids.length + j];
  }
}

function coHolding(customers: readonly CustomerState[], index: ReadonlyMap<string, number>): Float64Array {
  const n = index.size;
  const counts = new Float64Array(n * n);
  for (const c of customers) {
    const held = [...c.held].map((p) => index.get(p)).filter((i): i is number => i !== undefined);
    for (const i of held) for (const j of held) counts[i * n + j] += 1;
  }
  const sim = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < n; j += 1) {
      const d = Math.sqrt(counts[i * n + i] * counts[j * n + j]);
      sim[i * n + j] = i !== j && d > 0 ? counts[i * n + j] / d : 0;
    }
  }
  return sim;
}

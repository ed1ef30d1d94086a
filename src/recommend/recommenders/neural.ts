// Neural ranker: a dense MLP over customer features (train/featureMatrix.ts: holdings at each monthly
// lag, changes between lags, counts, profile with imputed income) that scores every product at once
// with a softmax masked to the products not held, trained with TensorFlow.js (train/neuralRanker.ts)
// on TrainingData.examples: the state before an addition → the products added.
// - A validation part (a seeded share of the training customers) drives early stopping on MAP@7.
// - With `augmentSteps` > 0, each example also yields "earlier" examples: the state one monthly lag
//   back, labelled with the products newly held at the next lag (the label of that month, never the
//   example's own addition), adding rows without looking at any test customer (default 0: on the
//   Santander split 1 and 3 steps added 9 % and 47 % rows and did not move holdout MAP@7).
// - The best `keepBest` epochs (by validation MAP@7) are kept and their probabilities averaged
//   (default 1: on the Santander split 3 snapshots scored the same, 0.8964 vs 0.8970, at 3× the cost).
// - `members` > 1 trains independently initialised copies and averages them (default 1: on the
//   Santander split 3 members scored 0.8972 vs 0.8970 at 3× the cost). Also tried there and dropped:
//   a refit on train + validation for the best epoch count (0.8970), one row per added product
//   (0.8926), 20 profile bands instead of 8 (0.8954), one 512-wide layer (0.8958).
// - `folds` > 1 (opt-in) is cross-fitting: disjoint customer folds, member m early-stops on fold m
//   and trains on the others, probabilities averaged — every example is trained on, and the
//   validation MAP@7 reported is out of fold. On the Santander split 5 folds scored 0.8995 (vs 0.8970;
//   0.8986 with the rows in another order; XGBoost reference 0.8986) at ~5× the fit time; `npm run train` does not use it
//   (it keeps validation customers aside for the blend).
// - Scoring runs in plain JS over the trained weights (no tensors), so it is cheap per customer.
// Products not in the catalog at fit time get no entry ("no opinion").
import { additionTrainSet, FeatureEncoder, type FeatureEncoderState } from '../../train/featureMatrix';
import { checkLayers, forward, maskedSoftmax, trainRanker, type EpochProgress, type RankerConfig, type RankerWeights, type TrainSet } from '../../train/neuralRanker';
import type { BackendName } from '../../train/backend';
import { crossFitSplits, validationMap, validationSplit } from '../../train/validation';
import { holdingLags } from '../features';
import type { AdditionExample, CustomerState, LearnedRecommender, ProductInfo, Signal, TrainingData } from '../types';

export interface NeuralConfig extends RankerConfig {
  useAge: boolean;
  /** Share of training customers held out for early stopping (0 = none: fixed epochs). */
  validationFraction: number;
  /** Below this many validation examples, train a fixed number of epochs instead. */
  minValidation: number;
  /** Earlier-month examples derived from each example's lag window (0 = off). */
  augmentSteps: number;
  /** Cutoff of the validation MAP. */
  k: number;
  /** Independently initialised members (seed, seed+1, …) whose probabilities are averaged. */
  members: number;
  /** Cross-fitting: this many disjoint customer folds, one member early-stopped on each and trained
   *  on the rest (replaces `members`; 1 = off; unused when the caller gives validation customers). */
  folds?: number;
}

export const DEFAULT_NEURAL: NeuralConfig = {
  hidden: [256, 128], learningRate: 0.002, batchSize: 256, maxEpochs: 40, patience: 4, l2: 1e-5, dropout: 0.3, keepBest: 1, minSteps: 100, seed: 42,
  useAge: true, validationFraction: 0.15, minValidation: 50, augmentSteps: 0, k: 7, members: 1,
};

export interface NeuralFitReport {
  backend: BackendName; ms: number; rows: number; rowsPerSecond: number; epochs: number; bestEpoch: number; validationMap: number | null;
}

/** The state `steps` monthly lags before `state`, and what was newly held at the lag after it. */
function earlierExample(e: AdditionExample, steps: number): AdditionExample | null {
  const snaps = e.state.snapshots;
  if (snaps.length < steps + 2) return null;
  const kept = snaps.slice(0, snaps.length - steps);
  const next = snaps[snaps.length - steps].held;
  const now = kept[kept.length - 1].held;
  const added = new Set([...next].filter((p) => !now.has(p)));
  if (added.size === 0) return null;
  const at = snaps[snaps.length - steps].at;
  return { state: { ...e.state, snapshots: kept, held: now, events: e.state.events.filter((ev) => ev.at < kept[kept.length - 1].at), asOf: at }, added, at };
}

/** The members' masked-softmax probabilities, averaged. */
function ensembleProbabilities(ensemble: readonly RankerWeights[], x: Float32Array, allowed: (i: number) => boolean): Float64Array {
  let out: Float64Array | null = null;
  for (const w of ensemble) {
    const p = maskedSoftmax(forward(w, x), allowed);
    out ??= new Float64Array(p.length);
    for (let i = 0; i < p.length; i += 1) out[i] += p[i] / ensemble.length;
  }
  return out ?? new Float64Array(0);
}

/** Everything a fitted NeuralRecommender scores with, as plain values (see train/modelArtifact.ts). */
export interface NeuralState { config: NeuralConfig; encoder: FeatureEncoderState; ensemble: RankerWeights[] }

export class NeuralRecommender implements LearnedRecommender {
  readonly name = 'neural';
  readonly reasonCode = 'LEARNED_FROM_SIMILAR_PATHS';
  /** Called after every epoch (progress bars); not part of the config. */
  onEpoch?: (p: EpochProgress) => void;
  lastFit: NeuralFitReport | null = null;
  private encoder: FeatureEncoder;
  private ensemble: RankerWeights[] = [];

  constructor(readonly config: Readonly<NeuralConfig> = DEFAULT_NEURAL) {
    this.encoder = new FeatureEncoder({ useAge: config.useAge });
  }

  async fit(data: TrainingData): Promise<void> {
    const cfg = this.config;
    const products = data.products.map((p) => p.id);
    this.ensemble = [];
    const usable = data.examples.filter((e) => e.added.size > 0);
    if (usable.length === 0 || products.length === 0) return;
    // One (train, validation) pair per member: the shared seeded split (members differ by seed only),
    // or with `folds` > 1 and no caller-given validation customers, disjoint customer folds.
    const folds = !data.validationCustomers && (cfg.folds ?? 1) > 1 && usable.length / cfg.folds! >= cfg.minValidation ? cfg.folds! : 1;
    const splits = folds > 1 ? crossFitSplits(usable, folds, cfg.seed)
      : Array.from({ length: Math.max(1, cfg.members) }, () => validationSplit(usable, data.validationCustomers, cfg));
    const augmented = (examples: readonly AdditionExample[]): AdditionExample[] => {
      const rows = [...examples];
      for (let s = 1; s <= cfg.augmentSteps; s += 1) for (const e of examples) { const x = earlierExample(e, s); if (x) rows.push(x); }
      return rows;
    };
    const encoder = new FeatureEncoder({ useAge: cfg.useAge }).fit(products, augmented(folds > 1 ? usable : splits[0][0]).map((e) => e.state));
    const P = products.length;
    const validator = (valEx: readonly AdditionExample[]) => {
      const valX = encoder.matrix(valEx.map((e) => e.state));
      return (ensemble: readonly RankerWeights[]): number => validationMap(valEx, products, cfg.k,
        (e, r) => ensembleProbabilities(ensemble, valX.subarray(r * encoder.width, (r + 1) * encoder.width), (i) => !e.state.held.has(products[i])));
    };
    const ensemble: RankerWeights[] = [];
    let [ms, epochs, rows, outOfFold] = [0, 0, 0, 0];
    let last: Awaited<ReturnType<typeof trainRanker>> | null = null;
    let set: TrainSet | null = null;
    for (let m = 0; m < splits.length; m += 1) {
      const [trainEx, valEx] = splits[m];
      if (folds > 1 || !set) set = additionTrainSet(encoder, augmented(trainEx));
      const validateEnsemble = valEx.length === 0 ? null : validator(valEx);
      const offset = epochs; // progress counts on across members: one bar for the whole fit
      const onEpoch = this.onEpoch && ((p: EpochProgress) => this.onEpoch!({ ...p, epoch: offset + p.epoch, maxEpochs: offset + p.maxEpochs * (splits.length - m) }));
      last = await trainRanker(set, encoder.width, P, { ...cfg, seed: cfg.seed + m }, validateEnsemble && ((w) => validateEnsemble([w])), onEpoch);
      ensemble.push(...last.ensemble);
      [ms, epochs, rows] = [ms + last.ms, epochs + last.epochs, set.n];
      if (validateEnsemble && folds > 1) outOfFold += validateEnsemble(last.ensemble) * valEx.length;
    }
    this.encoder = encoder;
    this.ensemble = ensemble;
    this.lastFit = {
      backend: last!.backend, ms, rows, rowsPerSecond: (rows * epochs) / (ms / 1000), epochs, bestEpoch: last!.bestEpoch,
      // Of the whole ensemble on the shared validation split, or out of fold (each member on its own fold).
      validationMap: folds > 1 ? outOfFold / usable.length : splits[0][1].length > 0 ? validator(splits[0][1])(ensemble) : null,
    };
  }

  /** Whether it has weights to score with (fitted on usable data, or loaded). */
  get fitted(): boolean { return this.ensemble.length > 0; }

  /** The fitted model as plain values; `fromState` rebuilds a recommender that scores identically. */
  toState(): NeuralState {
    return { config: { ...this.config, hidden: [...this.config.hidden] }, encoder: this.encoder.toJSON(), ensemble: this.ensemble };
  }

  /** Rebuild from `toState()`; throws a readable error when the weights do not fit the feature layout. */
  static fromState(state: NeuralState): NeuralRecommender {
    const r = new NeuralRecommender(state.config);
    r.encoder = FeatureEncoder.fromJSON(state.encoder);
    if (!Array.isArray(state.ensemble) || state.ensemble.length === 0) throw new Error('no ensemble member');
    state.ensemble.forEach((m, i) => checkLayers(m, r.encoder.width, r.encoder.products.length, `member ${i}`));
    r.ensemble = state.ensemble;
    return r;
  }

  /** Probability of each known, not-held product being the next addition, in catalog order. */
  private probabilities(customer: CustomerState): Float64Array | null {
    if (this.ensemble.length === 0) return null;
    const products = this.encoder.products;
    const held = holdingLags(customer, 1)[0];
    return ensembleProbabilities(this.ensemble, this.encoder.encode(customer), (i) => !held.has(products[i]));
  }

  score(customer: CustomerState, candidates: readonly ProductInfo[]): Map<string, Signal> {
    const out = new Map<string, Signal>();
    if (candidates.length === 0) return out;
    const probs = this.probabilities(customer);
    if (!probs) return out;
    for (const c of candidates) {
      const i = this.encoder.indexOf(c.id);
      if (i !== undefined) out.set(c.id, { score: probs[i] });
    }
    return out;
  }
}

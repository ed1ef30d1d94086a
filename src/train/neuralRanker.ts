// A dense MLP ranker trained with TensorFlow.js: customer features → one logit per product, trained
// with a softmax masked to the products the customer does not hold (held ones cannot be added), the
// target spread evenly over the products actually added. Mini-batch Adam, seeded initialisation and
// shuffling (reproducible on one backend), early stopping on a validation score the caller computes
// (MAP@7), the weights of the best few epochs kept and their predictions averaged (a free snapshot
// ensemble). After training the weights are copied to plain Float32Arrays
// and scoring runs in JS (`forward`): no tensors, ~0.1 ms per customer.
// A dense model has no tf.gather, so the wasm backend's missing UnsortedSegmentSum does not matter.
import { mulberry32 } from '../eval/split';
import { tfRuntime, type BackendName } from './backend';

export interface RankerConfig {
  hidden: number[];
  learningRate: number;
  batchSize: number;
  maxEpochs: number;
  /** Epochs without a better validation score before stopping. */
  patience: number;
  /** L2 penalty on the weight matrices. */
  l2: number;
  /** Dropout rate after each hidden layer while training (seeded per step). */
  dropout: number;
  /** Keep the weights of this many best epochs (by validation) and average their predictions. */
  keepBest: number;
  /** Lower bound on optimiser steps when there is no validation set (tiny data). */
  minSteps: number;
  seed: number;
}

/** One dense layer: w is row-major (inDim × outDim). */
export interface DenseLayer { w: Float32Array; b: Float32Array; inDim: number; outDim: number }
export type RankerWeights = DenseLayer[];

export interface TrainSet {
  /** n × d features. */
  x: Float32Array;
  /** n × P targets (each row sums to 1 over added products). */
  y: Float32Array;
  /** n × P, 1 = held (masked out of the softmax). */
  held: Float32Array;
  n: number;
}

export interface EpochProgress { epoch: number; maxEpochs: number; loss: number; validation: number | null; best: number | null; ms: number }

export interface TrainResult {
  /** The best epoch's weights first, then the next best (at most keepBest); one entry without validation. */
  ensemble: RankerWeights[];
  epochs: number;
  bestEpoch: number;
  bestValidation: number | null;
  backend: BackendName;
  ms: number;
}

export const MASK = -1e4;
let trainings = 0;

/** He-uniform initialisation from the seeded PRNG. */
export function initLayers(dims: number[], seed: number): RankerWeights {
  const rand = mulberry32(seed);
  const layers: RankerWeights = [];
  for (let l = 0; l + 1 < dims.length; l += 1) {
    const [inDim, outDim] = [dims[l], dims[l + 1]];
    const limit = Math.sqrt(6 / inDim);
    const w = new Float32Array(inDim * outDim);
    for (let i = 0; i < w.length; i += 1) w[i] = (2 * rand() - 1) * limit;
    layers.push({ w, b: new Float32Array(outDim), inDim, outDim });
  }
  return layers;
}

export function shuffled(n: number, rand: () => number): Uint32Array {
  const idx = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
}

/**
 * Train on `data`; `validate(weights)` (higher is better) drives early stopping, or null to train
 * a fixed number of epochs (at least `minSteps` optimiser steps).
 */
export async function trainRanker(
  data: TrainSet, dIn: number, nOut: number, cfg: RankerConfig,
  validate: ((weights: RankerWeights) => number) | null,
  onEpoch?: (p: EpochProgress) => void,
): Promise<TrainResult> {
  const { tf, backend } = await tfRuntime();
  const started = performance.now();
  const run = (trainings += 1);
  const init = initLayers([dIn, ...cfg.hidden, nOut], cfg.seed);
  const vars = init.map((l, i) => ({
    w: tf.variable(tf.tensor2d(l.w, [l.inDim, l.outDim]), true, `ranker${run}_w${i}`),
    b: tf.variable(tf.tensor1d(l.b), true, `ranker${run}_b${i}`),
  }));
  const optimizer = tf.train.adam(cfg.learningRate);
  const rand = mulberry32(cfg.seed ^ 0x5bd1e995);
  const P = nOut;
  const batchesPerEpoch = Math.max(1, Math.ceil(data.n / cfg.batchSize));
  const epochs = validate ? cfg.maxEpochs : Math.max(cfg.maxEpochs, Math.ceil(cfg.minSteps / batchesPerEpoch));
  const snapshot = async (): Promise<RankerWeights> => Promise.all(vars.map(async (v, i) => ({
    w: Float32Array.from(await v.w.data()), b: Float32Array.from(await v.b.data()), inDim: init[i].inDim, outDim: init[i].outDim,
  })));

  let kept: { weights: RankerWeights; score: number }[] = [];
  let last: RankerWeights | null = null;
  let bestValidation: number | null = null;
  let bestEpoch = 0;
  let epoch = 0;
  let step = 0;
  try {
    for (epoch = 1; epoch <= epochs && data.n > 0; epoch += 1) {
      const t0 = performance.now();
      const order = shuffled(data.n, rand);
      let lossSum: ReturnType<typeof tf.add> = tf.scalar(0);
      for (let start = 0; start < data.n; start += cfg.batchSize) {
        step += 1;
        const rows = order.subarray(start, Math.min(data.n, start + cfg.batchSize));
        const b = rows.length;
        const xb = new Float32Array(b * dIn);
        const yb = new Float32Array(b * P);
        const mb = new Float32Array(b * P);
        rows.forEach((r, i) => {
          xb.set(data.x.subarray(r * dIn, (r + 1) * dIn), i * dIn);
          yb.set(data.y.subarray(r * P, (r + 1) * P), i * P);
          for (let j = 0; j < P; j += 1) mb[i * P + j] = data.held[r * P + j] * MASK;
        });
        const loss = tf.tidy(() => {
          const x = tf.tensor2d(xb, [b, dIn]);
          const y = tf.tensor2d(yb, [b, P]);
          const m = tf.tensor2d(mb, [b, P]);
          return optimizer.minimize(() => {
            let h: ReturnType<typeof tf.matMul> = x;
            vars.forEach((v, i) => {
              h = tf.add(tf.matMul(h, v.w), v.b);
              if (i + 1 < vars.length) {
                h = tf.relu(h);
                if (cfg.dropout > 0) h = tf.dropout(h, cfg.dropout, undefined, (cfg.seed * 7919 + step * 31 + i) >>> 0);
              }
            });
            const ce = tf.losses.softmaxCrossEntropy(y, tf.add(h, m));
            if (cfg.l2 <= 0) return ce as ReturnType<typeof tf.scalar>;
            const penalty = vars.reduce((acc, v) => tf.add(acc, tf.sum(tf.square(v.w))), tf.scalar(0));
            return tf.add(ce, tf.mul(cfg.l2, penalty)) as ReturnType<typeof tf.scalar>;
          }, true)!;
        });
        const weighted = tf.mul(loss, b);
        const next = tf.add(lossSum, weighted);
        lossSum.dispose();
        loss.dispose();
        weighted.dispose();
        lossSum = next;
        // Let the event loop breathe between batches (a server refitting in the background stays responsive).
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      const meanLoss = (await lossSum.data())[0] / data.n;
      lossSum.dispose();
      // Without a validation set only the last epoch's weights are kept (read once, at the end).
      const weights = validate || epoch === epochs ? await snapshot() : null;
      const score = validate ? validate(weights!) : null;
      if (score === null) last = weights;
      else kept = [...kept, { weights: weights!, score }].sort((a, b) => b.score - a.score).slice(0, Math.max(1, cfg.keepBest));
      if (score === null || bestValidation === null || score > bestValidation + 1e-6) {
        bestEpoch = epoch;
        bestValidation = score;
      }
      onEpoch?.({ epoch, maxEpochs: epochs, loss: meanLoss, validation: score, best: bestValidation, ms: performance.now() - t0 });
      if (validate && epoch - bestEpoch >= cfg.patience) break;
    }
  } finally {
    for (const v of vars) { v.w.dispose(); v.b.dispose(); }
    optimizer.dispose();
  }
  const ensemble = kept.length > 0 ? kept.map((k) => k.weights) : [last ?? init];
  return { ensemble, epochs: Math.min(epoch, epochs), bestEpoch, bestValidation, backend, ms: performance.now() - started };
}

/** Logits of one customer's feature row, in plain JS (no tensors). */
export function forward(weights: RankerWeights, x: Float32Array): Float32Array {
  let h = x;
  weights.forEach((layer, l) => {
    const { w, b, inDim, outDim } = layer;
    const out = Float32Array.from(b);
    for (let i = 0; i < inDim; i += 1) {
      const xi = h[i];
      if (xi === 0) continue;
      const row = i * outDim;
      for (let j = 0; j < outDim; j += 1) out[j] += xi * w[row + j];
    }
    if (l + 1 < weights.length) for (let j = 0; j < outDim; j += 1) if (out[j] < 0) out[j] = 0;
    h = out;
  });
  return h;
}

/** Softmax over the entries where `allowed` is true; the rest get 0. */
export function maskedSoftmax(logits: Float32Array, allowed: (i: number) => boolean): Float64Array {
  const out = new Float64Array(logits.length);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i += 1) if (allowed(i) && logits[i] > max) max = logits[i];
  if (max === -Infinity) return out;
  let sum = 0;
  for (let i = 0; i < logits.length; i += 1) if (allowed(i)) { out[i] = Math.exp(logits[i] - max); sum += out[i]; }
  for (let i = 0; i < logits.length; i += 1) out[i] /= sum;
  return out;
}

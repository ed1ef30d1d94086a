// A dense MLP ranker trained with TensorFlow.js: customer features → one logit per product, trained
// with a softmax masked to the products the customer does not hold (held ones cannot be added), the
// target spread evenly over the products actually added. Mini-batch Adam with seeded initialisation;
// the loop (shuffling, early stopping on the caller's MAP@7, the best few epochs' weights kept and
// their predictions averaged) is train/trainLoop.ts, shared with the two-tower model. After training
// the weights are copied to plain Float32Arrays and scoring runs in JS (`forward`): no tensors,
// ~0.1 ms per customer.
// A dense model has no tf.gather, so the wasm backend's missing UnsortedSegmentSum does not matter.
import { mulberry32 } from '../eval/split';
import { tfRuntime, type BackendName } from './backend';
import { runTrainingLoop, type EpochProgress, type LoopConfig, type LoopModel, type TrainSet } from './trainLoop';

export type { EpochProgress, TrainSet };

export interface RankerConfig extends LoopConfig {
  hidden: number[];
  learningRate: number;
  /** L2 penalty on the weight matrices. */
  l2: number;
  /** Dropout rate after each hidden layer while training (seeded per step). */
  dropout: number;
  /** Keep the weights of this many best epochs (by validation) and average their predictions. */
  keepBest: number;
}

/** One dense layer: w is row-major (inDim × outDim). */
export interface DenseLayer { w: Float32Array; b: Float32Array; inDim: number; outDim: number }
export type RankerWeights = DenseLayer[];

export interface TrainResult {
  /** The best epoch's weights first, then the next best (at most keepBest); one entry without validation. */
  ensemble: RankerWeights[];
  epochs: number;
  bestEpoch: number;
  bestValidation: number | null;
  backend: BackendName;
  ms: number;
}

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
  const model: LoopModel<RankerWeights> = {
    step: (x, y, m, step) => optimizer.minimize(() => {
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
    }, true)!,
    snapshot: async () => Promise.all(vars.map(async (v, i) => ({
      w: Float32Array.from(await v.w.data()), b: Float32Array.from(await v.b.data()), inDim: init[i].inDim, outDim: init[i].outDim,
    }))),
  };
  try {
    const loop = await runTrainingLoop(tf, data, dIn, nOut, cfg, model, validate, onEpoch);
    return { ensemble: loop.kept, epochs: loop.epochs, bestEpoch: loop.bestEpoch, bestValidation: loop.bestValidation, backend, ms: performance.now() - started };
  } finally {
    for (const v of vars) { v.w.dispose(); v.b.dispose(); }
    optimizer.dispose();
  }
}

/**
 * Throws a readable error unless `layers` is a chain of dense layers from `inDim` to `outDim` whose
 * weight and bias arrays have the stated sizes and hold only finite numbers (saved artifacts are
 * checked before they can score anything).
 */
export function checkLayers(layers: unknown, inDim: number, outDim: number, what: string): asserts layers is RankerWeights {
  if (!Array.isArray(layers) || layers.length === 0) throw new Error(`${what}: no layers`);
  let expectedIn = inDim;
  layers.forEach((l: Partial<DenseLayer>, i) => {
    const at = `${what} layer ${i}`;
    if (!(l.w instanceof Float32Array) || !(l.b instanceof Float32Array)) throw new Error(`${at}: weights missing`);
    if (l.inDim !== expectedIn) throw new Error(`${at}: takes ${String(l.inDim)} inputs, expected ${expectedIn}`);
    if (!Number.isInteger(l.outDim) || l.w.length !== expectedIn * l.outDim! || l.b.length !== l.outDim) throw new Error(`${at}: weights do not match ${expectedIn} × ${String(l.outDim)}`);
    if (!l.w.every(Number.isFinite) || !l.b.every(Number.isFinite)) throw new Error(`${at}: weights are not all finite`);
    expectedIn = l.outDim!;
  });
  if (expectedIn !== outDim) throw new Error(`${what}: gives ${expectedIn} outputs, expected ${outDim}`);
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

// A two-tower (factorised) ranker trained with TensorFlow.js. The customer tower is a dense ReLU MLP
// over the FeatureEncoder row of a customer → an embedding u (dim d); the product tower is a dense
// MLP over a fixed P × f product feature matrix (productFeatures below) → one embedding v_p per
// product, recomputed every step as a matMul of the whole matrix (no tf.gather, whose gradient the
// wasm backend lacks). Logit(customer, p) = u · v_p + b_p; the loss is the softmax cross-entropy
// masked to the products not held, as in neuralRanker.ts (same seeded init, shuffling, dropout,
// early stopping on the caller's validation score). After training the weights are plain
// Float32Arrays and scoring runs in JS (`towerEmbeddings`, `towerLogits`).
import type { ProductInfo } from '../recommend/types';
import { PRODUCT_CATEGORIES } from '../recommend/types';
import { tfRuntime, type BackendName } from './backend';
import { forward, initLayers, type RankerWeights } from './neuralRanker';
import { runTrainingLoop, type EpochProgress, type LoopConfig, type LoopModel, type TrainSet } from './trainLoop';

export interface TwoTowerTrainConfig extends LoopConfig {
  /** Hidden sizes of the customer tower. */
  hidden: number[];
  /** Hidden sizes of the product tower (empty = one linear layer). */
  productHidden: number[];
  /** Embedding dimension d. */
  dim: number;
  learningRate: number;
  l2: number;
  /** Dropout after each hidden layer of the customer tower while training. */
  dropout: number;
}

/** Everything the two towers score with, as plain values. */
export interface TwoTowerWeights { customer: RankerWeights; product: RankerWeights; bias: Float32Array }

export interface TwoTowerTrainResult {
  weights: TwoTowerWeights; epochs: number; bestEpoch: number; bestValidation: number | null; backend: BackendName; ms: number;
}

const NUMERIC_PRODUCT_FEATURES = 13;

/**
 * The fixed product feature matrix (P × f, row-major): one-hot id, category one-hot, risk level,
 * then the presence (and a scaled value) of term, rates, fees, age bounds and minimum amount.
 */
export function productFeatures(products: readonly ProductInfo[]): { x: Float32Array; width: number } {
  const P = products.length;
  const C = PRODUCT_CATEGORIES.length;
  const width = P + C + NUMERIC_PRODUCT_FEATURES;
  const x = new Float32Array(P * width);
  const has = (v: number | null): number => (v === null ? 0 : 1);
  products.forEach((p, i) => {
    const row = i * width;
    x[row + i] = 1;
    const c = PRODUCT_CATEGORIES.indexOf(p.category);
    if (c >= 0) x[row + P + c] = 1;
    const o = row + P + C;
    const values = [
      p.riskLevel / 7, has(p.termMonths), p.termMonths === null ? 0 : Math.log1p(p.termMonths) / 5,
      has(p.interestRate), has(p.apr), has(p.annualFee), has(p.managementFeePercent),
      has(p.minAge), (p.minAge ?? 0) / 100, has(p.maxAge), (p.maxAge ?? 0) / 100,
      has(p.minAmount), p.active ? 1 : 0,
    ];
    values.forEach((v, k) => { x[o + k] = Number.isFinite(v) ? v : 0; });
  });
  return { x, width };
}

/** Embeddings of every row of `x` (n × width) through one tower, row-major (n × d). */
export function towerEmbeddings(layers: RankerWeights, x: Float32Array, width: number): Float32Array {
  const n = x.length / width;
  const d = layers[layers.length - 1].outDim;
  const out = new Float32Array(n * d);
  for (let r = 0; r < n; r += 1) out.set(forward(layers, x.subarray(r * width, (r + 1) * width)), r * d);
  return out;
}

/** u · v_p + b_p for every product p (v: P × d row-major). */
export function towerLogits(u: Float32Array, v: Float32Array, bias: Float32Array): Float32Array {
  const d = u.length;
  const out = Float32Array.from(bias);
  for (let p = 0; p < bias.length; p += 1) {
    let s = 0;
    for (let j = 0; j < d; j += 1) s += u[j] * v[p * d + j];
    out[p] += s;
  }
  return out;
}

let trainings = 0;

/**
 * Train both towers on `data` (x: customer rows, y: targets, held: mask) against the product matrix
 * `items` (P × itemWidth). `validate(weights)` (higher is better) drives early stopping, or null to
 * train a fixed number of epochs (at least `minSteps` optimiser steps). Returns the best epoch's weights.
 */
export async function trainTwoTower(
  data: TrainSet, dIn: number, items: { x: Float32Array; width: number }, cfg: TwoTowerTrainConfig,
  validate: ((w: TwoTowerWeights) => number) | null,
  onEpoch?: (p: EpochProgress) => void,
): Promise<TwoTowerTrainResult> {
  const { tf, backend } = await tfRuntime();
  const started = performance.now();
  const run = (trainings += 1);
  const P = items.x.length / items.width;
  const initC = initLayers([dIn, ...cfg.hidden, cfg.dim], cfg.seed);
  const initP = initLayers([items.width, ...cfg.productHidden, cfg.dim], cfg.seed ^ 0x68e31da4);
  // The last layer of each tower is linear: shrink its He init so initial logits u·v are small.
  for (const init of [initC, initP]) {
    const last = init[init.length - 1];
    const s = 1 / Math.sqrt(cfg.dim);
    for (let i = 0; i < last.w.length; i += 1) last.w[i] *= s;
  }
  const toVars = (layers: RankerWeights, tag: string) => layers.map((l, i) => ({
    w: tf.variable(tf.tensor2d(l.w, [l.inDim, l.outDim]), true, `twotower${run}_${tag}_w${i}`),
    b: tf.variable(tf.tensor1d(l.b), true, `twotower${run}_${tag}_b${i}`),
  }));
  const cVars = toVars(initC, 'c');
  const pVars = toVars(initP, 'p');
  const bias = tf.variable(tf.zeros([P]), true, `twotower${run}_bias`);
  const itemX = tf.tensor2d(items.x, [P, items.width]);
  const optimizer = tf.train.adam(cfg.learningRate);
  const read = async (vars: typeof cVars, init: RankerWeights): Promise<RankerWeights> => Promise.all(vars.map(async (v, i) => ({
    w: Float32Array.from(await v.w.data()), b: Float32Array.from(await v.b.data()), inDim: init[i].inDim, outDim: init[i].outDim,
  })));
  type T = ReturnType<typeof tf.matMul>;
  const tower = (x: T, vars: typeof cVars, dropout: number, step: number, salt: number): T => {
    let h = x;
    vars.forEach((v, i) => {
      h = tf.add(tf.matMul(h, v.w), v.b);
      if (i + 1 < vars.length) {
        h = tf.relu(h);
        if (dropout > 0) h = tf.dropout(h, dropout, undefined, (cfg.seed * 7919 + step * 31 + i + salt) >>> 0);
      }
    });
    return h;
  };
  const model: LoopModel<TwoTowerWeights> = {
    step: (x, y, m, step) => optimizer.minimize(() => {
      const u = tower(x, cVars, cfg.dropout, step, 0);
      const v = tower(itemX, pVars, 0, step, 1000);
      const logits = tf.add(tf.add(tf.matMul(u, v, false, true), bias), m);
      const ce = tf.losses.softmaxCrossEntropy(y, logits);
      if (cfg.l2 <= 0) return ce as ReturnType<typeof tf.scalar>;
      const penalty = [...cVars, ...pVars].reduce((acc, w) => tf.add(acc, tf.sum(tf.square(w.w))), tf.scalar(0));
      return tf.add(ce, tf.mul(cfg.l2, penalty)) as ReturnType<typeof tf.scalar>;
    }, true)!,
    snapshot: async () => ({ customer: await read(cVars, initC), product: await read(pVars, initP), bias: Float32Array.from(await bias.data()) }),
  };
  try {
    const loop = await runTrainingLoop(tf, data, dIn, P, cfg, model, validate, onEpoch);
    return { weights: loop.kept[0], epochs: loop.epochs, bestEpoch: loop.bestEpoch, bestValidation: loop.bestValidation, backend, ms: performance.now() - started };
  } finally {
    for (const v of [...cVars, ...pVars]) { v.w.dispose(); v.b.dispose(); }
    bias.dispose();
    itemX.dispose();
    optimizer.dispose();
  }
}

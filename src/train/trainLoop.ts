// The mini-batch loop every learned model shares (neural ranker, two-tower): seeded shuffling each
// epoch, one optimiser step per batch on the caller's loss, the event loop yielded between batches
// (a server refitting in the background stays responsive), per-epoch progress, and early stopping on
// the caller's validation score (MAP@7) with the weights of the best `keepBest` epochs kept.
// Each model only says how a batch's loss is computed and how its weights are read back.
import type * as tfType from '@tensorflow/tfjs';
import { mulberry32 } from '../eval/split';

type Tf = typeof tfType;
type Tensor2D = tfType.Tensor2D;
type Scalar = tfType.Scalar;

/** Masked-out logits get this added: exp() of it is 0 in float32, so held products never win. */
export const MASK = -1e4;

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

export interface LoopConfig {
  batchSize: number;
  maxEpochs: number;
  /** Epochs without a better validation score before stopping. */
  patience: number;
  /** Lower bound on optimiser steps when there is no validation set (tiny data). */
  minSteps: number;
  seed: number;
  /** Keep the weights of this many best epochs (default 1). */
  keepBest?: number;
}

export interface LoopResult<W> {
  /** The best epoch's weights first, then the next best (at most keepBest); without validation, the last epoch's. */
  kept: W[];
  epochs: number;
  bestEpoch: number;
  bestValidation: number | null;
}

export interface LoopModel<W> {
  /** One optimiser step on a batch (x: b × d, y and mask: b × P, mask = MASK where held); returns the batch's mean loss. */
  step(x: Tensor2D, y: Tensor2D, mask: Tensor2D, step: number): Scalar;
  /** The current weights as plain values. */
  snapshot(): Promise<W>;
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
 * Train `model` on `data`; `validate(weights)` (higher is better) drives early stopping, or null to
 * train a fixed number of epochs (at least `minSteps` optimiser steps).
 */
export async function runTrainingLoop<W>(
  tf: Tf, data: TrainSet, dIn: number, P: number, cfg: LoopConfig, model: LoopModel<W>,
  validate: ((weights: W) => number) | null, onEpoch?: (p: EpochProgress) => void,
): Promise<LoopResult<W>> {
  const rand = mulberry32(cfg.seed ^ 0x5bd1e995);
  const batchesPerEpoch = Math.max(1, Math.ceil(data.n / cfg.batchSize));
  const epochs = validate ? cfg.maxEpochs : Math.max(cfg.maxEpochs, Math.ceil(cfg.minSteps / batchesPerEpoch));
  let kept: { weights: W; score: number }[] = [];
  let last: W | null = null;
  let bestValidation: number | null = null;
  let bestEpoch = 0;
  let epoch = 0;
  let step = 0;
  for (epoch = 1; epoch <= epochs && data.n > 0; epoch += 1) {
    const t0 = performance.now();
    const order = shuffled(data.n, rand);
    let lossSum: tfType.Tensor = tf.scalar(0);
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
      const batchStep = step;
      const next = tf.tidy(() => {
        const loss = model.step(tf.tensor2d(xb, [b, dIn]), tf.tensor2d(yb, [b, P]), tf.tensor2d(mb, [b, P]), batchStep);
        return tf.add(lossSum, tf.mul(loss, b));
      });
      lossSum.dispose();
      lossSum = next;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const meanLoss = (await lossSum.data())[0] / data.n;
    lossSum.dispose();
    // Without a validation set only the last epoch's weights are read (once, at the end).
    const weights = validate || epoch === epochs ? await model.snapshot() : null;
    const score = validate ? validate(weights!) : null;
    if (score === null) last = weights;
    else kept = [...kept, { weights: weights!, score }].sort((a, c) => c.score - a.score).slice(0, Math.max(1, cfg.keepBest ?? 1));
    if (score === null || bestValidation === null || score > bestValidation + 1e-6) {
      bestEpoch = epoch;
      bestValidation = score;
    }
    onEpoch?.({ epoch, maxEpochs: epochs, loss: meanLoss, validation: score, best: bestValidation, ms: performance.now() - t0 });
    if (validate && epoch - bestEpoch >= cfg.patience) break;
  }
  const finalWeights = kept.length > 0 ? kept.map((k) => k.weights) : [last ?? await model.snapshot()];
  return { kept: finalWeights, epochs: Math.min(epoch, epochs), bestEpoch, bestValidation };
}

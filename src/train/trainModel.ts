// `npm run train`: train the neural ranker on everything the store holds (imports, and the
// interactions and feedback logged through the API — they are interactions too), save it under
// <MODELS_DIR>/<version-id>/, and record a ModelVersion row (active unless told otherwise).
import path from 'node:path';
import type { Config } from '../config';
import { DEFAULT_NEURAL, NeuralRecommender, type NeuralConfig } from '../recommend/recommenders/neural';
import type { Db } from '../store/db';
import { loadTrainingData } from '../store/snapshot';
import { saveNeuralArtifact } from './modelArtifact';
import { newVersionId, recordModelVersion, type ModelVersionInfo } from './modelVersions';
import type { EpochProgress } from './neuralRanker';

export interface TrainOptions {
  db: Db;
  config: Pick<Config, 'MODELS_DIR' | 'MODEL_USE_AGE'>;
  seed?: number;
  activate?: boolean;
  /** Overrides of the ranker's hyper-parameters (tests use small ones). */
  neural?: Partial<NeuralConfig>;
  onEpoch?: (p: EpochProgress) => void;
  /** Called once the data is loaded, before training. */
  onData?: (d: { customers: number; examples: number; products: number }) => void;
}

export interface TrainOutcome {
  version: ModelVersionInfo;
  /** Wall time of loading + training + saving. */
  ms: number;
  trainMs: number;
  rows: number;
  rowsPerSecond: number;
  epochs: number;
  validationMap: number | null;
}

export async function trainAndRecord(options: TrainOptions): Promise<TrainOutcome> {
  const started = performance.now();
  const data = await loadTrainingData(options.db);
  const examples = data.examples.filter((e) => e.added.size > 0).length;
  options.onData?.({ customers: data.customers.length, examples, products: data.products.length });
  const config: NeuralConfig = {
    ...DEFAULT_NEURAL, useAge: options.config.MODEL_USE_AGE, ...options.neural, ...(options.seed !== undefined ? { seed: options.seed } : {}),
  };
  const model = new NeuralRecommender(config);
  model.onEpoch = options.onEpoch;
  await model.fit(data);
  const fit = model.lastFit;
  if (!fit || !model.fitted) throw new Error(`nothing to train on: the store has ${examples} customer-dates with added products`);
  const id = newVersionId();
  const dir = path.resolve(options.config.MODELS_DIR, id);
  const metrics = {
    validationMap7: fit.validationMap, epochs: fit.epochs, bestEpoch: fit.bestEpoch, rows: fit.rows,
    trainMs: Math.round(fit.ms), rowsPerSecond: Math.round(fit.rowsPerSecond),
  };
  saveNeuralArtifact(dir, model, { id, metrics, dataCustomers: data.customers.length, dataExamples: examples, backend: fit.backend });
  const version = await recordModelVersion(options.db, {
    id, kind: 'neural', params: JSON.stringify(config), dataCustomers: data.customers.length, dataExamples: examples,
    metrics: JSON.stringify(metrics), backend: fit.backend, artifactPath: dir,
  }, options.activate ?? true);
  return {
    version, ms: performance.now() - started, trainMs: fit.ms, rows: fit.rows, rowsPerSecond: fit.rowsPerSecond,
    epochs: fit.epochs, validationMap: fit.validationMap,
  };
}

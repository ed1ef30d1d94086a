// `npm run train`: train every learned recommender (neural ranker, two-tower) on everything the store
// holds (imports, and the interactions and feedback logged through the API — they are interactions
// too) or on a file's customers, learn the blend weights on held-out validation customers, save it all
// under <MODELS_DIR>/<version-id>/, and record a ModelVersion row (active unless told otherwise).
//
//   customers ─┬─ validation share (seeded) ── early stopping of each learned model, blend tuning
//              └─ the rest ──────────────────── training of every recommender
//
// The hand-built recommenders (CF, content, …) are not saved: the server refits them on its current
// data; only their blend weights come from here.
import path from 'node:path';
import { loadConfig, type Config } from '../config';
import { tuneBlend } from '../eval/tuneWeights';
import { createRecommenders, isLearned, type RecommenderSettings, type Weighted } from '../recommend/recommenders';
import type { NeuralConfig } from '../recommend/recommenders/neural';
import type { TrainingData } from '../recommend/types';
import type { Db } from '../store/db';
import { loadTrainingData } from '../store/snapshot';
import { saveModelBundle, type LearnedBlend } from './modelArtifact';
import { newVersionId, recordModelVersion, RANKING_KIND, type ModelVersionInfo } from './modelVersions';
import type { EpochProgress } from './neuralRanker';
import { validationSplit } from './validation';

export interface TrainOptions {
  db: Db;
  /** Blend weights and model settings not given here take their defaults (config.ts). */
  config: Pick<Config, 'MODELS_DIR'> & Partial<RecommenderSettings>;
  seed?: number;
  activate?: boolean;
  /** Overrides of the learned models' hyper-parameters, by recommender name (tests use small ones). */
  neural?: Partial<NeuralConfig>;
  twoTower?: Record<string, unknown>;
  /** Share of the customers held out for early stopping and blend tuning. */
  validationFraction?: number;
  /** Per epoch of each learned model; `model` is its name. */
  onEpoch?: (p: EpochProgress, model: string) => void;
  /** Each step as it starts (fitting a model, tuning the blend). */
  onStep?: (step: string) => void;
  /** What to train on instead of the store's data (e.g. a file's customers: train/trainingSource.ts). */
  data?: TrainingData;
  /** Called once the data is loaded, before training. */
  onData?: (d: { customers: number; examples: number; products: number }) => void;
}

export interface ModelReport { name: string; validationMap: number | null; epochs: number; rows: number; ms: number; rowsPerSecond: number }

export interface TrainOutcome {
  version: ModelVersionInfo;
  /** Wall time of loading + training + tuning + saving. */
  ms: number;
  /** Training time of the learned models together. */
  trainMs: number;
  models: ModelReport[];
  /** The learned blend (with its validation MAP@7), or null with too few validation customers (the configured weights apply). */
  blend: LearnedBlend | null;
}

/** Fewer validation examples than this: no early stopping, and the configured blend weights stay. */
const MIN_VALIDATION = 50;

/** The training data without the validation customers (what the hand-built recommenders fit on). */
function without(data: TrainingData, ids: ReadonlySet<string>): TrainingData {
  return {
    products: data.products,
    customers: data.customers.filter((c) => !ids.has(c.profile.id)),
    examples: data.examples.filter((e) => !ids.has(e.state.profile.id)),
  };
}

export async function trainAndRecord(options: TrainOptions): Promise<TrainOutcome> {
  const started = performance.now();
  const seed = options.seed ?? 42;
  const data = options.data ?? await loadTrainingData(options.db);
  const usable = data.examples.filter((e) => e.added.size > 0);
  options.onData?.({ customers: data.customers.length, examples: usable.length, products: data.products.length });
  if (usable.length === 0) throw new Error(`nothing to train on: there are ${data.customers.length} customers and no customer-date with added products`);

  const [, validation] = validationSplit(usable, undefined, { validationFraction: options.validationFraction ?? 0.15, minValidation: MIN_VALIDATION, seed });
  const validationCustomers = new Set(validation.map((e) => e.state.profile.id));

  const parts: Weighted[] = createRecommenders({ ...loadConfig({}), ...options.config }, {
    includeUnweighted: true,
    overrides: { neural: { ...options.neural, seed }, 'two-tower': { ...options.twoTower, seed } },
  });
  const learned = parts.map((p) => p.recommender).filter(isLearned);
  const models: ModelReport[] = [];
  for (const model of learned) {
    options.onStep?.(`fit ${model.name}`);
    (model as { onEpoch?: (p: EpochProgress) => void }).onEpoch = (p) => options.onEpoch?.(p, model.name);
    await model.fit({ ...data, validationCustomers });
    const fit = model.lastFit;
    if (!model.fitted || !fit) throw new Error(`${model.name} could not be trained on ${usable.length} customer-dates with additions`);
    models.push({ name: model.name, validationMap: fit.validationMap, epochs: fit.epochs, rows: fit.rows, ms: fit.ms, rowsPerSecond: fit.rowsPerSecond });
  }
  const handBuilt = parts.filter((p) => !isLearned(p.recommender));
  options.onStep?.(`fit ${handBuilt.map((p) => p.recommender.name).join(', ')}`);
  const rest = without(data, validationCustomers);
  for (const p of handBuilt) await p.recommender.fit(rest);

  let blend: LearnedBlend | null = null;
  if (validation.length > 0) {
    options.onStep?.(`tune blend weights on ${validation.length} validation customer-dates`);
    const tuned = tuneBlend(parts, validation.map((e) => ({ state: e.state, relevant: e.added })), data.products, 7);
    blend = { weights: tuned.weights, normalisation: tuned.normalisation, validationMap: tuned.map };
  }

  const id = newVersionId();
  const dir = path.resolve(options.config.MODELS_DIR, id);
  const trainMs = models.reduce((a, m) => a + m.ms, 0);
  const metrics = {
    validationMap7: blend?.validationMap ?? null, validationCustomers: validationCustomers.size, models, blend,
    trainMs: Math.round(trainMs),
  };
  const backend = learned.map((m) => m.lastFit?.backend).find(Boolean) ?? 'unknown';
  saveModelBundle(dir, { models: new Map(learned.map((m) => [m.name, m])), blend }, { id, metrics, dataCustomers: data.customers.length, dataExamples: usable.length, backend });
  const version = await recordModelVersion(options.db, {
    id, kind: RANKING_KIND, params: JSON.stringify(Object.fromEntries(learned.map((m) => [m.name, m.config]))),
    dataCustomers: data.customers.length, dataExamples: usable.length, metrics: JSON.stringify(metrics), backend, artifactPath: dir,
  }, options.activate ?? true);
  return { version, ms: performance.now() - started, trainMs, models, blend };
}

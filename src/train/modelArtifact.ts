// Saved model versions: a versioned directory `<MODELS_DIR>/<version-id>/` holding `model.json`:
// a format tag, every learned recommender's fitted state (config, feature layout, learned scales and
// weights; each Float32Array stored as base64 little-endian — exact, so a loaded model scores
// identically), the blend weights learned on the validation customers, and free-form metadata.
// The state of each model is whatever its `toState()` returns; this module only encodes typed arrays.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Normalisation } from '../recommend/blender';
import { NeuralRecommender, type NeuralState } from '../recommend/recommenders/neural';
import { TwoTowerRecommender, type TwoTowerState } from '../recommend/recommenders/twoTower';
import type { LearnedRecommender } from '../recommend/types';

export const ARTIFACT_FORMAT = 'finrec-models/2';
/** Format 1 held one neural ranker; it still loads (as a bundle without learned blend weights). */
const NEURAL_FORMAT_1 = 'finrec-neural/1';
export const ARTIFACT_FILE = 'model.json';

/** Blend weights (by recommender name) and normalisation chosen on validation customers at train time. */
export interface LearnedBlend { weights: Record<string, number>; normalisation: Normalisation; validationMap: number }

/** What a model version holds: learned recommenders by name, and the learned blend when there is one. */
export interface ModelBundle { models: ReadonlyMap<string, LearnedRecommender>; blend: LearnedBlend | null }

/** How each learned recommender is rebuilt from its saved state, by recommender name. */
const LOADERS: Record<string, (state: never) => LearnedRecommender> = {
  neural: (s: NeuralState) => NeuralRecommender.fromState(s),
  'two-tower': (s: TwoTowerState) => TwoTowerRecommender.fromState(s),
};

const BLEND = z.object({
  weights: z.record(z.string(), z.number().finite().min(0)).refine((w) => Object.values(w).some((v) => v > 0), 'must weight at least one recommender'),
  normalisation: z.enum(['max', 'rank']),
  validationMap: z.number().finite(),
}).nullable();

interface StoredArtifact { format: string; models: Record<string, unknown>; blend: LearnedBlend | null; meta?: Record<string, unknown> }

const TYPED = '$f32';

/** Deep copy with every Float32Array replaced by { $f32: base64, n }. */
function encode(value: unknown): unknown {
  if (value instanceof Float32Array) return { [TYPED]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'), n: value.length };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

function decode(value: unknown, where: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => decode(v, `${where}[${i}]`));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o[TYPED] === 'string') {
      const buf = Buffer.from(o[TYPED], 'base64');
      if (buf.byteLength !== Number(o.n) * 4) throw new Error(`${where} has ${buf.byteLength} bytes, expected ${Number(o.n) * 4} (${String(o.n)} float32 values)`);
      const out = new Float32Array(buf.byteLength / 4);
      new Uint8Array(out.buffer).set(buf);
      return out;
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, decode(v, `${where}.${k}`)]));
  }
  return value;
}

/** Write the fitted models and the learned blend to `dir` (created); the file appears atomically. */
export function saveModelBundle(dir: string, bundle: ModelBundle, meta: Record<string, unknown> = {}): string {
  if (bundle.models.size === 0) throw new Error('a model version needs at least one learned model');
  const models: Record<string, unknown> = {};
  for (const [name, model] of bundle.models) {
    if (!model.fitted) throw new Error(`cannot save ${name}: it has not been fitted`);
    if (!LOADERS[name]) throw new Error(`cannot save ${name}: no loader is registered for it`);
    models[name] = encode(model.toState());
  }
  const stored: StoredArtifact = { format: ARTIFACT_FORMAT, models, blend: bundle.blend, meta };
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, ARTIFACT_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(stored));
  renameSync(`${file}.tmp`, file);
  return file;
}

/** Read a saved model version back; throws a readable error for a missing, foreign or damaged artifact. */
export function loadModelBundle(dir: string): ModelBundle {
  const file = path.join(dir, ARTIFACT_FILE);
  let stored: StoredArtifact;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredArtifact;
  } catch (e) {
    throw new Error(`model artifact ${file} cannot be read: ${(e as Error).message}`);
  }
  if (!stored || typeof stored !== 'object') throw new Error(`model artifact ${file}: not a JSON object`);
  if (stored.format === NEURAL_FORMAT_1) {
    const { config, encoder, ensemble } = stored as unknown as { config: unknown; encoder: unknown; ensemble: { inDim: number; outDim: number; w: string; b: string }[][] };
    const layer = (l: { inDim: number; outDim: number; w: string; b: string }) => ({
      inDim: l.inDim, outDim: l.outDim, w: { [TYPED]: l.w, n: l.inDim * l.outDim }, b: { [TYPED]: l.b, n: l.outDim },
    });
    stored = { format: ARTIFACT_FORMAT, models: { neural: { config, encoder, ensemble: ensemble.map((m) => m.map(layer)) } }, blend: null };
  }
  if (stored?.format !== ARTIFACT_FORMAT) throw new Error(`model artifact ${file}: unknown format "${String(stored?.format)}" (expected ${ARTIFACT_FORMAT})`);
  const models = new Map<string, LearnedRecommender>();
  const entries = stored.models && typeof stored.models === 'object' ? Object.entries(stored.models) : [];
  for (const [name, state] of entries) {
    const load = LOADERS[name];
    if (!load) throw new Error(`model artifact ${file}: unknown model "${name}" (known: ${Object.keys(LOADERS).join(', ')})`);
    let model: LearnedRecommender;
    try {
      model = load(decode(state, name) as never);
    } catch (e) {
      throw new Error(`model artifact ${file}: ${name} cannot be loaded: ${(e as Error).message}`);
    }
    if (!model.fitted) throw new Error(`model artifact ${file}: ${name} has no weights`);
    models.set(name, model);
  }
  if (models.size === 0) throw new Error(`model artifact ${file} holds no model`);
  const blend = BLEND.safeParse(stored.blend ?? null);
  if (!blend.success) throw new Error(`model artifact ${file}: learned blend is invalid: ${blend.error.issues.map((i) => `${i.path.join('.') || 'blend'} ${i.message}`).join('; ')}`);
  return { models, blend: blend.data };
}


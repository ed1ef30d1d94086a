// Saved neural rankers: a versioned directory `<MODELS_DIR>/<version-id>/` holding `model.json`
// (format tag, the training config, the feature layout and learned scales, and the weights of every
// ensemble member as base64 little-endian Float32 — exact, so a loaded model scores identically).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NeuralRecommender, type NeuralState } from '../recommend/recommenders/neural';
import type { RankerWeights } from './neuralRanker';

export const ARTIFACT_FORMAT = 'finrec-neural/1';
export const ARTIFACT_FILE = 'model.json';

interface StoredLayer { inDim: number; outDim: number; w: string; b: string }
interface StoredArtifact {
  format: string;
  kind: 'neural';
  config: NeuralState['config'];
  encoder: NeuralState['encoder'];
  ensemble: StoredLayer[][];
  meta?: Record<string, unknown>;
}

const toBase64 = (a: Float32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
function fromBase64(s: string, expected: number, what: string): Float32Array {
  const buf = Buffer.from(s, 'base64');
  if (buf.byteLength !== expected * 4) throw new Error(`model artifact: ${what} has ${buf.byteLength / 4} values, expected ${expected}`);
  const out = new Float32Array(expected);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

/** Write the fitted recommender to `dir` (created); the file appears atomically. Returns the file path. */
export function saveNeuralArtifact(dir: string, model: NeuralRecommender, meta: Record<string, unknown> = {}): string {
  if (!model.fitted) throw new Error('cannot save a neural ranker that has not been fitted');
  const state = model.toState();
  const stored: StoredArtifact = {
    format: ARTIFACT_FORMAT, kind: 'neural', config: state.config, encoder: state.encoder, meta,
    ensemble: state.ensemble.map((layers) => layers.map((l) => ({ inDim: l.inDim, outDim: l.outDim, w: toBase64(l.w), b: toBase64(l.b) }))),
  };
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, ARTIFACT_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(stored));
  renameSync(`${file}.tmp`, file);
  return file;
}

/** Read a saved neural ranker back; throws a readable error for a missing or foreign artifact. */
export function loadNeuralArtifact(dir: string): NeuralRecommender {
  const file = path.join(dir, ARTIFACT_FILE);
  let stored: StoredArtifact;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredArtifact;
  } catch (e) {
    throw new Error(`model artifact ${file} cannot be read: ${(e as Error).message}`);
  }
  if (stored.format !== ARTIFACT_FORMAT) throw new Error(`model artifact ${file}: unknown format "${stored.format}" (expected ${ARTIFACT_FORMAT})`);
  const ensemble: RankerWeights[] = stored.ensemble.map((layers, m) => layers.map((l, i) => ({
    inDim: l.inDim, outDim: l.outDim,
    w: fromBase64(l.w, l.inDim * l.outDim, `member ${m} layer ${i} weights`),
    b: fromBase64(l.b, l.outDim, `member ${m} layer ${i} bias`),
  })));
  return NeuralRecommender.fromState({ config: stored.config, encoder: stored.encoder, ensemble });
}

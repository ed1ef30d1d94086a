// Keeps ProductEmbedding fresh for one embedding provider: every active product whose embedding
// for `provider.name` is missing or stale (its text hash, the provider's version or the dimension
// differ) is embedded in batches, each batch written in one transaction. Idempotent: a second run
// embeds nothing. Inactive products are not embedded (their stored rows are kept, so reactivating
// an unchanged product costs nothing). Vectors are stored L2-normalised.
import type { EmbeddingProvider } from '../llm/providers';
import type { ProductInfo } from '../recommend/types';
import type { Db } from '../store/db';
import { loadProducts } from '../store/snapshot';
import { productEmbeddingText, textHash } from './embeddingText';
import { encodeVector, normalise, vectorProblem } from './vectors';

/** Texts per provider call: USE-lite's throughput is about the same from 1 to 64 (bench/embeddings.ts). */
export const DEFAULT_BATCH_SIZE = 16;

export interface SyncOptions {
  /** Texts per provider call and per write transaction (default 16). */
  batchSize?: number;
  /** Called after each written batch: products embedded so far, of `total` to embed. */
  onProgress?: (done: number, total: number) => void;
  /** The active catalog, when the caller has just loaded it (saves a query). */
  products?: readonly ProductInfo[];
}

export interface SyncResult {
  /** Products embedded (missing or stale) by this run. */
  embedded: number;
  /** Active products whose stored embedding was already current. */
  upToDate: number;
  /** Wall time of the run, and of the provider calls alone. */
  ms: number;
  embedMs: number;
}

/** The provider's answer was unusable (wrong count or dimension, NaN, zeros): nothing of that batch is written. */
export class EmbeddingOutputError extends Error {
  override readonly name = 'EmbeddingOutputError';
}

interface Pending { productId: string; hash: string; text: string }

export async function syncProductEmbeddings(db: Db, provider: EmbeddingProvider, options: SyncOptions = {}): Promise<SyncResult> {
  const started = performance.now();
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const products = options.products ?? await loadProducts(db, { activeOnly: true });
  const stored = await db.productEmbedding.findMany({
    where: { embedder: provider.name },
    select: { productId: true, version: true, textHash: true, dimension: true },
  });
  const current = new Map(stored.map((s) => [s.productId, s]));

  const pending: Pending[] = [];
  for (const p of products) {
    if (!p.active) continue;
    const text = productEmbeddingText(p);
    const hash = textHash(text);
    const s = current.get(p.id);
    const fresh = s && s.textHash === hash && s.version === provider.version && (provider.dimension === 0 || s.dimension === provider.dimension);
    if (!fresh) pending.push({ productId: p.id, hash, text });
  }
  const upToDate = products.filter((p) => p.active).length - pending.length;

  let embedMs = 0;
  let done = 0;
  if (pending.length > 0) options.onProgress?.(0, pending.length);
  for (let i = 0; i < pending.length; i += batchSize) {
    const batch = pending.slice(i, i + batchSize);
    const t0 = performance.now();
    const vectors = await provider.embed(batch.map((b) => b.text));
    embedMs += performance.now() - t0;
    const rows = checkedRows(provider, batch, vectors);
    await db.$transaction(rows.map((r) => db.productEmbedding.upsert({
      where: { productId_embedder: { productId: r.productId, embedder: provider.name } },
      create: { ...r, embedder: provider.name },
      update: { version: r.version, textHash: r.textHash, dimension: r.dimension, vector: r.vector },
    })));
    done += batch.length;
    options.onProgress?.(done, pending.length);
  }
  return { embedded: pending.length, upToDate, ms: performance.now() - started, embedMs };
}

/** The rows to write for one batch; throws (writing nothing) when any vector is unusable. */
function checkedRows(provider: EmbeddingProvider, batch: readonly Pending[], vectors: readonly Float32Array[]) {
  if (vectors.length !== batch.length) {
    throw new EmbeddingOutputError(`embedding provider ${provider.name} returned ${vectors.length} vectors for ${batch.length} texts`);
  }
  const dimension = provider.dimension || vectors[0]?.length || 0;
  return batch.map((b, j) => {
    const problem = vectorProblem(vectors[j], dimension);
    if (problem) throw new EmbeddingOutputError(`embedding provider ${provider.name} returned an unusable vector for product ${b.productId}: ${problem}`);
    return { productId: b.productId, version: provider.version, textHash: b.hash, dimension, vector: encodeVector(normalise(vectors[j]!)) };
  });
}

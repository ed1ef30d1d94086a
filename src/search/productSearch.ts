// Semantic product search: the catalog's embeddings (kept fresh in the store by syncProductEmbeddings)
// in an in-memory EmbeddingIndex, queries embedded by the same provider (recent ones cached).
//
// `start` syncs and loads before the server listens. `refresh` re-syncs what changed and reloads; it
// is cheap when nothing did (one aggregate over products and embeddings is compared first), never
// throws (failures are logged, the current index keeps serving), and concurrent calls share runs: a
// call made while a run is in flight waits for the next run, so it always sees the store as of the
// call. When the provider is down, queries fail with ServiceUnavailableError (SERVICE_UNAVAILABLE)
// and everything else keeps working; a failed sync is retried by every later refresh.
import { LRUCache } from 'lru-cache';
import type { Logger } from '../log';
import { ProviderError, type EmbeddingProvider } from '../llm/providers';
import { InvalidInputError, ServiceUnavailableError } from '../recommend/errors';
import type { ProductCategory, ProductInfo } from '../recommend/types';
import type { Db } from '../store/db';
import { loadProducts } from '../store/snapshot';
import { EmbeddingIndex } from './embeddingIndex';
import { syncProductEmbeddings, type SyncResult } from './syncEmbeddings';
import { decodeVector, normalise, vectorProblem } from './vectors';

export const DEFAULT_SEARCH_FIRST = 10;
export const MAX_SEARCH_FIRST = 100;
export const MAX_QUERY_CHARS = 500;

export interface ProductSearchOptions {
  db: Db;
  provider: EmbeddingProvider;
  log: Logger;
  /** Called as products are embedded: done of total to embed (each sync). */
  onProgress?: (done: number, total: number) => void;
  /** Re-sync every this many seconds (products imported by another process); 0 or absent: never. */
  refreshIntervalSeconds?: number;
  /** Texts per provider call and write transaction (default 8: the local model blocks the event loop for
   *  the whole call, ~0.1–0.3 s per text, so background syncs keep batches small; throughput barely depends on it). */
  batchSize?: number;
  /** Query vectors kept (default 1,000). */
  queryCacheSize?: number;
}

export interface SearchOptions { first?: number | null; category?: ProductCategory | null }
export interface SearchHit { product: ProductInfo; score: number }

export interface RefreshOutcome {
  /** False when the store had not changed since the last successful sync (nothing done). */
  changed: boolean;
  sync: SyncResult | null;
  /** Active products in the index after the run. */
  indexed: number;
  ms: number;
  /** Why the sync failed, when it did (the index was reloaded from what the store has). */
  error?: string;
}

interface State {
  index: EmbeddingIndex;
  /** Active products by id. */
  catalog: ReadonlyMap<string, ProductInfo>;
  /** The same products, as a list. */
  products: readonly ProductInfo[];
  /** Store signature of the last successful sync; null: never synced or the last sync failed. */
  signature: string | null;
}

function checkQuery(text: string, first: number | null | undefined): { text: string; first: number } {
  const trimmed = text.trim();
  if (trimmed === '') throw new InvalidInputError('text', 'text must not be blank');
  if (trimmed.length > MAX_QUERY_CHARS) throw new InvalidInputError('text', `text must be at most ${MAX_QUERY_CHARS} characters`);
  const n = first ?? DEFAULT_SEARCH_FIRST;
  if (!Number.isInteger(n) || n < 1 || n > MAX_SEARCH_FIRST) throw new InvalidInputError('first', `first must be between 1 and ${MAX_SEARCH_FIRST}`);
  return { text: trimmed, first: n };
}

export class ProductSearch {
  private state: State = { index: new EmbeddingIndex([], 0), catalog: new Map(), products: [], signature: null };
  private running: Promise<RefreshOutcome> | null = null;
  private queued: Promise<RefreshOutcome> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly queries: LRUCache<string, Float32Array>;
  private readonly embedding = new Map<string, Promise<Float32Array>>();
  private readonly log: Logger;

  private constructor(private readonly options: ProductSearchOptions) {
    this.log = options.log.child({ module: 'search' });
    this.queries = new LRUCache({ max: options.queryCacheSize ?? 1000 });
  }

  /** Sync the catalog's embeddings, load the index, then refresh every `refreshIntervalSeconds`. */
  static async start(options: ProductSearchOptions): Promise<ProductSearch> {
    const search = new ProductSearch(options);
    await search.refresh();
    const every = options.refreshIntervalSeconds ?? 0;
    if (every > 0) {
      search.timer = setInterval(() => void search.refresh(), every * 1000);
      search.timer.unref();
    }
    return search;
  }

  get provider(): EmbeddingProvider { return this.options.provider; }

  get info(): { embedder: string; version: string; indexed: number; dimension: number; synced: boolean } {
    const { index, signature } = this.state;
    return { embedder: this.provider.name, version: this.provider.version, indexed: index.size, dimension: index.dimension, synced: signature !== null };
  }

  /** The `first` active products (of `category`) nearest to `text`, best first, with their cosine. */
  async search(text: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const q = checkQuery(text, options.first);
    const vector = await this.embedQuery(q.text); // even over an empty index: a provider that is down says so
    const { index, catalog } = this.state; // read after the await: the newest index
    if (index.size === 0) return [];
    const category = options.category ?? null;
    const inCategory = (p: ProductInfo | undefined): p is ProductInfo => !!p && (category === null || p.category === category);
    // A product named exactly (its name, code or ISIN) comes first: a semantic index ranks meaning, not names.
    const key = q.text.toLowerCase();
    const exact = this.state.products.filter((p) => inCategory(p)
      && (p.name.toLowerCase() === key || p.code.toLowerCase() === key || (p.isin ?? '').toLowerCase() === key));
    const named = new Set(exact.map((p) => p.id));
    const hits = exact.map((p) => ({ product: p, score: index.similarity(p.id, vector) ?? 1 }));
    for (const h of index.topK(vector, q.first + exact.length, (id) => !named.has(id) && inCategory(catalog.get(id)))) {
      hits.push({ product: catalog.get(h.productId)!, score: h.score });
    }
    return hits.slice(0, q.first);
  }

  /** Every active product of the current index (product lines and instruments). */
  products(): readonly ProductInfo[] {
    return this.state.products;
  }

  /** Cosine of a normalised query vector with every indexed active product (need-based recommendation). */
  scores(queryVector: Float32Array): Map<string, number> {
    const { index } = this.state;
    const out = new Map<string, number>();
    if (index.size === 0) return out;
    const all = index.scoreAll(queryVector);
    index.ids.forEach((id, i) => out.set(id, all[i]!));
    return out;
  }

  /** Cosine of one product with a normalised query vector; undefined when it is not indexed. */
  similarity(productId: string, queryVector: Float32Array): number | undefined {
    return this.state.index.similarity(productId, queryVector);
  }

  /** The normalised vector of `text` (trimmed), cached; do not mutate it. Provider failure → ServiceUnavailableError. */
  embedQuery(text: string): Promise<Float32Array> {
    const key = text.trim();
    const hit = this.queries.get(key);
    if (hit) return Promise.resolve(hit);
    let pending = this.embedding.get(key);
    if (!pending) {
      pending = this.embedOne(key).finally(() => this.embedding.delete(key));
      this.embedding.set(key, pending);
    }
    return pending;
  }

  private async embedOne(text: string): Promise<Float32Array> {
    const { name } = this.provider;
    let vectors: Float32Array[];
    try {
      vectors = await this.provider.embed([text]);
    } catch (e) {
      const why = e instanceof ProviderError ? e.code.toLowerCase().replace('_', ' ') : 'error';
      throw new ServiceUnavailableError('embeddings', `search is unavailable: the embedding provider failed (${why}); try again later`, { cause: e });
    }
    const { index } = this.state;
    const dimension = index.size > 0 ? index.dimension : this.provider.dimension || vectors[0]?.length || 0;
    const problem = vectorProblem(vectors[0], dimension);
    if (problem) throw new ServiceUnavailableError('embeddings', `search is unavailable: the embedding provider ${name} returned an unusable vector (${problem})`);
    const vector = normalise(vectors[0]!);
    this.queries.set(text, vector);
    return vector;
  }

  /** Re-sync changed products and reload the index (see the header); never throws. */
  refresh(): Promise<RefreshOutcome> {
    if (!this.running) return this.begin();
    this.queued ??= this.running.then(() => { this.queued = null; return this.running ?? this.begin(); });
    return this.queued;
  }

  private begin(): Promise<RefreshOutcome> {
    const started = performance.now();
    const run = this.run(started)
      .catch((e: unknown): RefreshOutcome => {
        this.log.error({ err: e }, 'search refresh failed; keeping the current index');
        return { changed: false, sync: null, indexed: this.state.index.size, ms: performance.now() - started, error: String(e) };
      })
      .finally(() => { if (this.running === run) this.running = null; });
    this.running = run;
    return run;
  }

  private async run(started: number): Promise<RefreshOutcome> {
    const { db, provider } = this.options;
    const catalog = await this.catalogSignature(); // read before the catalog: a write after it changes it
    if (`${catalog}|${await this.embeddingSignature()}` === this.state.signature) {
      return { changed: false, sync: null, indexed: this.state.index.size, ms: performance.now() - started };
    }
    const products = await loadProducts(db, { activeOnly: true });
    let sync: SyncResult | null = null;
    let error: string | undefined;
    try {
      sync = await syncProductEmbeddings(db, provider, { products, batchSize: this.options.batchSize ?? 8, onProgress: this.progress() });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      this.log.error({ err: e, embedder: provider.name }, 'embedding products failed; searching what is already embedded');
    }
    // The embeddings' part is read after the sync: its own writes changed it.
    const index = await this.loadIndex(products);
    const signature = sync ? `${catalog}|${await this.embeddingSignature()}` : null;
    this.state = { index, catalog: new Map(products.map((p) => [p.id, p])), products, signature };
    const ms = performance.now() - started;
    if (sync?.embedded || error) {
      this.log.info({ embedder: provider.name, embedded: sync?.embedded ?? 0, upToDate: sync?.upToDate ?? null, indexed: index.size, ms: Math.round(ms) }, 'search index loaded');
    }
    return { changed: true, sync, indexed: index.size, ms, ...(error ? { error } : {}) };
  }

  /** Progress of a sync: the caller's callback, and a log line about every 10 %. */
  private progress(): (done: number, total: number) => void {
    let nextTenth = 0;
    return (done, total) => {
      this.options.onProgress?.(done, total);
      const tenth = Math.floor((done / total) * 10);
      if (tenth < nextTenth) return;
      nextTenth = tenth + 1;
      this.log.info({ done, total, embedder: this.provider.name }, done === 0 ? `embedding ${total} products` : `embedded ${done}/${total} products`);
    };
  }

  /** Changes to the catalog or to this embedder's vectors (another process's `npm run embed`) change these. */
  private async catalogSignature(): Promise<string> {
    const p = await this.options.db.product.aggregate({ _count: { _all: true }, _max: { updatedAt: true } });
    return `${p._count._all}:${p._max.updatedAt?.getTime() ?? ''}`;
  }

  private async embeddingSignature(): Promise<string> {
    const { db, provider } = this.options;
    const e = await db.productEmbedding.aggregate({ where: { embedder: provider.name }, _count: { _all: true }, _max: { updatedAt: true } });
    return `${provider.version}:${e._count._all}:${e._max.updatedAt?.getTime() ?? ''}`;
  }

  /**
   * The stored vectors of the active products for this provider and version. A vector whose text
   * changed since (its re-embedding failed) is still loaded: close to right beats unsearchable.
   */
  private async loadIndex(products: readonly ProductInfo[]): Promise<EmbeddingIndex> {
    const { db, provider } = this.options;
    const rows = await db.productEmbedding.findMany({
      where: { embedder: provider.name, version: provider.version },
      select: { productId: true, dimension: true, vector: true },
    });
    const active = new Set(products.map((p) => p.id));
    const dimension = provider.dimension || rows[0]?.dimension || 0;
    const entries: [string, Float32Array][] = [];
    for (const r of rows) {
      if (!active.has(r.productId) || r.dimension !== dimension) continue;
      const v = decodeVector(r.vector);
      if (vectorProblem(v, dimension) === null) entries.push([r.productId, v]);
    }
    return new EmbeddingIndex(entries, dimension);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.queued;
    await this.running;
  }
}

// The scoring service: serves and logs recommendation lists from the per-customer Top-N cache, and
// is the one door for writes that change what a customer should see (each write invalidates
// exactly what it changed). The model it scores with is fitted, refitted and switched between saved
// versions by its ModelHolder (modelHolder.ts), which clears the cache on every swap; while the
// database is unavailable, the last lists served are re-served, marked stale (LastGoodLists).
// Every request reads the requested customers' stamps from the store (one query,
// src/store/customerStamps.ts), so a cached ranking is never served after another process (a second
// server, an import, an erasure) changed the customer; this process's own writes also invalidate
// directly (the fast path, which also covers rankings still being computed).
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Db } from '../store/db';
import { isStoreUnavailable, storeUnavailable } from '../store/errors';
import type { ModelVersionInfo } from '../train/modelVersions';
import { LastGoodLists, RecommendationCache, variantKey, type CachedRanking } from './cache';
import { InvalidInputError, NotFoundError } from './errors';
import { ModelHolder, type FitEngine, type Model } from './modelHolder';
import { Rankings } from './rankings';
import { exclusionsFor, logServedListsEach, sliceRanking, type ListToLog, type ServedItem, type ServedList } from './servedLists';
import { buildCustomerState } from './customerState';
import type { CustomerProfile, ProductCategory, ProductInfo, RankedItem } from './types';
import * as writes from './writes';
import { ingestInteractions, type EventProblem, type IngestResult } from '../ingest/events/ingestInteractions';

export type { FitEngine } from './modelHolder';

export interface ScoringServiceOptions {
  db: Db;
  config: Pick<Config, 'CACHE_MAX_CUSTOMERS' | 'CACHE_TTL_SECONDS' | 'REFIT_INTERVAL_SECONDS'> & Partial<Pick<Config, 'MODEL_POLL_SECONDS'>>;
  log: Logger;
  fit: FitEngine;
  /** Where relative artifact paths of model versions are resolved (MODELS_DIR); default "models". */
  modelsDir?: string;
  /** Milliseconds clock for cache TTL; injectable for tests. */
  now?: () => number;
}


/** Default and bounds of a request's list length. */
export const DEFAULT_FIRST = 7;
export const MAX_FIRST = 100;

export interface RecommendationsRequest { customerId: string; first?: number | null; category?: ProductCategory | null }
interface CheckedRequest { customerId: string; first: number; category: ProductCategory | null }

function checkRequest(r: RecommendationsRequest): CheckedRequest | Error {
  const first = r.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) return new InvalidInputError('first', `first must be between 1 and ${MAX_FIRST}`);
  return { customerId: r.customerId, first, category: r.category ?? null };
}

export interface Served {
  list: ServedList;
  cached: boolean;
  /** Re-served from the last lists kept while the database was unavailable (may be outdated). */
  stale?: boolean;
}

/** A customer FinRec knows nothing about (cold start). */
const NO_PROFILE: CustomerProfile = {
  id: '', age: null, income: null, segment: null, seniorityMonths: null, active: null, region: null,
  riskTolerance: null, investmentHorizonMonths: null, liquidityNeed: null,
};
export interface SimilarItem { productId: string; score: number; reasons: ServedItem['reasons'] }

export class ScoringService {
  /** The fitted engine and its catalog, refitted and swapped in the background (modelHolder.ts). */
  private models!: ModelHolder;
  private readonly cache: RecommendationCache;
  /** The last list served per customer and variant, re-served (stale) while the database is down. */
  private readonly lastGood: LastGoodLists;
  private readonly log: Logger;
  /** Each customer's ranking: cached, in flight, or computed (rankings.ts). */
  private readonly rankings: Rankings;

  private constructor(private readonly options: ScoringServiceOptions) {
    this.log = options.log.child({ module: 'scoring' });
    this.lastGood = new LastGoodLists(options.config.CACHE_MAX_CUSTOMERS);
    this.cache = new RecommendationCache({
      maxCustomers: options.config.CACHE_MAX_CUSTOMERS, ttlSeconds: options.config.CACHE_TTL_SECONDS, now: options.now,
    });
    this.rankings = new Rankings({ db: options.db, cache: this.cache, model: () => this.model, onMissing: (id) => this.forgetMissing(id) });
  }

  /** Fit the first engine from the store, then refit periodically in the background. */
  static async start(options: ScoringServiceOptions): Promise<ScoringService> {
    const service = new ScoringService(options);
    service.models = await ModelHolder.start({
      db: options.db, log: service.log, fit: options.fit, modelsDir: options.modelsDir ?? 'models',
      refitIntervalSeconds: options.config.REFIT_INTERVAL_SECONDS, pollSeconds: options.config.MODEL_POLL_SECONDS ?? 0,
      onSwap: () => service.cache.clear(),
    });
    return service;
  }

  /** The model requests are scored with now. */
  private get model(): Model {
    return this.models.current;
  }

  /** Switch to the model version the store has active, if it changed (ModelHolder.pollActiveVersion). */
  pollActiveVersion(): Promise<void> {
    return this.models.pollActiveVersion();
  }

  /** Every saved model version, newest first. */
  modelVersions(): Promise<ModelVersionInfo[]> {
    return this.models.modelVersions();
  }

  /** Make a saved model version the active one (or roll back) and swap the engine (ModelHolder.activateModelVersion). */
  activateModelVersion(id: string): Promise<ModelVersionInfo> {
    return this.models.activateModelVersion(id);
  }

  /** Refit from the current store and swap the new model in; concurrent calls share one refit. */
  refit(): Promise<void> {
    return this.models.refit();
  }

  stop(): Promise<void> {
    return this.models.stop();
  }

  get engineInfo(): { name: string; configHash: string; fittedAt: Date; products: number } {
    const { engine, fittedAt, catalog } = this.model;
    return { name: engine.name, configHash: engine.configHash, fittedAt, products: catalog.length };
  }

  get cacheStats(): RecommendationCache['stats'] & { size: number; staleServed: number; lastGoodCustomers: number } {
    return { ...this.cache.stats, size: this.cache.size, staleServed: this.lastGood.served, lastGoodCustomers: this.lastGood.size };
  }

  /**
   * The customer's Top-`first` (optionally of one category), logged as a served list. A cache hit
   * for a request variant already served returns that same logged list.
   */
  async recommendations(customerId: string, request: Omit<RecommendationsRequest, 'customerId'> = {}): Promise<Served> {
    const [result] = await this.recommendMany([{ customerId, ...request }]);
    if (result instanceof Error) throw result;
    return result;
  }

  /**
   * `serveMany`, and when the database is unavailable (a ranking cannot be read or a new list
   * cannot be logged) the list last served for that customer and variant, re-served with its logged
   * id and marked stale — or SERVICE_UNAVAILABLE when there is none (see LastGoodLists).
   */
  async recommendMany(requests: readonly RecommendationsRequest[]): Promise<(Served | Error)[]> {
    const results = await this.serveMany(requests).catch((e: unknown) => requests.map(() => (e instanceof Error ? e : new Error(String(e)))));
    return results.map((result, i) => {
      const { customerId, first, category } = requests[i];
      const variant = variantKey(first ?? DEFAULT_FIRST, category);
      if (!(result instanceof Error)) {
        this.lastGood.remember(customerId, variant, result.list);
        return result;
      }
      if (result instanceof NotFoundError && result.field === 'userId') this.forgetMissing(customerId);
      if (!isStoreUnavailable(result)) return result;
      const list = this.lastGood.reserve(customerId, variant);
      return list ? { list, cached: true, stale: true } : storeUnavailable(result);
    });
  }

  /**
   * Serve many requests at once (a GraphQL query with aliases) with a bounded number of store
   * round trips: one state load for every customer not cached, one write for every new list.
   * Results are aligned with `requests`; a failed request is an Error in its place.
   */
  private async serveMany(requests: readonly RecommendationsRequest[]): Promise<(Served | Error)[]> {
    const { engine } = this.model;
    const valid = requests.map(checkRequest);
    const ids = [...new Set(valid.flatMap((r) => (r instanceof Error ? [] : [r.customerId])))];
    const rankings = await this.rankings.of(ids, engine.configHash);

    // Log, in one write, every (ranking, variant) not served before; concurrent serves share it.
    const toLog: { ranking: CachedRanking; key: string; list: ListToLog }[] = [];
    for (const r of valid) {
      if (r instanceof Error) continue;
      const got = rankings.get(r.customerId);
      if (!got || got instanceof Error) continue;
      const key = variantKey(r.first, r.category);
      if (got.ranking.lists.has(key) || toLog.some((x) => x.ranking === got.ranking && x.key === key)) continue;
      toLog.push({ ranking: got.ranking, key, list: this.toListToLog(got.ranking, r) });
    }
    if (toLog.length > 0) {
      // A customer erased by another process since their stamp was read: NOT_FOUND for their lists only.
      const written = logServedListsEach(this.options.db, toLog.map((x) => x.list));
      toLog.forEach((x, i) => {
        const one = written.then((all) => { const r = all[i]; if (r instanceof Error) throw r; return r; });
        x.ranking.lists.set(x.key, one);
        one.catch(() => x.ranking.lists.delete(x.key)); // a failed write is retried by the next request
      });
    }

    return Promise.all(valid.map(async (r): Promise<Served | Error> => {
      if (r instanceof Error) return r;
      const got = rankings.get(r.customerId)!;
      if (got instanceof Error) return got;
      try {
        const { id, createdAt } = await got.ranking.lists.get(variantKey(r.first, r.category))!;
        return { cached: got.cached, list: this.toServedList(got.ranking, r, id, createdAt) };
      } catch (e) {
        return e instanceof Error ? e : new Error(String(e));
      }
    }));
  }

  /** The audit record of one request variant of a ranking (servedLists.ts writes it). */
  private toListToLog(ranking: CachedRanking, r: CheckedRequest): ListToLog {
    return {
      customerId: r.customerId, recommender: ranking.recommender, configHash: ranking.configHash,
      request: { first: r.first, category: r.category }, items: sliceRanking(ranking, r.first, r.category),
      ruleSetVersion: ranking.ruleSetVersion ?? '', modelVersion: ranking.modelVersion ?? null,
      exclusions: exclusionsFor(ranking.excluded, this.model.catalog, r.category), notices: ranking.notices ?? [],
    };
  }

  private toServedList(ranking: CachedRanking, r: CheckedRequest, id: string, servedAt: Date): ServedList {
    const excludedCount = exclusionsFor(ranking.excluded, this.model.catalog, r.category).length;
    return {
      id, userId: r.customerId, items: sliceRanking(ranking, r.first, r.category), recommender: ranking.recommender,
      configHash: ranking.configHash, modelVersion: ranking.modelVersion ?? null, generatedAt: new Date(ranking.computedAt), servedAt, excludedCount,
      request: { first: r.first, category: r.category }, ruleSetVersion: ranking.ruleSetVersion ?? '', notices: [...(ranking.notices ?? [])],
    };
  }

  /** The saved model version the current engine scores with (null: fitted in-process); audited with need-based lists. */
  get modelVersion(): string | null {
    return this.model.engine.modelVersion ?? null;
  }

  /**
   * A customer's behavioural ranking of the product lines (every suitable line, best first), from
   * the same cache as `recommendations`; `null`: a customer with no history and no profile (cold start).
   */
  async lineRanking(customerId: string | null): Promise<readonly RankedItem[]> {
    const { engine, catalog } = this.model;
    if (customerId === null) return engine.recommend(buildCustomerState(NO_PROFILE, []), catalog, { first: catalog.length, category: null }).items;
    const got = (await this.rankings.of([customerId], engine.configHash)).get(customerId);
    if (got instanceof Error) throw got;
    if (!got) throw new NotFoundError('userId', 'User', customerId);
    return got.ranking.items;
  }

  /** Products most like `productId` (never itself), from the current engine. */
  async similarProducts(productId: string, first: number | null = null): Promise<SimilarItem[]> {
    const n = first ?? 5;
    if (!Number.isInteger(n) || n < 1 || n > MAX_FIRST) throw new InvalidInputError('first', `first must be between 1 and ${MAX_FIRST}`);
    const { engine, catalog } = this.model;
    if (!(await this.options.db.product.findUnique({ where: { id: productId }, select: { id: true } }))) {
      throw new NotFoundError('productId', 'Product', productId);
    }
    return engine.similarProducts(productId, catalog, n)
      .map((s) => ({ productId: s.product.id, score: s.score, reasons: s.reasons }));
  }

  /** The customer changed: their next request recomputes from fresh state. */
  invalidate(customerId: string): void {
    this.cache.invalidate(customerId);
  }

  /** The customer is erased: nothing of theirs is kept, not even for serving while the database is down. */
  forget(customerId: string): void {
    this.cache.invalidate(customerId);
    this.lastGood.forget(customerId);
  }

  /**
   * The store has no such customer (erased by another process, or never known): drop what is held
   * of them. Unlike `forget` this leaves no invalidation marker, so requests for unknown ids cannot
   * push real markers out of the bounded marker cache.
   */
  private forgetMissing(customerId: string): void {
    this.cache.drop(customerId);
    this.lastGood.forget(customerId);
  }

  async recordInteraction(input: writes.InteractionInput) {
    const { interaction, replayed } = await writes.recordInteractionOnce(this.options.db, input);
    if (!replayed) this.invalidate(input.userId); // a retry changed nothing
    return interaction;
  }

  /** A partner's batch of events, all or nothing (src/ingest/events); each customer written to is invalidated once. */
  async ingestInteractions(events: readonly writes.InteractionInput[], shapeProblems: readonly EventProblem[] = []): Promise<IngestResult> {
    const result = await ingestInteractions(this.options.db, events, { shapeProblems });
    for (const id of result.customers) this.invalidate(id);
    return result;
  }

  async submitFeedback(input: writes.FeedbackInput): Promise<writes.FeedbackResult> {
    const result = await writes.submitFeedback(this.options.db, input);
    if (!result.replayed) this.invalidate(input.userId);
    return result;
  }

  async upsertUser(input: writes.UserInput) {
    const customer = await writes.upsertUser(this.options.db, input);
    this.invalidate(input.id);
    return customer;
  }

  /** A catalog change affects every customer: reload the catalog and clear the whole cache. */
  async upsertProduct(input: writes.ProductInput): Promise<ProductInfo> {
    const product = await writes.upsertProduct(this.options.db, input);
    await this.models.catalogChanged();
    return product;
  }
}

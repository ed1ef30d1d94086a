// The scoring service: owns the fitted engine and the per-customer Top-N cache, serves and logs
// recommendation lists, and is the one door for writes that change what a customer should see
// (each write invalidates exactly what it changed).
//
// The engine is fitted at start from the store and refitted in the background every
// REFIT_INTERVAL_SECONDS; a refit never blocks requests: requests keep using the current model
// until the new one is swapped in (one assignment), and the cache is cleared on the swap.
// Every MODEL_POLL_SECONDS it also checks which saved model version is active in the store and
// switches to a new one (activated by `npm run train` in another process) the same way.
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Db } from '../store/db';
import { isStoreUnavailable, storeUnavailable } from '../store/errors';
import {
  activateModelVersion, activeModelVersion, activeModelVersionId, findModelVersion, listModelVersions, type ModelVersionInfo,
} from '../train/modelVersions';
import type { Pretrained } from './pipeline';
import { loadCustomerStates, loadProducts, loadTrainingData } from '../store/snapshot';
import { LastGoodLists, RecommendationCache, variantKey, type CachedRanking } from './cache';
import type { RecommendationEngine } from './engine';
import { InvalidInputError, NotFoundError } from './errors';
import { ModelVersionLoader } from './modelLoader';
import { exclusionsFor, logServedLists, sliceRanking, type ListToLog, type ServedItem, type ServedList } from './servedLists';
import { buildCustomerState } from './customerState';
import type { CustomerProfile, ProductCategory, ProductInfo, RankedItem, TrainingData } from './types';
import * as writes from './writes';
import { ingestInteractions, type EventProblem, type IngestResult } from '../ingest/events/ingestInteractions';

/** Fit an engine on the store's data; `pretrained` is the active saved model version, loaded, when there is one. */
export type FitEngine = (data: TrainingData, pretrained?: Pretrained | null) => RecommendationEngine | Promise<RecommendationEngine>;

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

/**
 * What a request is scored with: swapped as a whole, never mutated. `activeVersion` is the saved
 * version the store had active when it was fitted (the engine may score with an older one if that
 * one's artifact could not be loaded).
 */
interface Model { engine: RecommendationEngine; catalog: readonly ProductInfo[]; fittedAt: Date; activeVersion: string | null }

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
  private model!: Model;
  private readonly cache: RecommendationCache;
  /** The last list served per customer and variant, re-served (stale) while the database is down. */
  private readonly lastGood: LastGoodLists;
  private readonly log: Logger;
  private refitting: Promise<void> | null = null;
  /** Bumped by every catalog write, so a refit that read the catalog before one keeps the newer catalog. */
  private catalogEpoch = 0;
  /**
   * Catalog reloads run one after the other: a reload that started later (after a later write)
   * is applied later, so two writes' reloads finishing out of order can never put back the older
   * catalog (they did: a product deactivated by the second write was recommended again).
   */
  private catalogReload: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  /** The poll in progress, if any (polls never overlap). */
  private polling: Promise<void> | null = null;
  /** The active version (null: none) the poll last failed to switch to: not retried until the store changes. */
  private pollGaveUp: string | null | undefined = undefined;
  private readonly versions: ModelVersionLoader;
  /** Model activations run one after the other (the last one requested wins). */
  private activation: Promise<unknown> = Promise.resolve();
  /** Rankings being computed, per customer and cache version, so concurrent misses compute once. */
  private readonly computing = new Map<string, Promise<CachedRanking>>();

  private constructor(private readonly options: ScoringServiceOptions) {
    this.log = options.log.child({ module: 'scoring' });
    this.versions = new ModelVersionLoader(options.modelsDir ?? 'models', this.log);
    this.lastGood = new LastGoodLists(options.config.CACHE_MAX_CUSTOMERS);
    this.cache = new RecommendationCache({
      maxCustomers: options.config.CACHE_MAX_CUSTOMERS, ttlSeconds: options.config.CACHE_TTL_SECONDS, now: options.now,
    });
  }

  /** Fit the first engine from the store, then refit periodically in the background. */
  static async start(options: ScoringServiceOptions): Promise<ScoringService> {
    const service = new ScoringService(options);
    service.model = await service.fitModel();
    const every = options.config.REFIT_INTERVAL_SECONDS;
    if (every > 0) {
      service.timer = setInterval(() => void service.refit(), every * 1000);
      service.timer.unref();
    }
    const poll = options.config.MODEL_POLL_SECONDS ?? 0;
    if (poll > 0) {
      service.pollTimer = setInterval(() => void service.pollActiveVersion(), poll * 1000);
      service.pollTimer.unref();
    }
    return service;
  }

  private async fitModel(): Promise<Model> {
    const started = Date.now();
    const data = await loadTrainingData(this.options.db);
    const active = await activeModelVersion(this.options.db);
    const pretrained = this.versions.forActive(active);
    this.log.info({ customers: data.customers.length, modelVersion: pretrained?.version ?? null },
      pretrained ? 'fitting the engine with the saved model version'
        : 'fitting the engine; no model version is active, so weighted learned models are trained in-process (a minute or more; `npm run train` saves a version)');
    const engine = await this.options.fit(data, pretrained);
    const catalog = data.products.filter((p) => p.active);
    this.log.info({ engine: engine.name, configHash: engine.configHash, modelVersion: engine.modelVersion ?? null, customers: data.customers.length,
      products: catalog.length, ms: Date.now() - started }, 'engine fitted');
    return { engine, catalog, fittedAt: new Date(), activeVersion: active?.id ?? null };
  }

  /**
   * Switch to the version the store has active when it is not the one the current model was fitted
   * with (activated by another process: `npm run train`, or a rollback done in the database). The
   * artifact is loaded first: one that cannot be loaded is logged and skipped until the active
   * version changes again, and the current model keeps serving. Polls never overlap.
   */
  pollActiveVersion(): Promise<void> {
    this.polling ??= this.checkActiveVersion()
      .catch((e: unknown) => { this.log.error({ err: e }, 'model version check failed'); })
      .finally(() => { this.polling = null; });
    return this.polling;
  }

  private async checkActiveVersion(): Promise<void> {
    const id = await activeModelVersionId(this.options.db);
    if (id === this.model.activeVersion || id === this.pollGaveUp) return;
    const run = this.activation.catch(() => undefined).then(async () => {
      const active = await activeModelVersion(this.options.db);
      const target = active?.id ?? null;
      if (target === this.model.activeVersion) return; // switched meanwhile (the mutation)
      if (active && this.versions.forActive(active)?.version !== target) { this.pollGaveUp = target; return; } // cannot be loaded: logged
      this.log.info({ modelVersion: target, previous: this.model.activeVersion }, 'active model version changed in the store; switching');
      await this.refitting; // a refit in flight read the previous active version: refit again after it
      await this.refit();
      if (this.model.activeVersion !== target) {
        this.pollGaveUp = target; // the refit failed (logged): no refit every poll; the next change or refit tries again
        this.log.warn({ modelVersion: target }, 'could not switch to the active model version; keeping the current model');
      }
    });
    this.activation = run;
    await run;
  }

  /** Every saved model version, newest first. */
  modelVersions(): Promise<ModelVersionInfo[]> {
    return listModelVersions(this.options.db);
  }

  /**
   * Make a saved model version the active one (or roll back to an older one) and swap the engine:
   * requests keep the current engine until the new one is ready, then every list is scored (and
   * reports being scored) with this version; the cache is cleared on the swap. The artifact is
   * loaded before the store is changed, so a missing or broken artifact changes nothing.
   */
  activateModelVersion(id: string): Promise<ModelVersionInfo> {
    const run = this.activation.catch(() => undefined).then(async () => {
      const found = await findModelVersion(this.options.db, id);
      if (found) this.versions.forActivation(found); // loaded before the store changes; a damaged one is refused
      const activated = await activateModelVersion(this.options.db, id);
      await this.refitting; // a refit in flight read the previous active version: refit again after it
      await this.refit();
      if (this.model.engine.modelVersion !== activated.id) {
        this.log.warn({ modelVersion: activated.id, engine: this.model.engine.modelVersion }, 'activated version is not in use (WEIGHT_NEURAL=0 or the refit failed)');
      }
      return activated;
    });
    this.activation = run;
    return run;
  }

  /** Refit from the current store and swap the new model in; concurrent calls share one refit. */
  refit(): Promise<void> {
    const epoch = this.catalogEpoch;
    this.refitting ??= this.fitModel()
      .then((model) => {
        // A catalog write since the fit read the store: the catalog kept by the reloads is newer
        // (and a reload still queued will be applied onto this model after it).
        this.model = epoch !== this.catalogEpoch ? { ...model, catalog: this.model.catalog } : model;
        this.cache.clear();
      })
      .catch((e: unknown) => { this.log.error({ err: e }, 'refit failed; keeping the current engine'); })
      .finally(() => { this.refitting = null; });
    return this.refitting;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.timer = null;
    this.pollTimer = null;
    await this.polling;
    await this.refitting;
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
    const rankings = await this.rankings(ids, engine.configHash);

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
      const written = logServedLists(this.options.db, toLog.map((x) => x.list));
      toLog.forEach((x, i) => {
        const one = written.then((all) => all[i]);
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

  /** Each customer's ranking: from the cache, joined to a computation in flight, or computed (all misses at once). */
  private async rankings(ids: readonly string[], configHash: string): Promise<Map<string, { ranking: CachedRanking; cached: boolean } | Error>> {
    const out = new Map<string, { ranking: CachedRanking; cached: boolean } | Error>();
    const version = this.cache.begin();
    const waiting: [string, Promise<CachedRanking>][] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const hit = this.cache.lookup(id, configHash).entry;
      if (hit) out.set(id, { ranking: hit, cached: true });
      else if (this.computing.has(`${id}@${version}`)) waiting.push([id, this.computing.get(`${id}@${version}`)!]);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const batch = this.computeRankings(missing, version);
      for (const id of missing) {
        const key = `${id}@${version}`;
        const one = batch.then((m) => { const r = m.get(id)!; if (r instanceof Error) throw r; return r; });
        this.computing.set(key, one);
        one.catch(() => undefined).finally(() => this.computing.delete(key));
        waiting.push([id, one]);
      }
    }
    for (const [id, p] of waiting) {
      try { out.set(id, { ranking: await p, cached: false }); } catch (e) { out.set(id, e instanceof Error ? e : new Error(String(e))); }
    }
    return out;
  }

  /** Load the customers' fresh states (one round trip) and rank the whole suitable catalog for each. */
  private async computeRankings(ids: readonly string[], version: number): Promise<Map<string, CachedRanking | Error>> {
    const { engine, catalog } = this.model;
    const states = await loadCustomerStates(this.options.db, ids);
    const out = new Map<string, CachedRanking | Error>();
    for (const id of ids) {
      const state = states.get(id);
      if (!state) { out.set(id, new NotFoundError('userId', 'User', id)); continue; }
      const ranked = engine.recommend(state, catalog, { first: catalog.length, category: null });
      const entry: CachedRanking = {
        customerId: id, items: ranked.items, excluded: ranked.excluded, recommender: ranked.recommender,
        configHash: ranked.configHash, modelVersion: ranked.modelVersion ?? null, computedAt: this.cache.time(), version, lists: new Map(),
        ruleSetVersion: ranked.ruleSetVersion ?? '', notices: ranked.notices ?? [],
      };
      this.cache.set(entry); // refused when the customer changed while we computed
      out.set(id, entry);
    }
    return out;
  }

  /**
   * A customer's behavioural ranking of the product lines (every suitable line, best first), from
   * the same cache as `recommendations`; `null`: a customer with no history and no profile (cold start).
   */
  async lineRanking(customerId: string | null): Promise<readonly RankedItem[]> {
    const { engine, catalog } = this.model;
    if (customerId === null) return engine.recommend(buildCustomerState(NO_PROFILE, []), catalog, { first: catalog.length, category: null }).items;
    const got = (await this.rankings([customerId], engine.configHash)).get(customerId);
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
    this.catalogEpoch += 1;
    await this.reloadCatalog();
    return product;
  }

  /** Read the active catalog (queued behind any reload in progress), apply it, drop every cached ranking. */
  private reloadCatalog(): Promise<void> {
    const next = this.catalogReload.catch(() => undefined).then(async () => {
      const catalog = await loadProducts(this.options.db, { activeOnly: true, linesOnly: true });
      this.model = { ...this.model, catalog };
      this.cache.clear();
    });
    this.catalogReload = next;
    return next;
  }
}

// Each customer's full ranking of the suitable catalog, for every request of the scoring service:
// from the Top-N cache when its entry is still valid for the customer's stamp in the store (so a
// change written by another process is honoured), joined to a computation already in flight, or
// computed — every miss of a request in one state load.
import type { Db } from '../store/db';
import { customerStamps } from '../store/customerStamps';
import { loadCustomerStates } from '../store/snapshot';
import type { CachedRanking, RecommendationCache } from './cache';
import { NotFoundError } from './errors';
import type { Model } from './modelHolder';

export type RankingResult = { ranking: CachedRanking; cached: boolean } | Error;

export interface RankingsDeps {
  db: Db;
  cache: RecommendationCache;
  /** The model to compute with (swapped by the ModelHolder). */
  model: () => Model;
  /** The store has no such customer (unknown or erased): the caller drops what it holds of them. */
  onMissing: (customerId: string) => void;
}

export class Rankings {
  /** Rankings being computed, per customer, cache version and stamp, so concurrent misses compute once. */
  private readonly computing = new Map<string, Promise<CachedRanking>>();

  constructor(private readonly deps: RankingsDeps) {}

  /**
   * Each customer's ranking: from the cache, joined to a computation in flight, or computed (all
   * misses at once). The customers' stamps are read first, in one query: an entry computed from
   * another stamp is recomputed, a customer without one (unknown, erased) is NOT_FOUND. When the
   * store cannot be read this throws, and ScoringService.recommendMany re-serves the last lists, marked stale.
   */
  async of(ids: readonly string[], configHash: string): Promise<Map<string, RankingResult>> {
    const out = new Map<string, RankingResult>();
    const version = this.deps.cache.begin(); // before the stamps: an invalidation from now on refuses what we compute
    const stamps = await customerStamps(this.deps.db, ids);
    const waiting: [string, Promise<CachedRanking>][] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const stamp = stamps.get(id);
      if (stamp === undefined) {
        this.deps.onMissing(id);
        out.set(id, new NotFoundError('userId', 'User', id));
        continue;
      }
      const hit = this.deps.cache.lookup(id, configHash, stamp).entry;
      // A computation in flight is joined only when it started from the same stamp and cache version.
      const key = `${id}@${version}@${stamp}`;
      if (hit) out.set(id, { ranking: hit, cached: true });
      else if (this.computing.has(key)) waiting.push([id, this.computing.get(key)!]);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const batch = this.compute(missing, version, stamps);
      for (const id of missing) {
        const key = `${id}@${version}@${stamps.get(id)}`;
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

  /**
   * Load the customers' fresh states (one round trip) and rank the whole suitable catalog for each;
   * `stamps` were read before the states, so a write in between leaves the entry's stamp older than
   * its state (one recompute too many, never a stale serve).
   */
  private async compute(ids: readonly string[], version: number, stamps: ReadonlyMap<string, string>): Promise<Map<string, CachedRanking | Error>> {
    const { engine, catalog } = this.deps.model();
    const states = await loadCustomerStates(this.deps.db, ids);
    const out = new Map<string, CachedRanking | Error>();
    for (const id of ids) {
      const state = states.get(id);
      if (!state) { out.set(id, new NotFoundError('userId', 'User', id)); continue; }
      const ranked = engine.recommend(state, catalog, { first: catalog.length, category: null });
      const entry: CachedRanking = {
        customerId: id, items: ranked.items, excluded: ranked.excluded, recommender: ranked.recommender,
        configHash: ranked.configHash, modelVersion: ranked.modelVersion ?? null, computedAt: this.deps.cache.time(), version, stamp: stamps.get(id), lists: new Map(),
        ruleSetVersion: ranked.ruleSetVersion ?? '', notices: ranked.notices ?? [],
      };
      this.deps.cache.set(entry); // refused when the customer changed while we computed
      out.set(id, entry);
    }
    return out;
  }
}

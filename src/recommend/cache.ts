// Per-customer Top-N cache of the scoring service (cf. Gorse's per-user recommendation cache).
//
// One entry holds a customer's FULL suitable ranking (every product that passed the gate, best
// first), computed once with no category and a large `first`; each request variant
// (first, category) is a slice of it. The entry also remembers, per variant, the id of the
// served list that was logged for it, so a cached serve returns the list already logged.
//
// An entry may be served only when it passes every staleness check, in this order:
//   1. missing      — nothing cached for the customer (never computed, or evicted by the LRU bound);
//   2. expired      — older than the TTL (CACHE_TTL_SECONDS);
//   3. config       — computed by an engine whose config digest differs from the current one;
//   4. invalidated  — the customer changed (interaction, feedback, profile) or the catalog changed
//                     after the computation started, through THIS process (the fast path);
//   5. changed      — the customer's stamp in the store (src/store/customerStamps.ts, read by the
//                     scoring service on every request) differs from the one read before the
//                     ranking's state was loaded: a change made by another process (a second API
//                     server, an import), which check 4 cannot know about.
// Check 4 compares versions, not times: `begin()` hands out the version a computation starts
// from; `invalidate()` marks the customer's entry and remembers the version, and `set()` refuses
// an entry whose customer was invalidated meanwhile, so a ranking computed from state read
// before a DISMISS can never be served after it.
import { LRUCache } from 'lru-cache';
import type { ServedList } from './servedLists';
import type { Exclusion, Notice, ProductCategory, RankedItem } from './types';

/** A served list as it was logged (RecommendationList row) for one request variant. */
export interface LoggedList { id: string; createdAt: Date }

export interface CachedRanking {
  customerId: string;
  /** Every suitable product, best first. */
  items: readonly RankedItem[];
  excluded: readonly Exclusion[];
  recommender: string;
  configHash: string;
  /** The saved model version the ranking was scored with (null: fitted in-process). */
  modelVersion?: string | null;
  /** Version of the suitability rule set that gated it (audited with every list served from it). */
  ruleSetVersion?: string;
  /** List-level notices of the ranking (e.g. NO_RISK_PROFILE), served and audited with each list. */
  notices?: readonly Notice[];
  /** Clock time of the computation (check 2). */
  computedAt: number;
  /** Cache version the computation started from (check 4). */
  version: number;
  /** Set when the customer changed after the entry was stored (check 4). */
  invalidatedAt?: number;
  /** The customer's store stamp read BEFORE their state was loaded (check 5): a write racing the
   *  computation leaves the stamp older than the state, never newer, so it only costs a recompute. */
  stamp?: string;
  /** Logged list per request variant (see variantKey); a promise so concurrent serves share one. */
  lists: Map<string, Promise<LoggedList>>;
}

export type StaleReason = 'missing' | 'expired' | 'config' | 'invalidated' | 'changed';

export type Lookup = { entry: CachedRanking; stale: null } | { entry: null; stale: StaleReason };

export interface CacheOptions {
  maxCustomers: number;
  ttlSeconds: number;
  /** Milliseconds clock; injectable for tests. */
  now?: () => number;
}

export function variantKey(first: number, category: ProductCategory | null | undefined): string {
  return `${first}|${category ?? '*'}`;
}

export class RecommendationCache {
  private readonly entries: LRUCache<string, CachedRanking>;
  /** Customer → version at which they were last invalidated. */
  private readonly invalidatedAt: LRUCache<string, number>;
  /** Version at which everything was last invalidated (catalog change, engine swap). */
  private clearedAt = 0;
  private versionCounter = 0;
  private readonly ttlMs: number;
  private readonly now: () => number;
  readonly stats = { hits: 0, missing: 0, expired: 0, config: 0, invalidated: 0, changed: 0 };

  constructor(options: CacheOptions) {
    this.ttlMs = options.ttlSeconds * 1000;
    this.now = options.now ?? Date.now;
    // The LRU's own TTL only reclaims memory; check 2 below decides with the injectable clock.
    this.entries = new LRUCache({ max: options.maxCustomers, ttl: this.ttlMs });
    // A marker matters only while a computation that started before it may still finish.
    this.invalidatedAt = new LRUCache({ max: options.maxCustomers, ttl: this.ttlMs });
  }

  /** The version a computation starts from; pass it to `set`. */
  begin(): number {
    return this.versionCounter;
  }

  /** The first staleness check that fails, or the entry when all pass; `stamp`: the customer's stamp now (check 5). */
  lookup(customerId: string, configHash: string, stamp?: string): Lookup {
    const entry = this.entries.get(customerId, { allowStale: true });
    const stale = this.check(entry, customerId, configHash, stamp);
    if (stale) {
      this.stats[stale] += 1;
      if (entry) this.entries.delete(customerId);
      return { entry: null, stale };
    }
    this.stats.hits += 1;
    return { entry: entry!, stale: null };
  }

  private check(entry: CachedRanking | undefined, customerId: string, configHash: string, stamp: string | undefined): StaleReason | null {
    if (!entry) return 'missing'; // 1
    if (this.now() - entry.computedAt >= this.ttlMs) return 'expired'; // 2
    if (entry.configHash !== configHash) return 'config'; // 3
    if (entry.invalidatedAt !== undefined || this.isInvalidatedSince(customerId, entry.version)) return 'invalidated'; // 4
    if (stamp !== undefined && entry.stamp !== stamp) return 'changed'; // 5
    return null;
  }

  private isInvalidatedSince(customerId: string, version: number): boolean {
    return Math.max(this.clearedAt, this.invalidatedAt.get(customerId) ?? 0) > version;
  }

  /** Store an entry unless its customer was invalidated after `entry.version`; returns whether stored. */
  set(entry: CachedRanking): boolean {
    if (this.isInvalidatedSince(entry.customerId, entry.version)) return false;
    this.entries.set(entry.customerId, entry);
    return true;
  }

  /** The customer changed: their entry, and any ranking being computed from older state, is stale. */
  invalidate(customerId: string): void {
    this.versionCounter += 1;
    this.invalidatedAt.set(customerId, this.versionCounter);
    const entry = this.entries.peek(customerId, { allowStale: true });
    if (entry) entry.invalidatedAt = this.versionCounter;
  }

  /** Drop the customer's entry, if any (they no longer exist); no invalidation marker is left. */
  drop(customerId: string): void {
    this.entries.delete(customerId);
  }

  /** Everything changed (catalog, engine): drop every entry and every computation in flight. */
  clear(): void {
    this.versionCounter += 1;
    this.clearedAt = this.versionCounter;
    this.entries.clear();
    this.invalidatedAt.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Clock time used for `computedAt`. */
  time(): number {
    return this.now();
  }
}

/**
 * The last list served to each customer for each request variant — kept past the TTL, past an
 * invalidation and past a clear, bounded only by the LRU — for when the database is unavailable:
 * a new list can then be neither computed reliably nor logged, and every served list must be
 * logged, so the scoring service re-serves the list ALREADY logged for that variant (same id),
 * marked stale. A variant never served has nothing to re-serve. A customer whose own data changed
 * since (a DISMISS, a new profile) still gets it, marked stale like any other: the flag tells the
 * client the list may be outdated. Erasure forgets the customer (`forget`).
 */
export class LastGoodLists {
  private readonly lists: LRUCache<string, Map<string, ServedList>>;
  /** Lists re-served stale since start. */
  served = 0;

  constructor(maxCustomers: number) {
    this.lists = new LRUCache({ max: maxCustomers });
  }

  /** A list was served fresh (and is logged under `list.id`). */
  remember(customerId: string, variant: string, list: ServedList): void {
    let byVariant = this.lists.get(customerId);
    if (!byVariant) this.lists.set(customerId, (byVariant = new Map()));
    byVariant.set(variant, list);
  }

  /** The list to re-serve for this variant, if one was served before; counts the stale serve. */
  reserve(customerId: string, variant: string): ServedList | undefined {
    const list = this.lists.get(customerId)?.get(variant);
    if (list) this.served += 1;
    return list;
  }

  forget(customerId: string): void {
    this.lists.delete(customerId);
  }

  get size(): number {
    return this.lists.size;
  }
}

import { describe, expect, it } from 'vitest';
import { RecommendationCache, variantKey, type CachedRanking } from '../../src/recommend/cache';

function entry(cache: RecommendationCache, customerId: string, configHash = 'h1', version = cache.begin()): CachedRanking {
  return { customerId, items: [], excluded: [], recommender: 'r', configHash, computedAt: cache.time(), version, lists: new Map() };
}

describe('RecommendationCache staleness checks', () => {
  const make = (max = 10) => {
    let now = 1_000_000;
    const cache = new RecommendationCache({ maxCustomers: max, ttlSeconds: 60, now: () => now });
    return { cache, advance: (ms: number) => { now += ms; } };
  };

  it('serves a fresh entry and counts the hit', () => {
    const { cache } = make();
    cache.set(entry(cache, 'a'));
    expect(cache.lookup('a', 'h1').stale).toBeNull();
    expect(cache.stats.hits).toBe(1);
  });

  it('check 1: missing', () => {
    const { cache } = make();
    expect(cache.lookup('a', 'h1')).toEqual({ entry: null, stale: 'missing' });
  });

  it('check 2: expired after the TTL (and only then)', () => {
    const { cache, advance } = make();
    cache.set(entry(cache, 'a'));
    advance(59_999);
    expect(cache.lookup('a', 'h1').stale).toBeNull();
    advance(1);
    expect(cache.lookup('a', 'h1').stale).toBe('expired');
    expect(cache.lookup('a', 'h1').stale).toBe('missing'); // dropped on the failed check
  });

  it('check 3: the engine config digest changed', () => {
    const { cache } = make();
    cache.set(entry(cache, 'a', 'h1'));
    expect(cache.lookup('a', 'h2').stale).toBe('config');
  });

  it('check 4: the customer was invalidated after the entry was stored', () => {
    const { cache } = make();
    cache.set(entry(cache, 'a'));
    cache.set(entry(cache, 'b'));
    cache.invalidate('a');
    expect(cache.lookup('a', 'h1').stale).toBe('invalidated');
    expect(cache.lookup('b', 'h1').stale).toBeNull(); // other customers untouched
  });

  it('check 4: a ranking computed from state read before an invalidation is never stored', () => {
    const { cache } = make();
    const version = cache.begin(); // computation starts, reads state …
    cache.invalidate('a'); // … a DISMISS lands meanwhile …
    expect(cache.set(entry(cache, 'a', 'h1', version))).toBe(false); // … its result is refused
    expect(cache.lookup('a', 'h1').stale).toBe('missing');
    expect(cache.set(entry(cache, 'a'))).toBe(true); // a computation started afterwards is fine
  });

  it('clear() drops every entry and every computation in flight', () => {
    const { cache } = make();
    const version = cache.begin();
    cache.set(entry(cache, 'a'));
    cache.clear();
    expect(cache.lookup('a', 'h1').stale).toBe('missing');
    expect(cache.set(entry(cache, 'b', 'h1', version))).toBe(false);
  });

  it('is bounded: the least recently used customer is evicted', () => {
    const { cache } = make(2);
    cache.set(entry(cache, 'a'));
    cache.set(entry(cache, 'b'));
    cache.lookup('a', 'h1');
    cache.set(entry(cache, 'c'));
    expect(cache.size).toBe(2);
    expect(cache.lookup('b', 'h1').stale).toBe('missing');
    expect(cache.lookup('a', 'h1').stale).toBeNull();
  });

  it('names request variants by length and category', () => {
    expect(variantKey(7, null)).toBe(variantKey(7, undefined));
    expect(variantKey(7, 'FUND')).not.toBe(variantKey(7, null));
    expect(variantKey(3, null)).not.toBe(variantKey(7, null));
  });
});

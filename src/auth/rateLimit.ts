// Per-caller rate limit: a token bucket per API key (per remote address for requests without a
// valid key), refilled continuously at RATE_LIMIT_PER_MINUTE / 60 tokens a second up to
// RATE_LIMIT_BURST. Buckets live in an LRU: an idle bucket refills to full, so dropping it after
// that long loses nothing, and a flood of distinct callers cannot grow memory without bound.
import { LRUCache } from 'lru-cache';

export interface RateLimitOptions {
  /** Sustained requests per minute; 0 = no limit. */
  perMinute: number;
  /** Requests allowed at once from a full bucket; defaults to a minute's worth. */
  burst?: number;
  /** Buckets kept (callers tracked at once). */
  maxCallers?: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket { tokens: number; at: number }

export class RateLimiter {
  private readonly perMs: number;
  private readonly burst: number;
  private readonly buckets: LRUCache<string, Bucket> | null;

  constructor(options: RateLimitOptions) {
    this.perMs = options.perMinute / 60_000;
    this.burst = Math.max(1, options.burst || options.perMinute);
    this.buckets = options.perMinute > 0
      ? new LRUCache<string, Bucket>({ max: options.maxCallers ?? 100_000, ttl: Math.ceil(this.burst / this.perMs) })
      : null;
  }

  get enabled(): boolean { return this.buckets !== null; }

  /** Takes one token from `caller`'s bucket, or says how long until one is back. */
  take(caller: string, now = Date.now()): RateDecision {
    if (!this.buckets) return { ok: true };
    const b = this.buckets.get(caller) ?? { tokens: this.burst, at: now };
    const tokens = Math.min(this.burst, b.tokens + (now - b.at) * this.perMs);
    if (tokens >= 1) {
      this.buckets.set(caller, { tokens: tokens - 1, at: now });
      return { ok: true };
    }
    this.buckets.set(caller, { tokens, at: now });
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
  }
}

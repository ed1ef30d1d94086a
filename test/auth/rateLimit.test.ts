// The per-key rate limit: a token bucket per API key (per address without a valid key). Over it the
// request is answered 429 with Retry-After and a GraphQL-shaped RATE_LIMITED error, other callers
// are unaffected, and the caller is served again once a token is back. A tiny limit (1/s, burst 2)
// keeps the test within a couple of seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/auth/rateLimit';
import { apiHeaders, countingDb, startApi, TEST_ADMIN_KEY, type Api } from '../helpers/api';
import { createTestDb, type TestDb } from '../helpers/db';
import { seedSmallBank } from '../helpers/smallBank';

const QUERY = JSON.stringify({ query: '{ products(first: 1) { edges { cursor } } }' });

describe('RateLimiter (token bucket)', () => {
  it('allows a burst, then one request per refill interval, and says when to retry', () => {
    const l = new RateLimiter({ perMinute: 60, burst: 2 });
    expect([l.take('a', 0), l.take('a', 0)]).toEqual([{ ok: true }, { ok: true }]);
    expect(l.take('a', 10)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(l.take('b', 10)).toEqual({ ok: true }); // its own bucket
    expect(l.take('a', 500).ok).toBe(false);
    expect(l.take('a', 1000).ok).toBe(true);
    expect(l.take('a', 1001).ok).toBe(false);
  });

  it('is off at 0 requests per minute', () => {
    const l = new RateLimiter({ perMinute: 0 });
    expect(Array.from({ length: 10_000 }, () => l.take('a').ok).every(Boolean)).toBe(true);
  });
});

describe('rate limit over HTTP (RATE_LIMIT_PER_MINUTE=60, RATE_LIMIT_BURST=2)', () => {
  let t: TestDb;
  let api: Api;
  let counting: ReturnType<typeof countingDb>;
  beforeAll(async () => {
    t = await createTestDb();
    await seedSmallBank(t.db);
    counting = countingDb(t.db);
    api = await startApi(counting.db, { RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_BURST: '2' });
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await t?.close();
  });

  const post = (key: string | null) => fetch(api.app.url, { method: 'POST', headers: apiHeaders(key), body: QUERY });

  it('answers 429 + Retry-After + RATE_LIMITED over the limit, per key, and recovers after the refill', async () => {
    const advisor = await api.key('ADVISOR');
    expect((await post(TEST_ADMIN_KEY)).status).toBe(200);
    expect((await post(TEST_ADMIN_KEY)).status).toBe(200);
    const over = await post(TEST_ADMIN_KEY);
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('1');
    const body = await over.json();
    expect(body).toEqual({ errors: [{ message: expect.stringMatching(/rate limit/), extensions: { code: 'RATE_LIMITED' } }] });
    // Another key has its own bucket.
    const other = await post(advisor);
    expect(other.status).toBe(200);
    expect((await other.json()).errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1100));
    const again = await post(TEST_ADMIN_KEY);
    expect(again.status).toBe(200);
    expect((await again.json()).errors).toBeUndefined();
  });

  it('limits requests without a valid key by address (guessing keys included), before a guessed key reaches the store', async () => {
    await new Promise((r) => setTimeout(r, 2100)); // the address bucket, shared with the test above, is full again
    const statuses = [];
    const lookups: number[] = [];
    for (const key of [null, 'frk_00000000_guess1', 'frk_00000000_guess2', 'frk_00000000_guess3']) {
      const before = counting.counts.get('ApiKey.findUnique') ?? 0;
      statuses.push((await post(key)).status);
      lookups.push((counting.counts.get('ApiKey.findUnique') ?? 0) - before);
    }
    expect(statuses).toEqual([200, 401, 429, 429]);
    // A flood of made-up keys was read from the store once per token, not once per request.
    expect(lookups).toEqual([0, 1, 0, 0]);
  });
});

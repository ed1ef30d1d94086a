import { describe, expect, it } from 'vitest';
import { describeMask, holdingLags, holdingMask, ProfileEncoder, similarityTokens } from '../../src/recommend/features';
import { NeighbourIndex } from '../../src/recommend/neighbours';
import { profile, stateOf } from './fixture';

describe('customer features', () => {
  const dropped = stateOf(profile('q'), [['acc', 'pay'], ['acc', 'pay'], ['acc'], ['acc', 'pay'], ['acc']]);

  it('reads holdings newest first and encodes each product as a lag bitmask', () => {
    const lags = holdingLags(dropped);
    expect(lags.map((s) => [...s].sort())).toEqual([['acc'], ['acc', 'pay'], ['acc'], ['acc', 'pay'], ['acc', 'pay']]);
    expect(holdingMask(lags, 'acc')).toBe(0b11111);
    expect(holdingMask(lags, 'pay')).toBe(0b11010);
    expect(holdingMask(lags, 'card')).toBe(0);
    expect([0b11111, 0b11010, 0b01, 0].map(describeMask)).toEqual(['held', 'held-until-recently', 'recently-added', 'never-held']);
  });

  it('imputes missing income with the median of the segment, inside features only, with an indicator', () => {
    const seg = (id: string, segment: string, income: number | null) => stateOf(profile(id, { segment, income }), []);
    const enc = new ProfileEncoder({ useAge: true, bins: 2 }).fit([seg('a', 'TOP', 100), seg('b', 'TOP', 300), seg('c', 'TOP', 200), seg('d', 'UNI', 10)]);
    const missing = seg('m', 'TOP', null);
    expect(enc.imputedIncome(missing)).toEqual({ value: 200, missing: true });
    expect(enc.imputedIncome(seg('u', 'OTHER', null))).toEqual({ value: 150, missing: true }); // overall median
    expect(missing.profile.income).toBeNull();
    expect(enc.tokens(missing)).toContain('income-missing');
    expect(enc.tokens(seg('k', 'TOP', 250))).not.toContain('income-missing');
  });

  it('uses age only when allowed', () => {
    const s = stateOf(profile('q', { age: 30 }), []);
    expect(new ProfileEncoder({ useAge: true }).fit([s]).tokens(s).some((t) => t.startsWith('age='))).toBe(true);
    expect(new ProfileEncoder({ useAge: false }).fit([s]).tokens(s).some((t) => t.startsWith('age='))).toBe(false);
  });

  it('similarity tokens cover each held (product, lag), each pattern, and the profile', () => {
    const enc = new ProfileEncoder({ useAge: false }).fit([dropped]);
    const t = similarityTokens(dropped, enc, { holding: 1, heldNow: 2, pattern: 3, profile: 0.5 });
    expect(t.get('acc@0')).toBe(2);
    expect(t.get('pay@1')).toBe(1);
    expect(t.has('pay@0')).toBe(false);
    expect(t.get(`pay#${0b11010}`)).toBe(3);
    expect(t.get('segment=02 - PARTICULARES')).toBe(0.5);
  });
});

describe('neighbour index', () => {
  const rows = [new Map([['a', 1]]), new Map([['a', 1], ['b', 1]]), new Map([['b', 1]]), new Map([['a', 1]]), new Map([['c', 1]])];
  const index = new NeighbourIndex(rows);

  it('returns the k most cosine-similar rows, most similar first, ties to the lower row', () => {
    const { rows: r, sims } = index.nearest(new Map([['a', 1]]), 3);
    expect([...r]).toEqual([0, 3, 1]);
    expect(sims[0]).toBeCloseTo(1);
    expect(sims[2]).toBeCloseTo(Math.SQRT1_2);
  });

  it('skips rows on request, ignores unknown tokens, and leaves no state between queries', () => {
    expect([...index.nearest(new Map([['a', 1]]), 2, (r) => r === 0).rows]).toEqual([3, 1]);
    expect(index.nearest(new Map([['zzz', 1]]), 3).rows.length).toBe(0);
    const again = index.nearest(new Map([['b', 1]]), 5);
    expect([...again.rows]).toEqual([2, 1]);
  });
});

describe('neighbour index with IDF', () => {
  it('lets a rare shared token outweigh a common one', () => {
    // Every row has "common"; rows 1 and 2 also have a rare token each.
    const rows = [new Map([['common', 1], ['x', 1]]), new Map([['common', 1], ['rare', 1]]), new Map([['common', 1], ['y', 1]]), new Map([['common', 1]])];
    const query = new Map([['common', 1], ['rare', 1]]);
    expect(new NeighbourIndex(rows, { idf: true }).nearest(query, 1).rows[0]).toBe(1);
    const plain = new NeighbourIndex(rows).nearest(query, 4);
    const weighted = new NeighbourIndex(rows, { idf: true }).nearest(query, 4);
    // Runner-up is the row with only "common": with IDF that token counts for less, so it falls further behind.
    expect(weighted.sims[0] - weighted.sims[1]).toBeGreaterThan(plain.sims[0] - plain.sims[1]);
  });
});

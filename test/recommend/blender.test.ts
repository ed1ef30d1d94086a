import { describe, expect, it } from 'vitest';
import { blend } from '../../src/recommend/blender';
import type { Recommender, Signal } from '../../src/recommend/types';

const rec = (name: string, reasonCode: string): Recommender => ({ name, reasonCode, config: {}, fit: () => {}, score: () => new Map() });
const signals = (entries: Record<string, number>): Map<string, Signal> => new Map(Object.entries(entries).map(([k, v]) => [k, { score: v }]));
const A = rec('a', 'CODE_A');
const B = rec('b', 'CODE_B');

describe('blender', () => {
  it('max-normalises per customer and takes the weighted mean of the opinions', () => {
    const out = blend([
      { recommender: A, weight: 1, signals: signals({ x: 10, y: 5 }) },
      { recommender: B, weight: 3, signals: signals({ x: 0.1, y: 0.2 }) },
    ], 'max');
    // x: (1·1 + 3·0.5)/4 = 0.625; y: (1·0.5 + 3·1)/4 = 0.875
    expect(out.map((i) => [i.productId, i.score])).toEqual([['y', 0.875], ['x', 0.625]]);
    expect(out[0].contributions.map((c) => [c.code, c.value])).toEqual([['CODE_B', 0.75], ['CODE_A', 0.125]]);
  });

  it('rank-normalises with tied products sharing their mean rank', () => {
    const out = blend([{ recommender: A, weight: 1, signals: signals({ x: 3, y: 3, z: 1 }) }], 'rank');
    expect(Object.fromEntries(out.map((i) => [i.productId, i.score]))).toEqual({ x: 0.75, y: 0.75, z: 0 });
  });

  it('treats a missing signal as no opinion: it neither helps nor hurts', () => {
    const out = blend([
      { recommender: A, weight: 1, signals: signals({ x: 1, y: 1 }) },
      { recommender: B, weight: 1, signals: signals({ x: 1 }) },
    ], 'max');
    expect(out.find((i) => i.productId === 'y')!.score).toBe(1);
    expect(out.find((i) => i.productId === 'y')!.contributions.map((c) => c.recommender)).toEqual(['a']);
  });

  it('ignores zero-weight recommenders, and products nobody has an opinion on are not ranked', () => {
    const out = blend([
      { recommender: A, weight: 0, signals: signals({ x: 1, w: 1 }) },
      { recommender: B, weight: 2, signals: signals({ x: 1, y: 0 }) },
    ], 'max');
    expect(out.map((i) => i.productId)).toEqual(['x', 'y']);
  });

  it('keeps signal-level reason codes and evidence, and breaks ties by product id', () => {
    const s = new Map<string, Signal>([['b', { score: 1, code: 'USED_TO_HOLD', evidence: 'Payroll' }], ['a', { score: 1 }]]);
    const out = blend([{ recommender: A, weight: 1, signals: s }], 'max');
    expect(out.map((i) => i.productId)).toEqual(['a', 'b']);
    expect(out[1].contributions[0]).toMatchObject({ code: 'USED_TO_HOLD', evidence: 'Payroll' });
  });

  it('a max of zero gives zeros, never NaN', () => {
    const out = blend([{ recommender: A, weight: 1, signals: signals({ x: 0, y: 0 }) }], 'max');
    expect(out.every((i) => i.score === 0)).toBe(true);
  });
});

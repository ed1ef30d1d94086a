import { describe, expect, it } from 'vitest';
import { averagePrecision, coverage, diversity, itemPopularity, ndcg, novelty, precision, recall } from '../../src/eval/metrics';

const rel = new Set(['a', 'c']);
const ranked = ['a', 'b', 'c', 'd'];

describe('ranking metrics (ranked, relevant, k)', () => {
  it('AP@k as in Kaggle Santander: Σ P(i)·rel(i) / min(|relevant|, k)', () => {
    expect(averagePrecision(ranked, rel, 7)).toBeCloseTo((1 / 1 + 2 / 3) / 2);
    expect(averagePrecision(['b', 'a'], rel, 7)).toBeCloseTo((1 / 2) / 2);
    expect(averagePrecision(['x', 'y'], new Set(['y']), 1)).toBe(0); // cut off at k
    // more relevant items than k: divide by k, not |relevant|
    expect(averagePrecision(['a', 'b'], new Set(['a', 'b', 'c']), 2)).toBe(1);
    expect(averagePrecision(ranked, new Set(), 7)).toBe(0);
  });

  it('precision@k divides by k, recall@k by the number relevant', () => {
    expect(precision(ranked, rel, 2)).toBe(0.5);
    expect(precision(ranked, rel, 7)).toBeCloseTo(2 / 7);
    expect(recall(ranked, rel, 2)).toBe(0.5);
    expect(recall(ranked, rel, 7)).toBe(1);
    expect(recall(ranked, new Set(), 7)).toBe(0);
  });

  it('nDCG@k with binary relevance', () => {
    const dcg = 1 + 1 / Math.log2(4);
    const ideal = 1 + 1 / Math.log2(3);
    expect(ndcg(ranked, rel, 7)).toBeCloseTo(dcg / ideal);
    expect(ndcg(['a', 'c'], rel, 7)).toBe(1);
    expect(ndcg(['b', 'd'], rel, 7)).toBe(0);
  });
});

describe('list-level metrics', () => {
  it('coverage: share of the catalog recommended to anyone', () => {
    expect(coverage([['a', 'b'], ['b', 'c']], 6)).toBe(0.5);
  });

  it('novelty: mean self-information by popularity', () => {
    const pop = itemPopularity([new Set(['a']), new Set(['a', 'b'])], ['a', 'b', 'c']);
    expect(pop.get('a')).toBeCloseTo(3 / 4);
    expect(pop.get('c')).toBeCloseTo(1 / 4);
    expect(novelty([['a', 'c']], pop)).toBeCloseTo((-Math.log2(3 / 4) - Math.log2(1 / 4)) / 2);
    expect(novelty([['c'], []], pop)).toBeCloseTo(2); // empty lists are left out
  });

  it('diversity: 1 − mean pairwise similarity, similarity clipped to [0, 1]', () => {
    const sim = (x: string, y: string) => ({ ab: 1, ac: 0, bc: -0.5 } as Record<string, number>)[[x, y].sort().join('')];
    expect(diversity([['a', 'b', 'c']], sim)).toBeCloseTo(1 - 1 / 3);
    expect(diversity([['a', 'b'], ['a'], ['a', 'c']], sim)).toBeCloseTo(0.5);
  });
});

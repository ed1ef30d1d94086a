import { describe, expect, it } from 'vitest';
import { ContentRecommender } from '../../src/recommend/recommenders/content';
import { productVectors, tokenise } from '../../src/recommend/productVectors';
import { cosine } from '../../src/recommend/linalg';
import { PRODUCTS, profile, stateOf, trainingFixture } from './fixture';

describe('product vectors (TF-IDF + category/risk/term → PCA)', () => {
  it('are unit length with at most the requested dimensions', () => {
    const v = productVectors(PRODUCTS, 3);
    expect(v.size).toBe(PRODUCTS.length);
    for (const x of v.values()) {
      expect(x.length).toBeLessThanOrEqual(3);
      expect(Math.hypot(...x)).toBeCloseTo(1);
    }
  });

  it('put products with shared words and category closer than unrelated ones', () => {
    const v = productVectors(PRODUCTS, 6);
    expect(cosine(v.get('save')!, v.get('junior')!)).toBeGreaterThan(cosine(v.get('save')!, v.get('deriv')!));
  });

  it('tokenises lower-case words, dropping short words and stopwords', () => {
    expect(tokenise('A savings Account, for YOU and the bank')).toEqual(['savings', 'account', 'bank']);
  });
});

describe('content recommender', () => {
  const r = new ContentRecommender();
  r.fit(trainingFixture());

  it('scores candidates by similarity to what the customer holds', () => {
    const s = r.score(stateOf(profile('q'), [['save'], ['save'], ['save'], ['save'], ['save']]), PRODUCTS.filter((p) => p.id !== 'save'));
    expect(s.get('junior')!.score).toBeGreaterThan(s.get('deriv')!.score);
    expect(s.get('junior')!.evidence).toBe('your Savings Account');
    for (const x of s.values()) expect(x.score).toBeGreaterThanOrEqual(0);
  });

  it('remembers products held earlier in the window, weighted less than current ones', () => {
    const now = r.score(stateOf(profile('q'), [['acc'], ['acc'], ['acc'], ['acc'], ['acc', 'fund']]), PRODUCTS);
    const before = r.score(stateOf(profile('q'), [['acc', 'fund'], ['acc'], ['acc'], ['acc'], ['acc']]), PRODUCTS);
    const never = r.score(stateOf(profile('q'), [['acc'], ['acc'], ['acc'], ['acc'], ['acc']]), PRODUCTS);
    expect(now.get('fund')!.score).toBeGreaterThan(before.get('fund')!.score);
    expect(before.get('fund')!.score).toBeGreaterThan(never.get('fund')!.score);
  });

  it('has no opinion about a customer who holds nothing', () => {
    expect(r.score(stateOf(profile('q'), []), PRODUCTS).size).toBe(0);
  });
});

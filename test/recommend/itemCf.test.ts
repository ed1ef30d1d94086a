import { describe, expect, it } from 'vitest';
import { ItemCfRecommender } from '../../src/recommend/recommenders/itemCf';
import { PRODUCTS, profile, stateOf, trainingFixture } from './fixture';

const rank = (m: Map<string, { score: number }>, ids: string[]) => ids.filter((id) => m.has(id)).sort((a, b) => m.get(b)!.score - m.get(a)!.score);

describe('item-CF', () => {
  const r = new ItemCfRecommender();
  r.fit(trainingFixture());
  const candidates = PRODUCTS.filter((p) => !['acc', 'pay'].includes(p.id));

  it('recommends the product added by customers who hold the same products, citing the held one', () => {
    const s = r.score(stateOf(profile('q'), [['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay']]), candidates);
    expect(rank(s, candidates.map((p) => p.id))[0]).toBe('card');
    expect(s.get('card')!.evidence).toBe('your Payroll');
    expect(s.get('card')!.code).toBeUndefined(); // the recommender's own OFTEN_HELD_WITH
  });

  it('learns that a product held until recently is taken up again (its own state), with USED_TO_HOLD', () => {
    const s = r.score(stateOf(profile('q'), [['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc']]), PRODUCTS.filter((p) => p.id !== 'acc'));
    expect(rank(s, PRODUCTS.map((p) => p.id))[0]).toBe('pay');
    expect(s.get('pay')!.code).toBe('USED_TO_HOLD');
  });

  it('conditions on the holding pattern, not only on what is held now', () => {
    const steady = r.score(stateOf(profile('q'), [['acc'], ['acc'], ['acc'], ['acc'], ['acc']]), PRODUCTS);
    const dropped = r.score(stateOf(profile('q'), [['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc']]), PRODUCTS);
    expect(dropped.get('pay')!.score).toBeGreaterThan(steady.get('pay')!.score);
  });

  it('never claims "held together with" for a customer who holds nothing: the signal is then a common next step', () => {
    const s = r.score(stateOf(profile('q'), [[], [], [], [], []]), PRODUCTS);
    expect(s.size).toBeGreaterThan(0);
    for (const signal of s.values()) {
      expect(signal.code).toBe('COMMON_NEXT_STEP');
      expect(signal.evidence).toBeUndefined();
    }
  });

  it('co-ownership is symmetric, zero for a product with itself, and highest for co-held products', () => {
    expect(r.coOwnership('pay', 'acc')).toBeCloseTo(r.coOwnership('acc', 'pay'));
    expect(r.coOwnership('pay', 'pay')).toBe(0);
    expect(r.coOwnership('pay', 'card')).toBeGreaterThan(r.coOwnership('pay', 'fund'));
    expect(r.coOwnership('pay', 'nope')).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { PopularityRecommender } from '../../src/recommend/recommenders/popularity';
import { buildCustomerState } from '../../src/recommend/customerState';
import type { AdditionExample } from '../../src/recommend/types';
import { PRODUCTS, profile, stateOf, trainingFixture } from './fixture';

describe('popularity', () => {
  it('scores each product by its share of the additions', () => {
    const r = new PopularityRecommender();
    const data = trainingFixture();
    r.fit(data);
    const total = data.examples.reduce((n, e) => n + e.added.size, 0);
    const scores = r.score(stateOf(profile('q'), []), PRODUCTS);
    expect(scores.get('card')!.score).toBeCloseTo(16 / total); // 12 payroll + 4 busy plain customers
    expect(scores.get('save')!.score).toBeCloseTo(8 / total);
    expect(scores.get('deriv')!.score).toBe(0); // known, nobody added it: an opinion of 0
    expect(scores.get('card')!.evidence).toMatch(/% of recent additions/);
  });

  it('with a half-life, newer additions count more than older ones', () => {
    const state = buildCustomerState(profile('x'), []);
    const example = (p: string, day: number): AdditionExample => ({ state, added: new Set([p]), at: new Date(Date.UTC(2016, 0, day)) });
    const examples = [example('save', 1), example('save', 2), example('card', 30)];
    const data = { products: PRODUCTS, customers: [], examples };
    const flat = new PopularityRecommender({ halfLifeDays: 0 });
    const decayed = new PopularityRecommender({ halfLifeDays: 7 });
    flat.fit(data);
    decayed.fit(data);
    const q = stateOf(profile('q'), []);
    expect(flat.score(q, PRODUCTS).get('save')!.score).toBeGreaterThan(flat.score(q, PRODUCTS).get('card')!.score);
    expect(decayed.score(q, PRODUCTS).get('card')!.score).toBeGreaterThan(decayed.score(q, PRODUCTS).get('save')!.score);
  });
});

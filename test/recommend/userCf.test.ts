import { describe, expect, it } from 'vitest';
import { DEFAULT_USER_CF, UserCfRecommender } from '../../src/recommend/recommenders/userCf';
import { fixtureCustomers, history, MONTHS, PRODUCTS, profile, stateOf, trainingFixture } from './fixture';

const top = (m: Map<string, { score: number }>) => [...m].sort((a, b) => b[1].score - a[1].score)[0][0];

describe('user-CF', () => {
  it('votes for what the nearest customers (profile + holdings) added', () => {
    const r = new UserCfRecommender({ ...DEFAULT_USER_CF, neighbours: 5 });
    r.fit(trainingFixture());
    const saver = stateOf(profile('q', { age: 64, segment: '01 - TOP', income: 90_000 }), [['acc', 'save'], ['acc', 'save'], ['acc', 'save'], ['acc', 'save'], ['acc', 'save']]);
    const s = r.score(saver, PRODUCTS.filter((p) => !['acc', 'save'].includes(p.id)));
    expect(top(s)).toBe('fund');
    expect(s.get('fund')!.score).toBeCloseTo(1);
    expect(s.get('fund')!.evidence).toBe('5 of your 5 most similar customers');
    expect(s.get('card')!.score).toBe(0);
  });

  it('never counts the customer as their own neighbour', () => {
    const r = new UserCfRecommender({ ...DEFAULT_USER_CF, neighbours: 1 });
    const loner = { profile: profile('loner', { age: 99, segment: '03 - UNIVERSITARIO' }), history: history(MONTHS.map(() => ['junior']), ['deriv']) };
    const data = trainingFixture([...fixtureCustomers(), loner]);
    r.fit(data);
    const self = data.examples.find((e) => e.state.profile.id === 'loner')!.state;
    const twin = { ...self, profile: { ...self.profile, id: 'loners-twin' } };
    expect(r.score(twin, PRODUCTS).get('deriv')!.score).toBeCloseTo(1); // the loner is the twin's nearest
    expect(r.score(self, PRODUCTS).get('deriv')!.score).toBe(0); // but not their own
  });

  it('with MODEL_USE_AGE off, age does not change the scores', () => {
    const r = new UserCfRecommender({ ...DEFAULT_USER_CF, neighbours: 8, useAge: false });
    r.fit(trainingFixture());
    const months = [['acc'], ['acc'], ['acc'], ['acc'], ['acc']];
    const young = r.score(stateOf(profile('q', { age: 20 }), months), PRODUCTS);
    const old = r.score(stateOf(profile('q', { age: 80 }), months), PRODUCTS);
    expect([...young]).toEqual([...old]);
    const withAge = new UserCfRecommender({ ...DEFAULT_USER_CF, neighbours: 8, useAge: true });
    withAge.fit(trainingFixture());
    expect([...withAge.score(stateOf(profile('q', { age: 20 }), months), PRODUCTS)])
      .not.toEqual([...withAge.score(stateOf(profile('q', { age: 80 }), months), PRODUCTS)]);
  });

  it('with no training customers has no opinion', () => {
    const r = new UserCfRecommender();
    r.fit({ products: PRODUCTS, customers: [], examples: [] });
    expect(r.score(stateOf(profile('q'), [['acc']]), PRODUCTS).size).toBe(0);
  });
});

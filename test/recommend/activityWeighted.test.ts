import { describe, expect, it } from 'vitest';
import { ActivityWeightedRecommender, DEFAULT_ACTIVITY } from '../../src/recommend/recommenders/activityWeighted';
import { activityLevel } from '../../src/recommend/features';
import { fixtureCustomers, history, MONTHS, PRODUCTS, profile, stateOf, trainingFixture } from './fixture';

describe('activity-weighted (seed formula r_j = Σ s_ij·w_i)', () => {
  // Two groups with identical profile and holdings: 4 active customers with many holding changes
  // added "card", 4 inactive, unchanging ones added "save".
  const group = (id: string, active: boolean, added: string) => ({
    profile: profile(id, { active }),
    history: history(active ? [['acc'], ['acc', 'fund'], ['acc'], ['acc', 'fund'], ['acc']] : MONTHS.map(() => ['acc']), [added]),
  });
  const customers = [0, 1, 2, 3].flatMap((i) => [group(`busy-${i}`, true, 'card'), group(`quiet-${i}`, false, 'save')]);
  const query = stateOf(profile('q', { active: null }), MONTHS.map(() => ['acc']));

  it('with k > 0 the choices of active customers weigh more', () => {
    const r = new ActivityWeightedRecommender({ ...DEFAULT_ACTIVITY, k: 3, neighbours: 8 });
    r.fit(trainingFixture(customers));
    const s = r.score(query, PRODUCTS);
    expect(s.get('card')!.score).toBeGreaterThan(s.get('save')!.score);
  });

  it('with k = 0 every neighbour weighs the same (w = 1/2)', () => {
    const r = new ActivityWeightedRecommender({ ...DEFAULT_ACTIVITY, k: 0, neighbours: 8 });
    r.fit(trainingFixture(customers));
    const s = r.score(query, PRODUCTS);
    // busy customers also adopted "fund" during the window; "card" and "save" are each one group's addition
    expect(s.get('save')!.score).toBeCloseTo(s.get('card')!.score);
    expect(s.get('save')!.score + s.get('card')!.score).toBeCloseTo(1);
  });

  it('counts adoptions during the lag window, not only the next addition', () => {
    const r = new ActivityWeightedRecommender({ ...DEFAULT_ACTIVITY, k: 1, neighbours: 8 });
    r.fit(trainingFixture(customers));
    expect(r.score(query, PRODUCTS).get('fund')!.score).toBeGreaterThan(0);
  });

  it('activity = holding changes + engagement events + active flag', () => {
    const click = { productId: 'fund', kind: 'CLICK' as const, value: null, at: new Date(Date.UTC(2016, 4, 30)) };
    const busy = stateOf(profile('b', { active: true }), [['acc'], ['acc', 'fund'], ['acc'], ['acc', 'fund'], ['acc']], [click]);
    expect(activityLevel(busy)).toBe(4 + 1 + 1);
    const quiet = stateOf(profile('q', { active: false }), MONTHS.map(() => ['acc']));
    expect(activityLevel(quiet)).toBe(0);
  });

  it('works on the shared fixture', () => {
    const r = new ActivityWeightedRecommender();
    r.fit(trainingFixture(fixtureCustomers()));
    expect(r.score(query, PRODUCTS).size).toBeGreaterThan(0);
  });
});

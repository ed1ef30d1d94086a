import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createEngine, fitEngine, fitRecommenders } from '../../src/recommend/pipeline';
import { createRecommenders } from '../../src/recommend/recommenders';
import { PRODUCTS, profile, stateOf, trainingFixture } from './fixture';

// The hand-built recommenders only: the neural ranker (on by default) has its own suite.
const config = loadConfig({ WEIGHT_NEURAL: '0' });
const payrollCustomer = stateOf(profile('q', { age: 35, riskTolerance: 3 }), [['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay']]);

describe('pipeline (fitEngine)', () => {
  it('ranks eligible products with the blend, gate applied, each item with reasons', async () => {
    const engine = await fitEngine(trainingFixture(), config);
    const list = engine.recommend(payrollCustomer, PRODUCTS, { first: 3 });
    expect(list.items.map((i) => i.product.id)).toEqual(['card', 'save']); // only two products pass the gate
    const ids = list.items.map((i) => i.product.id);
    for (const banned of ['acc', 'pay', 'fund', 'deriv', 'junior', 'old']) expect(ids).not.toContain(banned);
    expect(list.excluded.map((e) => [e.productId, e.rule]).sort()).toEqual([
      ['acc', 'ALREADY_HELD'], ['deriv', 'RISK_ABOVE_TOLERANCE'], ['fund', 'RISK_ABOVE_TOLERANCE'],
      ['junior', 'AGE_NOT_ELIGIBLE'], ['old', 'INACTIVE_PRODUCT'], ['pay', 'ALREADY_HELD'],
    ]);
    const scores = list.items.map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const item of list.items) expect(item.reasons.length).toBeGreaterThan(0);
    expect(list.items[0].reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['OFTEN_HELD_WITH', 'RISK_WITHIN_TOLERANCE', 'AGE_ELIGIBLE']));
    expect(list.recommender).toBe(engine.name);
    expect(list.configHash).toBe(engine.configHash);
  });

  it('filters by category and respects first', async () => {
    const engine = await fitEngine(trainingFixture(), config);
    const list = engine.recommend(payrollCustomer, PRODUCTS, { first: 7, category: 'ACCOUNT' });
    expect(list.items.map((i) => i.product.category).every((c) => c === 'ACCOUNT')).toBe(true);
    expect(list.items.map((i) => i.product.id).sort()).toEqual(['save']);
    expect(engine.recommend(payrollCustomer, PRODUCTS, { first: 0 }).items).toEqual([]);
  });

  it('names the blend and changes its hash with the weights', async () => {
    const a = await fitEngine(trainingFixture(), config);
    const b = await fitEngine(trainingFixture(), { ...config, WEIGHT_CONTENT: 0 });
    const weights: [string, number][] = [['popularity', config.WEIGHT_POPULARITY], ['item-cf', config.WEIGHT_ITEM_CF],
      ['user-cf', config.WEIGHT_USER_CF], ['content', config.WEIGHT_CONTENT], ['activity', config.WEIGHT_ACTIVITY]];
    expect(a.name).toBe(`blend(${weights.filter(([, w]) => w > 0).map(([n]) => n).join(',')})`);
    expect(b.name).not.toContain('content');
    expect(a.configHash).not.toBe(b.configHash);
  });

  it('a single recommender engine reasons only with that recommender', async () => {
    const parts = createRecommenders(config);
    await fitRecommenders(parts, trainingFixture());
    const engine = createEngine([{ recommender: parts.find((p) => p.recommender.name === 'popularity')!.recommender, weight: 1 }], { normalisation: 'max' });
    expect(engine.name).toBe('popularity');
    const list = engine.recommend(payrollCustomer, PRODUCTS, { first: 3 });
    for (const item of list.items) expect(item.reasons.filter((r) => r.weight > 0).map((r) => r.code)).toEqual(['POPULAR_NOW']);
  });

  it('similarProducts: co-ownership and content, never the product itself nor inactive ones', async () => {
    const engine = await fitEngine(trainingFixture(), config);
    const similar = engine.similarProducts('pay', PRODUCTS, 3);
    expect(similar.length).toBeGreaterThanOrEqual(2);
    expect(similar.map((s) => s.product.id)).not.toContain('pay');
    expect(similar.map((s) => s.product.id)).not.toContain('old');
    expect(similar[0].product.id).toBe('acc'); // held with payroll by every payroll customer
    expect(similar[0].reasons[0]).toMatchObject({ code: 'OFTEN_HELD_WITH', text: 'Often held together with Payroll' });
    expect(engine.similarProducts('nope', PRODUCTS, 3)).toEqual([]);
  });

  it('a DISMISS or PURCHASE in the state changes the very next list', async () => {
    const engine = await fitEngine(trainingFixture(), config);
    const at = new Date(Date.UTC(2016, 4, 30));
    const before = engine.recommend(payrollCustomer, PRODUCTS, { first: 3 }).items[0].product.id;
    const dismissed = stateOf(payrollCustomer.profile, [['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay']],
      [{ productId: before, kind: 'DISMISS', value: null, at }]);
    expect(engine.recommend(dismissed, PRODUCTS, { first: 7 }).items.map((i) => i.product.id)).not.toContain(before);
  });
});

describe('pipeline with a product added after the fit', () => {
  it('offers it after the scored products, with score 0 and the NEW_PRODUCT reason, gate still applied', async () => {
    const engine = await fitEngine(trainingFixture(), config);
    const fresh = { ...PRODUCTS.find((p) => p.id === 'save')!, id: 'green', code: 'green', name: 'Green Deposit', category: 'DEPOSIT' as const };
    const risky = { ...fresh, id: 'risky', code: 'risky', riskLevel: 7 };
    const list = engine.recommend(payrollCustomer, [...PRODUCTS, fresh, risky], { first: 10 });
    const ids = list.items.map((i) => i.product.id);
    expect(ids).toEqual(['card', 'save', 'green']);
    expect(list.items[2].score).toBe(0);
    expect(list.items[2].reasons[0]).toMatchObject({ code: 'NEW_PRODUCT', weight: 0 });
    expect(list.excluded.find((e) => e.productId === 'risky')!.rule).toBe('RISK_ABOVE_TOLERANCE');
    expect(engine.recommend(payrollCustomer, [...PRODUCTS, fresh], { first: 2 }).items.map((i) => i.product.id)).toEqual(['card', 'save']);
  });
});

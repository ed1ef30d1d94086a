import { describe, expect, it } from 'vitest';
import { catalogProducts } from '../../src/eval/catalog';
import { evaluationCases, trainingData } from '../../src/eval/cases';
import { averagePrecision } from '../../src/eval/metrics';
import { splitByCustomer } from '../../src/eval/split';
import { loadConfig } from '../../src/config';
import { createEngine, fitEngine } from '../../src/recommend/pipeline';
import { DEFAULT_NEURAL, NeuralRecommender, type NeuralConfig } from '../../src/recommend/recommenders/neural';
import { PopularityRecommender } from '../../src/recommend/recommenders/popularity';
import type { Recommender } from '../../src/recommend/types';
import { FeatureEncoder } from '../../src/train/featureMatrix';
import { sampleCustomers } from '../eval/realFixture';
import { PRODUCTS, profile, stateOf, trainingFixture } from './fixture';

const SMALL: NeuralConfig = { ...DEFAULT_NEURAL, hidden: [32, 16], maxEpochs: 20, minSteps: 150 };
const payroll = stateOf(profile('q', { age: 33 }), [['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay']]);
const entries = (m: Map<string, { score: number }>) => [...m].map(([id, s]) => [id, s.score] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));

async function fitted(config: NeuralConfig = SMALL): Promise<NeuralRecommender> {
  const r = new NeuralRecommender(config);
  await r.fit(trainingFixture());
  return r;
}

describe('feature matrix', () => {
  it('lays out holdings per product and lag, changes, and imputes missing income with an indicator', () => {
    const states = trainingFixture().examples.map((e) => e.state);
    const enc = new FeatureEncoder({ useAge: true }).fit(PRODUCTS.map((p) => p.id), states);
    const churner = stateOf(profile('c', { income: null }), [['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc']]);
    const x = enc.encode(churner);
    expect(x.length).toBe(enc.width);
    const pay = enc.indexOf('pay')!;
    expect(Array.from(x.subarray(pay * 5, pay * 5 + 5))).toEqual([0, 1, 1, 1, 1]); // dropped at lag 0
    expect(x[PRODUCTS.length * 5 + pay * 4 + 1]).toBe(1); // dropped between lag 1 and lag 0
    expect([...x].every(Number.isFinite)).toBe(true);
    const known = enc.encode(stateOf(profile('k'), [['acc'], ['acc'], ['acc'], ['acc'], ['acc']]));
    expect(known).not.toEqual(enc.encode(stateOf(profile('k', { income: null }), [['acc'], ['acc'], ['acc'], ['acc'], ['acc']])));
    expect(Array.from(enc.heldMatrix([churner]))).toEqual(PRODUCTS.map((p) => (p.id === 'acc' ? 1 : 0)));
  });

  it('without MODEL_USE_AGE, age changes nothing', () => {
    const states = trainingFixture().examples.map((e) => e.state);
    const enc = new FeatureEncoder({ useAge: false }).fit(PRODUCTS.map((p) => p.id), states);
    const months = [['acc'], ['acc'], ['acc'], ['acc'], ['acc']];
    expect(enc.encode(stateOf(profile('q', { age: 20 }), months))).toEqual(enc.encode(stateOf(profile('q', { age: 80 }), months)));
  });
});

describe('neural ranker', () => {
  it('learns the fixture: payroll customers are pointed to the card', async () => {
    const r = await fitted();
    const s = r.score(payroll, PRODUCTS.filter((p) => !['acc', 'pay'].includes(p.id)));
    const top = [...s].sort((a, b) => b[1].score - a[1].score)[0][0];
    expect(top).toBe('card');
    expect(r.lastFit).toMatchObject({ backend: expect.stringMatching(/wasm|tensorflow|cpu/) });
  });

  it('is reproducible: the same seed gives the same scores, another seed other scores', async () => {
    const [a, b, c] = [await fitted(), await fitted(), await fitted({ ...SMALL, seed: 7 })];
    expect(entries(a.score(payroll, PRODUCTS))).toEqual(entries(b.score(payroll, PRODUCTS)));
    expect(entries(a.score(payroll, PRODUCTS))).not.toEqual(entries(c.score(payroll, PRODUCTS)));
  });

  it('scores only the candidates, finitely, in [0, 1], held products at 0', async () => {
    const r = await fitted();
    const subset = PRODUCTS.filter((p) => ['card', 'fund', 'pay'].includes(p.id));
    const s = r.score(payroll, subset);
    expect([...s.keys()].sort()).toEqual(['card', 'fund', 'pay']);
    for (const { score } of s.values()) expect(score >= 0 && score <= 1 && Number.isFinite(score)).toBe(true);
    expect(s.get('pay')!.score).toBe(0);
    expect(r.score(payroll, []).size).toBe(0);
  });

  it('reports progress per epoch', async () => {
    const r = new NeuralRecommender(SMALL);
    const epochs: number[] = [];
    r.onEpoch = (p) => { expect(Number.isFinite(p.loss)).toBe(true); epochs.push(p.epoch); };
    await r.fit(trainingFixture());
    expect(epochs.length).toBeGreaterThan(0);
    expect(epochs).toEqual(epochs.map((_, i) => i + 1));
  });

  it('on real customers it beats popularity on held-out customers, early-stopping on validation MAP@7, and scores fast', async () => {
    const customers = await sampleCustomers(0.6);
    const products = catalogProducts();
    const { train, test } = splitByCustomer(customers, (c) => c.profile.id, { testFraction: 0.3, seed: 42 });
    const data = trainingData(train, products);
    const neural = new NeuralRecommender({ ...DEFAULT_NEURAL, hidden: [64, 32], maxEpochs: 15 });
    const popularity = new PopularityRecommender();
    await neural.fit(data);
    popularity.fit(data);
    expect(neural.lastFit!.validationMap).not.toBeNull();
    const cases = evaluationCases(test);
    const map = (r: Recommender): number => {
      const engine = createEngine([{ recommender: r, weight: 1 }], { normalisation: 'max' });
      return cases.reduce((sum, c) => sum + averagePrecision(engine.recommend(c.state, products, { first: 7 }).items.map((i) => i.product.id), c.relevant, 7), 0) / cases.length;
    };
    const [mNeural, mPopularity] = [map(neural), map(popularity)];
    expect(mNeural).toBeGreaterThan(mPopularity + 0.05);
    const t0 = performance.now();
    for (const c of cases) neural.score(c.state, products);
    expect((performance.now() - t0) / cases.length).toBeLessThan(5);
  }, 30_000);

  it('cross-fitting (folds): one member per customer fold, all customers trained on, an out-of-fold validation MAP; unused when the caller keeps validation customers', async () => {
    const customers = await sampleCustomers(0.5);
    const products = catalogProducts();
    const data = trainingData(customers, products);
    const epochs: number[] = [];
    const crossFit = new NeuralRecommender({ ...DEFAULT_NEURAL, hidden: [16], maxEpochs: 2, folds: 3 });
    crossFit.onEpoch = (p) => epochs.push(p.epoch);
    await crossFit.fit(data);
    expect(crossFit.toState().ensemble).toHaveLength(3);
    expect(epochs).toEqual([1, 2, 3, 4, 5, 6]); // one progress count across the members
    expect(crossFit.lastFit!.validationMap).toBeGreaterThan(0.3);
    const someone = evaluationCases(customers)[0].state;
    expect([...crossFit.score(someone, products).values()].every((s) => Number.isFinite(s.score))).toBe(true);

    const kept = new Set(customers.slice(0, 200).map((c) => c.profile.id));
    const single = new NeuralRecommender({ ...DEFAULT_NEURAL, hidden: [16], maxEpochs: 2, folds: 3 });
    await single.fit({ ...data, validationCustomers: kept });
    expect(single.toState().ensemble).toHaveLength(1);
  }, 60_000);

  it('with nothing to learn from it has no opinion', async () => {
    const r = new NeuralRecommender(SMALL);
    await r.fit({ products: PRODUCTS, customers: [], examples: [] });
    expect(r.score(payroll, PRODUCTS).size).toBe(0);
  });

  it('joins the served blend only when WEIGHT_NEURAL > 0 (otherwise it is never trained)', async () => {
    const off = await fitEngine(trainingFixture(), loadConfig({ WEIGHT_NEURAL: '0' }));
    expect(off.name).not.toContain('neural');
    const on = await fitEngine(trainingFixture(), loadConfig({ WEIGHT_NEURAL: '1' }));
    expect(on.name).toContain('neural');
    const items = on.recommend(payroll, PRODUCTS, { first: 3 }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((i) => i.reasons.some((r) => r.code === 'LEARNED_FROM_SIMILAR_PATHS'))).toBe(true);
  });
});

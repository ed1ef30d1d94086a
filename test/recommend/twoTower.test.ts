import { describe, expect, it } from 'vitest';
import { catalogProducts } from '../../src/eval/catalog';
import { evaluationCases, trainingData } from '../../src/eval/cases';
import { averagePrecision } from '../../src/eval/metrics';
import { splitByCustomer } from '../../src/eval/split';
import { loadConfig } from '../../src/config';
import { createEngine } from '../../src/recommend/pipeline';
import { createRecommenders } from '../../src/recommend/recommenders';
import { PopularityRecommender } from '../../src/recommend/recommenders/popularity';
import { DEFAULT_TWO_TOWER, TwoTowerRecommender, type TwoTowerConfig } from '../../src/recommend/recommenders/twoTower';
import type { Recommender } from '../../src/recommend/types';
import { sampleCustomers } from '../eval/realFixture';
import { PRODUCTS, profile, stateOf, trainingFixture } from './fixture';

const SMALL: TwoTowerConfig = { ...DEFAULT_TWO_TOWER, hidden: [32], dim: 8, maxEpochs: 20, minSteps: 150 };
const payroll = stateOf(profile('q', { age: 33 }), [['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay']]);
const coldStart = stateOf(profile('new', { age: 28 }), []);
const entries = (m: Map<string, { score: number }>) => [...m].map(([id, s]) => [id, s.score] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));

describe('two-tower recommender', async () => {
  const fixture = new TwoTowerRecommender(SMALL);
  const epochs: number[] = [];
  fixture.onEpoch = (p) => { epochs.push(p.epoch); };
  await fixture.fit(trainingFixture());

  it('learns the fixture: payroll customers are pointed to the card; progress is reported per epoch', () => {
    const s = fixture.score(payroll, PRODUCTS.filter((p) => !['acc', 'pay'].includes(p.id)));
    expect([...s].sort((a, b) => b[1].score - a[1].score)[0][0]).toBe('card');
    expect(epochs).toEqual(epochs.map((_, i) => i + 1));
    expect(fixture.lastFit).toMatchObject({ backend: expect.stringMatching(/wasm|tensorflow|cpu/) });
  });

  it('toState → fromState scores identically (also through JSON for the plain parts)', () => {
    const state = fixture.toState();
    const copy = TwoTowerRecommender.fromState(state);
    for (const c of [payroll, coldStart]) expect(entries(copy.score(c, PRODUCTS))).toEqual(entries(fixture.score(c, PRODUCTS)));
    expect(JSON.parse(JSON.stringify(state.config))).toEqual(state.config);
    expect(JSON.parse(JSON.stringify(state.encoder))).toEqual(state.encoder);
    expect(Array.from(copy.productEmbedding('fund')!)).toEqual(Array.from(fixture.productEmbedding('fund')!));
  });

  it('similarity is symmetric, within [-1, 1], 1 with itself; embeddings exist only for known products', () => {
    const ids = PRODUCTS.map((p) => p.id);
    for (const a of ids) {
      expect(fixture.similarity(a, a)).toBe(1);
      expect(fixture.productEmbedding(a)!.length).toBe(SMALL.dim);
      for (const b of ids) {
        const s = fixture.similarity(a, b);
        expect(s).toBeGreaterThanOrEqual(-1);
        expect(s).toBeLessThanOrEqual(1);
        expect(s).toBe(fixture.similarity(b, a));
      }
    }
    expect(fixture.productEmbedding('brand-new')).toBeUndefined();
    expect(fixture.similarity('brand-new', 'acc')).toBe(0);
  });

  it('a cold-start customer (profile only, nothing held) gets a finite, non-empty score map from the customer tower', () => {
    const u = fixture.customerEmbedding(coldStart)!;
    expect(u.length).toBe(SMALL.dim);
    expect([...u].every(Number.isFinite)).toBe(true);
    const s = fixture.score(coldStart, PRODUCTS);
    expect(s.size).toBe(PRODUCTS.length);
    for (const { score } of s.values()) expect(Number.isFinite(score) && score >= 0 && score <= 1).toBe(true);
    expect([...s.values()].some((x) => x.score > 0)).toBe(true);
  });

  it('held products score 0; with nothing to learn from it has no opinion', async () => {
    expect(fixture.score(payroll, PRODUCTS).get('pay')!.score).toBe(0);
    const empty = new TwoTowerRecommender(SMALL);
    await empty.fit({ products: PRODUCTS, customers: [], examples: [] });
    expect(empty.fitted).toBe(false);
    expect(empty.score(payroll, PRODUCTS).size).toBe(0);
    expect(empty.customerEmbedding(payroll)).toBeUndefined();
  });

  it('is created only when weighted, unless asked for every recommender', () => {
    const names = (r: { recommender: Recommender }[]) => r.map((w) => w.recommender.name);
    expect(names(createRecommenders(loadConfig({})))).not.toContain('two-tower');
    expect(names(createRecommenders(loadConfig({}), { includeUnweighted: true }))).toContain('two-tower');
    const weighted = createRecommenders({ ...loadConfig({}), WEIGHT_TWO_TOWER: 1 }).find((w) => w.recommender.name === 'two-tower');
    expect(weighted?.weight).toBe(1);
  });

  it('on real customers it beats popularity on held-out customers, early-stopping on validation MAP@7, and scores fast', async () => {
    const customers = await sampleCustomers(0.6);
    const products = catalogProducts();
    const { train, test } = splitByCustomer(customers, (c) => c.profile.id, { testFraction: 0.3, seed: 42 });
    const data = trainingData(train, products);
    const model = new TwoTowerRecommender({ ...DEFAULT_TWO_TOWER, hidden: [64], maxEpochs: 15 });
    const popularity = new PopularityRecommender();
    await model.fit(data);
    popularity.fit(data);
    expect(model.lastFit!.validationMap).not.toBeNull();
    const cases = evaluationCases(test);
    const map = (r: Recommender): number => {
      const engine = createEngine([{ recommender: r, weight: 1 }], { normalisation: 'max' });
      return cases.reduce((sum, c) => sum + averagePrecision(engine.recommend(c.state, products, { first: 7 }).items.map((i) => i.product.id), c.relevant, 7), 0) / cases.length;
    };
    const [mModel, mPopularity] = [map(model), map(popularity)];
    expect(mModel).toBeGreaterThan(mPopularity + 0.05);
    const t0 = performance.now();
    for (const c of cases) model.score(c.state, products);
    expect((performance.now() - t0) / cases.length).toBeLessThan(5);
  }, 30_000);
});

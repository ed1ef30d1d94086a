// The conformance suite every recommender passes (cf. LensKit testing/_components.py ScorerTests).
// Called from recommenders.test.ts once per recommender, on the hand-made fixture.
import { describe, expect, it } from 'vitest';
import type { CustomerState, ProductInfo, Recommender } from '../../src/recommend/types';
import { PRODUCTS, profile, stateOf, trainingFixture } from '../recommend/fixture';

/** The only keys a model ever sees of a customer: no sex, residence or nationality. */
export const PROFILE_KEYS = [
  'active', 'age', 'id', 'income', 'investmentHorizonMonths', 'liquidityNeed', 'region', 'riskTolerance', 'segment', 'seniorityMonths',
];

const customers: [string, CustomerState][] = [
  ['a payroll customer', stateOf(profile('q-payroll', { age: 33 }), [['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay']])],
  ['a customer who dropped a product', stateOf(profile('q-churn'), [['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc']])],
  ['a customer with nothing known', stateOf(profile('q-empty', { age: null, income: null, segment: null, seniorityMonths: null, active: null, region: null }), [])],
  ['a customer holding a product unknown to the model', stateOf(profile('q-unknown'), [['mystery'], ['mystery'], ['mystery'], ['mystery'], ['mystery', 'acc']])],
];

const entries = (m: Map<string, { score: number; evidence?: string; code?: string }>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : 1));

export function recommenderConformance(name: string, create: () => Recommender): void {
  describe(`${name} conformance`, () => {
    const fitted = async (): Promise<Recommender> => {
      const r = create();
      await r.fit(trainingFixture());
      return r;
    };

    it('has a name, a reason code and a JSON-able config', () => {
      const r = create();
      expect(r.name).toBe(name);
      expect(r.reasonCode).toMatch(/^[A-Z_]+$/);
      expect(JSON.parse(JSON.stringify(r.config))).toEqual(r.config);
    });

    it.each(customers)('scores only the candidates it is given, with finite scores (%s)', async (_label, state) => {
      const r = await fitted();
      const subset = PRODUCTS.filter((p) => ['card', 'fund', 'save', 'junior'].includes(p.id));
      const scores = r.score(state, subset);
      for (const [id, s] of scores) {
        expect(subset.map((p) => p.id)).toContain(id);
        expect(Number.isFinite(s.score)).toBe(true);
        expect(s.score).toBeGreaterThanOrEqual(0);
      }
      expect(r.score(state, []).size).toBe(0);
    });

    it('is deterministic: same data, same scores, fit after fit and call after call', async () => {
      const [a, b] = [await fitted(), await fitted()];
      for (const [, state] of customers) {
        expect(entries(a.score(state, PRODUCTS))).toEqual(entries(b.score(state, PRODUCTS)));
        expect(entries(a.score(state, PRODUCTS))).toEqual(entries(a.score(state, PRODUCTS)));
      }
    });

    it('has an opinion on known products for an ordinary customer', async () => {
      const scores = (await fitted()).score(customers[0][1], PRODUCTS);
      expect(scores.size).toBeGreaterThan(0);
    });

    it('leaves "no opinion" absent: a product it never saw gets no entry (not a zero)', async () => {
      const newProduct: ProductInfo = { ...PRODUCTS[3], id: 'brand-new', code: 'brand-new', name: 'Brand New' };
      const r = await fitted();
      for (const [, state] of customers) expect(r.score(state, [newProduct]).has('brand-new')).toBe(false);
    });

    it('cannot score with protected attributes: the profile has none, and extra ones change nothing', async () => {
      const state = customers[0][1];
      expect(Object.keys(state.profile).sort()).toEqual(PROFILE_KEYS);
      const r = await fitted();
      const smuggled = { ...state, profile: { ...state.profile, sex: 'H', residenceCountry: 'XX', foreignBorn: true } as CustomerState['profile'] };
      expect(entries(r.score(smuggled, PRODUCTS))).toEqual(entries(r.score(state, PRODUCTS)));
    });

    it('fits on empty training data without throwing, and then scores finitely', async () => {
      const r = create();
      await r.fit({ products: PRODUCTS, customers: [], examples: [] });
      for (const s of r.score(customers[0][1], PRODUCTS).values()) expect(Number.isFinite(s.score)).toBe(true);
    });
  });
}

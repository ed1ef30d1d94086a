import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { evaluationCases } from '../../src/eval/cases';
import { tuneBlend, WEIGHT_GRID } from '../../src/eval/tuneWeights';
import { fitRecommenders } from '../../src/recommend/pipeline';
import { createRecommenders } from '../../src/recommend/recommenders';
import { fixtureCustomers, PRODUCTS, trainingFixture } from '../recommend/fixture';

describe('blend weight tuning', () => {
  it('finds weights at least as good as the starting ones, from the grid, on the cases it is given', async () => {
    const parts = createRecommenders({ ...loadConfig({}), WEIGHT_POPULARITY: 1, WEIGHT_ITEM_CF: 1, WEIGHT_USER_CF: 1, WEIGHT_CONTENT: 1, WEIGHT_ACTIVITY: 1 });
    await fitRecommenders(parts, trainingFixture());
    const cases = evaluationCases(fixtureCustomers());
    const steps: string[] = [];
    const tuned = tuneBlend(parts, cases, PRODUCTS, 3, { onProgress: (step) => steps.push(step) });
    const startOnly = tuneBlend(parts, cases, PRODUCTS, 3, { rounds: 0 });
    expect(tuned.map).toBeGreaterThanOrEqual(startOnly.map);
    expect(Object.keys(tuned.weights)).toEqual(parts.map((p) => p.recommender.name));
    for (const w of Object.values(tuned.weights)) expect([1, ...WEIGHT_GRID]).toContain(w);
    expect(Object.values(tuned.weights).some((w) => w > 0)).toBe(true);
    expect(['max', 'rank']).toContain(tuned.normalisation);
    expect(steps).toEqual(expect.arrayContaining(['score validation customers', 'tune blend weights']));
  });
});

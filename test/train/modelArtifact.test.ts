import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogProducts } from '../../src/eval/catalog';
import { evaluationCases, trainingData } from '../../src/eval/cases';
import { splitByCustomer } from '../../src/eval/split';
import { DEFAULT_NEURAL, NeuralRecommender } from '../../src/recommend/recommenders/neural';
import { loadNeuralArtifact, saveNeuralArtifact } from '../../src/train/modelArtifact';
import { sampleCustomers } from '../eval/realFixture';

const dir = mkdtempSync(path.join(tmpdir(), 'finrec-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('neural model artifact', () => {
  it('save → load scores every customer identically (income imputation, tokens, all lags)', async () => {
    const customers = await sampleCustomers(0.3);
    const products = catalogProducts();
    const { train, test } = splitByCustomer(customers, (c) => c.profile.id, { testFraction: 0.3, seed: 42 });
    const trained = new NeuralRecommender({ ...DEFAULT_NEURAL, hidden: [32, 16], maxEpochs: 4, keepBest: 2 });
    await trained.fit(trainingData(train, products));
    expect(trained.fitted).toBe(true);

    const at = path.join(dir, 'v1');
    saveNeuralArtifact(at, trained, { note: 'test' });
    const loaded = loadNeuralArtifact(at);
    expect(loaded.config).toEqual(trained.config);

    const cases = evaluationCases(test);
    expect(cases.length).toBeGreaterThan(100);
    for (const c of cases) {
      const a = trained.score(c.state, products);
      const b = loaded.score(c.state, products);
      expect(b.size).toBeGreaterThan(0);
      expect([...b]).toEqual([...a]);
    }
  }, 40_000);

  it('refuses an unfitted model, a missing artifact and a foreign format with a readable error', () => {
    expect(() => saveNeuralArtifact(path.join(dir, 'x'), new NeuralRecommender())).toThrow(/not been fitted/);
    expect(() => loadNeuralArtifact(path.join(dir, 'missing'))).toThrow(/cannot be read/);
    const foreign = path.join(dir, 'foreign');
    mkdirSync(foreign, { recursive: true });
    writeFileSync(path.join(foreign, 'model.json'), JSON.stringify({ format: 'other/9' }));
    expect(() => loadNeuralArtifact(foreign)).toThrow(/unknown format/);
  });
});

// Saved model versions: every learned model in the bundle reloads and scores identically, the learned
// blend survives the round trip, a version saved by the first format (one neural ranker) still loads,
// and a missing, foreign or damaged artifact is refused with a readable error.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogProducts } from '../../src/eval/catalog';
import { evaluationCases, trainingData, type EvaluationCase } from '../../src/eval/cases';
import { splitByCustomer } from '../../src/eval/split';
import { DEFAULT_NEURAL, NeuralRecommender } from '../../src/recommend/recommenders/neural';
import { DEFAULT_TWO_TOWER, TwoTowerRecommender } from '../../src/recommend/recommenders/twoTower';
import type { LearnedRecommender, ProductInfo } from '../../src/recommend/types';
import { loadModelBundle, saveModelBundle, type LearnedBlend } from '../../src/train/modelArtifact';
import { sampleCustomers } from '../eval/realFixture';

const dir = mkdtempSync(path.join(tmpdir(), 'finrec-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const blend: LearnedBlend = { weights: { neural: 2, 'two-tower': 1, 'item-cf': 0.25 }, normalisation: 'max', validationMap: 0.81 };

describe('model artifact (bundle of learned models + learned blend)', () => {
  let neural: NeuralRecommender;
  let twoTower: TwoTowerRecommender;
  let cases: EvaluationCase[];
  let products: ProductInfo[];

  beforeAll(async () => {
    const customers = await sampleCustomers(0.3);
    products = catalogProducts();
    const { train, test } = splitByCustomer(customers, (c) => c.profile.id, { testFraction: 0.3, seed: 42 });
    neural = new NeuralRecommender({ ...DEFAULT_NEURAL, hidden: [32, 16], maxEpochs: 3, keepBest: 2 });
    twoTower = new TwoTowerRecommender({ ...DEFAULT_TWO_TOWER, hidden: [32], dim: 8, maxEpochs: 3 });
    const data = trainingData(train, products);
    await neural.fit(data);
    await twoTower.fit(data);
    cases = evaluationCases(test);
  }, 60_000);

  const sameScores = (a: LearnedRecommender, b: LearnedRecommender): void => {
    expect(cases.length).toBeGreaterThan(100);
    for (const c of cases) {
      const got = b.score(c.state, products);
      expect(got.size).toBeGreaterThan(0);
      expect([...got]).toEqual([...a.score(c.state, products)]);
    }
  };

  it('save → load scores every customer identically, for each model, and keeps the learned blend', () => {
    const at = path.join(dir, 'v1');
    saveModelBundle(at, { models: new Map<string, LearnedRecommender>([['neural', neural], ['two-tower', twoTower]]), blend }, { note: 'test' });
    const loaded = loadModelBundle(at);
    expect([...loaded.models.keys()]).toEqual(['neural', 'two-tower']);
    expect(loaded.blend).toEqual(blend);
    expect(loaded.models.get('neural')!.config).toEqual(neural.config);
    sameScores(neural, loaded.models.get('neural')!);
    sameScores(twoTower, loaded.models.get('two-tower')!);
    const tt = loaded.models.get('two-tower') as TwoTowerRecommender;
    expect(tt.similarity(products[0].id, products[1].id)).toBe(twoTower.similarity(products[0].id, products[1].id));
  });

  it('loads a version saved by format 1 (one neural ranker, no learned blend)', () => {
    const state = neural.toState();
    const b64 = (a: Float32Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    const v1 = {
      format: 'finrec-neural/1', kind: 'neural', config: state.config, encoder: state.encoder,
      ensemble: state.ensemble.map((layers) => layers.map((l) => ({ inDim: l.inDim, outDim: l.outDim, w: b64(l.w), b: b64(l.b) }))),
    };
    const at = path.join(dir, 'format1');
    mkdirSync(at, { recursive: true });
    writeFileSync(path.join(at, 'model.json'), JSON.stringify(v1));
    const loaded = loadModelBundle(at);
    expect(loaded.blend).toBeNull();
    sameScores(neural, loaded.models.get('neural')!);
  });

  it('refuses an empty bundle, an unfitted model, a missing, foreign or truncated artifact with a readable error', () => {
    expect(() => saveModelBundle(path.join(dir, 'x'), { models: new Map(), blend: null })).toThrow(/at least one learned model/);
    expect(() => saveModelBundle(path.join(dir, 'x'), { models: new Map([['neural', new NeuralRecommender()]]), blend: null })).toThrow(/not been fitted/);
    expect(() => loadModelBundle(path.join(dir, 'missing'))).toThrow(/cannot be read/);
    const foreign = path.join(dir, 'foreign');
    mkdirSync(foreign, { recursive: true });
    writeFileSync(path.join(foreign, 'model.json'), JSON.stringify({ format: 'other/9' }));
    expect(() => loadModelBundle(foreign)).toThrow(/unknown format "other\/9"/);
    const damaged = path.join(dir, 'damaged');
    saveModelBundle(damaged, { models: new Map([['neural', neural]]), blend: null });
    const file = path.join(damaged, 'model.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/"\$f32":"[A-Za-z0-9+/]{8}/, '"$f32":"'));
    expect(() => loadModelBundle(damaged)).toThrow(/neural cannot be loaded: neural\.ensemble\[0\]\[0\]\.w has \d+ bytes, expected \d+ \(\d+ float32 values\)/);
  });
});

// `npm run train` learns the blend: the learned models and the blend weights come from one run, the
// weights are chosen on validation customers, saved with the version, and the served engine uses
// them (BLEND_WEIGHTS=learned, the default) or the configured WEIGHT_* (BLEND_WEIGHTS=config).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { catalogProducts } from '../../src/eval/catalog';
import { evaluationCases, trainingData } from '../../src/eval/cases';
import { averagePrecision } from '../../src/eval/metrics';
import { splitByCustomer } from '../../src/eval/split';
import { buildCustomerState } from '../../src/recommend/customerState';
import { fitEngine } from '../../src/recommend/pipeline';
import type { RecommendationEngine } from '../../src/recommend/engine';
import { loadModelBundle } from '../../src/train/modelArtifact';
import { RANKING_KIND } from '../../src/train/modelVersions';
import { trainAndRecord, type TrainOutcome } from '../../src/train/trainModel';
import { createTestDb, type TestDb } from '../helpers/db';
import { sampleCustomers } from '../eval/realFixture';

describe('learned blend', () => {
  let t: TestDb;
  let dir: string;
  let out: TrainOutcome;
  const products = catalogProducts();
  let train: Awaited<ReturnType<typeof sampleCustomers>>;
  let test: typeof train;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'finrec-blend-'));
    t = await createTestDb('sqlite');
    ({ train, test } = splitByCustomer(await sampleCustomers(0.5), (c) => c.profile.id, { testFraction: 0.3, seed: 3 }));
    const steps: string[] = [];
    out = await trainAndRecord({
      db: t.db, config: { MODELS_DIR: dir }, seed: 5, data: trainingData(train, products), onStep: (s) => steps.push(s),
      neural: { hidden: [32], maxEpochs: 4 }, twoTower: { hidden: [32], dim: 8, maxEpochs: 4 },
    });
    expect(steps.map((s) => s.split(' ')[0])).toEqual(['fit', 'fit', 'fit', 'tune']);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('trains every learned model and chooses the blend weights on validation customers', async () => {
    expect(out.models.map((m) => m.name)).toEqual(['neural', 'two-tower']);
    for (const m of out.models) expect(m.validationMap).toBeGreaterThan(0.3);
    expect(out.blend).not.toBeNull();
    expect(Object.keys(out.blend!.weights)).toEqual(expect.arrayContaining(['neural', 'two-tower', 'item-cf', 'user-cf', 'content']));
    expect(Object.values(out.blend!.weights).some((w) => w > 0)).toBe(true);
    expect(out.blend!.validationMap).toBeGreaterThan(0.3);
    expect(out.version.kind).toBe(RANKING_KIND);
    expect(JSON.parse(out.version.metrics)).toMatchObject({ validationMap7: out.blend!.validationMap, blend: out.blend });
    expect(loadModelBundle(out.version.artifactPath).blend).toEqual(out.blend);
  });

  it('the served engine uses the learned weights, or the configured ones with BLEND_WEIGHTS=config', async () => {
    const bundle = { version: out.version.id, ...loadModelBundle(out.version.artifactPath) };
    const data = trainingData(train, products);
    const learned = await fitEngine(data, loadConfig({ NODE_ENV: 'test' }), bundle);
    const configured = await fitEngine(data, loadConfig({ NODE_ENV: 'test', BLEND_WEIGHTS: 'config', WEIGHT_NEURAL: '2', WEIGHT_TWO_TOWER: '0' }), bundle);
    const weighted = Object.entries(out.blend!.weights).filter(([, w]) => w > 0).map(([n]) => n);
    expect(learned.modelVersion).toBe(out.version.id);
    expect(learned.name).toEqual(weighted.length === 1 ? weighted[0] : expect.stringMatching(/^blend\(/));
    for (const n of weighted) expect(learned.name).toContain(n);
    expect(configured.modelVersion).toBe(out.version.id); // its loaded neural ranker is in use
    expect(configured.name).toBe('blend(item-cf,user-cf,content,neural)');

    // Held-out customers: the learned blend ranks as well as the hand-set weights, within noise.
    const map = (e: RecommendationEngine): number => {
      const cases = evaluationCases(test);
      return cases.reduce((a, c) => a + averagePrecision(e.recommend(c.state, products, { first: 7 }).items.map((i) => i.product.id), c.relevant, 7), 0) / cases.length;
    };
    expect(map(learned)).toBeGreaterThan(map(configured) - 0.03);
  }, 60_000);

  it('a cold-start customer (profile only, nothing held, no events) gets a list from the learned models', async () => {
    const bundle = { version: out.version.id, ...loadModelBundle(out.version.artifactPath) };
    const engine = await fitEngine(trainingData(train, products), loadConfig({ NODE_ENV: 'test', BLEND_WEIGHTS: 'config', WEIGHT_NEURAL: '1', WEIGHT_TWO_TOWER: '1', WEIGHT_ITEM_CF: '0', WEIGHT_USER_CF: '0', WEIGHT_CONTENT: '0' }), bundle);
    const fresh = buildCustomerState({ ...test[0].profile, id: 'new-customer' }, []);
    expect(fresh.held.size).toBe(0);
    const list = engine.recommend(fresh, products, { first: 5 });
    expect(list.items).toHaveLength(5);
    for (const item of list.items) {
      expect(item.score).toBeGreaterThan(0);
      expect(item.reasons.map((r) => r.code)).toContain('LEARNED_FROM_SIMILAR_PATHS');
    }
  });

  it('similar products use the two-tower embeddings (SAME_CUSTOMERS_AS) even when the blend does not weight it', async () => {
    const bundle = { version: out.version.id, ...loadModelBundle(out.version.artifactPath) };
    const engine = await fitEngine(trainingData(train, products), loadConfig({ NODE_ENV: 'test', BLEND_WEIGHTS: 'config', WEIGHT_TWO_TOWER: '0' }), bundle);
    const similar = engine.similarProducts(products[0].id, products, 5);
    expect(similar.length).toBeGreaterThan(0);
    expect(similar.some((s) => s.reasons.some((r) => r.code === 'SAME_CUSTOMERS_AS'))).toBe(true);
  }, 60_000);
});

// Holdout MAP@7 of what FinRec actually serves after `npm run train`: train exactly as the train
// command does (both learned models, early stopping and blend tuning on its own validation customers)
// on the 70 % of a seeded customer split, load the saved version as the server does, fit the engine
// with it (learned blend, BLEND_WEIGHTS=learned) and rank the 30 % held-out customers through the full
// pipeline. The same split as `npm run evaluate` and bench/neural.ts, so the figures compare.
//   npm run build && node dist/bench/served.js [FILE] [--seed 42]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { catalogProducts } from '../src/eval/catalog';
import { evaluationCases, trainingData } from '../src/eval/cases';
import { averagePrecision } from '../src/eval/metrics';
import { splitByCustomer } from '../src/eval/split';
import { readCustomerHistories } from '../src/ingest/santander/toHistory';
import { fitEngine } from '../src/recommend/pipeline';
import { createDb } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import { loadModelBundle } from '../src/train/modelArtifact';
import { epochLine, summaryLines } from '../src/train/trainReport';
import { trainAndRecord } from '../src/train/trainModel';
import { benchArgs, runBench } from './holdout';

runBench(async () => {
  const a = benchArgs();
  const config = loadConfig();
  const dir = mkdtempSync(path.join(tmpdir(), 'finrec-bench-served-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  await migrate(url);
  const db = createDb(url);
  try {
    const { customers } = await readCustomerHistories(a.file);
    const products = catalogProducts();
    const { train, test } = splitByCustomer(customers, (c) => c.profile.id, { testFraction: 0.3, seed: 42 });
    const data = trainingData(train, products);
    const out = await trainAndRecord({
      db, config: { ...config, MODELS_DIR: path.join(dir, 'models') }, data, seed: a.flag('seed', 42),
      onStep: (step) => process.stdout.write(`${step} …\n`), onEpoch: (p, model) => process.stdout.write(`${epochLine(p, model)}\n`),
    });
    for (const line of summaryLines(out)) process.stdout.write(`${line}\n`);
    const engine = await fitEngine(data, config, { version: out.version.id, ...loadModelBundle(out.version.artifactPath) });
    const cases = evaluationCases(test);
    const map = cases.reduce((s, c) => s + averagePrecision(engine.recommend(c.state, products, { first: 7 }).items.map((i) => i.product.id), c.relevant, 7), 0) / cases.length;
    process.stdout.write(`served engine ${engine.name} (model version ${engine.modelVersion}): holdout MAP@7 ${map.toFixed(4)} over ${cases.length} customers\n`);
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
});

// Holdout MAP@7 of what FinRec actually serves after `npm run train`: train exactly as the train
// command does (both learned models, early stopping and blend tuning on its own validation customers)
// on the 70 % of a seeded customer split, load the saved version as the server does, fit the engine
// with it (learned blend, BLEND_WEIGHTS=learned) and rank the 30 % held-out customers through the full
// pipeline. The same split as `npm run evaluate` and bench/neural.ts, so the figures compare.
//   npm run build && node dist/bench/served.js [FILE] [--seed 42]
import path from 'node:path';
import { loadConfig } from '../src/config';
import { fitEngine } from '../src/recommend/pipeline';
import { loadModelBundle } from '../src/train/modelArtifact';
import { epochLine, summaryLines } from '../src/train/trainReport';
import { trainAndRecord } from '../src/train/trainModel';
import { benchArgs, holdoutMap, loadHoldout, runBench, withTempDb } from './holdout';

runBench(async () => {
  const a = benchArgs();
  const config = loadConfig();
  const { products, data, cases } = await loadHoldout(a.file);
  await withTempDb(async (db, dir) => {
    const out = await trainAndRecord({
      db, config: { ...config, MODELS_DIR: path.join(dir, 'models') }, data, seed: a.flag('seed', 42),
      onStep: (step) => process.stdout.write(`${step} …\n`), onEpoch: (p, model) => process.stdout.write(`${epochLine(p, model)}\n`),
    });
    for (const line of summaryLines(out)) process.stdout.write(`${line}\n`);
    const engine = await fitEngine(data, config, { version: out.version.id, ...loadModelBundle(out.version.artifactPath) });
    const map = holdoutMap((c) => engine.recommend(c.state, products, { first: 7 }).items.map((i) => i.product.id), cases);
    process.stdout.write(`served engine ${engine.name} (model version ${engine.modelVersion}): holdout MAP@7 ${map.toFixed(4)} over ${cases.length} customers\n`);
  });
});

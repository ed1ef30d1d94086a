// Benchmark of `npm run train` on a whole Santander additions file: the same code path as
// `npm run train -- --file FILE` (trainingDataFromFile → trainAndRecord, default hyper-parameters and
// seed), on a throwaway SQLite database and models directory under the OS temp dir (removed after),
// so that the version row is recorded as usual. Prints backend, rows, epochs, wall time, training
// time and rows/s.
//   npm run build && node dist/bench/train.js [FILE] [--seed N] [--keep]
import path from 'node:path';
import { loadConfig } from '../src/config';
import { ensureCatalog } from '../src/ingest/catalog/ensureCatalog';
import { tfRuntime } from '../src/train/backend';
import { trainingDataFromFile } from '../src/train/trainingSource';
import { epochLine, summaryLines } from '../src/train/trainReport';
import { trainAndRecord } from '../src/train/trainModel';
import { benchArgs, runBench, withTempDb } from './holdout';

runBench(async () => {
  const a = benchArgs();
  const file = path.resolve(a.file);
  const config = loadConfig();
  const started = performance.now();
  await withTempDb(async (db, dir) => {
    await ensureCatalog(db);
    const tf = await tfRuntime(config.FINREC_TF_BACKEND);
    const read = await trainingDataFromFile(db, file);
    process.stdout.write(`read ${file}: ${read.rows} rows (${read.errors.length} malformed) in ${(read.ms / 1000).toFixed(1)} s\n`);
    const out = await trainAndRecord({
      db, config: { ...config, MODELS_DIR: path.join(dir, 'models') }, data: read.data, seed: a.flag('seed', 42),
      onData: (d) => process.stdout.write(`training on ${d.customers} customers, ${d.examples} customer-dates with additions, ${d.products} products\n`),
      onStep: (step) => process.stdout.write(`${step} …\n`),
      onEpoch: (p, model) => process.stdout.write(`${epochLine(p, model)}\n`),
    });
    const wall = (performance.now() - started) / 1000;
    process.stdout.write([
      `backend          ${tf.backend}`,
      `file rows        ${read.rows} (read in ${(read.ms / 1000).toFixed(1)} s)`,
      ...summaryLines(out),
      `wall time        ${wall.toFixed(1)} s (read + train + tune + save + record + setup)`,
      `version          ${out.version.id} (recorded in a temporary database, removed)`,
    ].join('\n') + '\n');
  }, process.argv.includes('--keep'));
});

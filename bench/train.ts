// Benchmark of `npm run train` on a whole Santander additions file: the same code path as
// `npm run train -- --file FILE` (trainingDataFromFile → trainAndRecord, default hyper-parameters and
// seed), on a throwaway SQLite database and models directory under the OS temp dir (removed after),
// so that the version row is recorded as usual. Prints backend, rows, epochs, wall time, training
// time and rows/s.
//   npm run build && node dist/bench/train.js [FILE] [--seed N] [--keep]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { ensureCatalog } from '../src/ingest/catalog/ensureCatalog';
import { createDb } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import { tfRuntime } from '../src/train/backend';
import { trainingDataFromFile } from '../src/train/trainingSource';
import { epochLine, summaryLines } from '../src/train/trainReport';
import { trainAndRecord } from '../src/train/trainModel';

const DEFAULT_FILE = '../shared/data/santander_may2016_additions/santander_additions_2016-05_train70.csv.gz';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = path.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--seed') ?? DEFAULT_FILE);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : undefined;
  const config = loadConfig();
  const dir = mkdtempSync(path.join(tmpdir(), 'finrec-bench-train-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  const started = performance.now();
  await migrate(url);
  const db = createDb(url);
  try {
    await ensureCatalog(db);
    const tf = await tfRuntime(config.FINREC_TF_BACKEND);
    const read = await trainingDataFromFile(db, file);
    process.stdout.write(`read ${file}: ${read.rows} rows (${read.errors.length} malformed) in ${(read.ms / 1000).toFixed(1)} s\n`);
    const out = await trainAndRecord({
      db, config: { ...config, MODELS_DIR: path.join(dir, 'models') }, data: read.data, seed,
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
  } finally {
    await db.$disconnect();
    if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
    else process.stdout.write(`kept ${dir}\n`);
  }
}

main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack}\n`); process.exitCode = 1; });

// npm run recommend-batch -- --input FILE --out FILE [--n 7]
// Scores the customers of a Santander additions file with the recommenders fitted on the database
// (brought up to date and seeded with the bundled sample first when empty) and writes the Kaggle
// submission format. The file's customers are not written to the database.
// Exit codes: 0 done, 1 fatal error, 2 usage error.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { recommendBatch } from '../batch/recommendBatch';
import { loadConfig } from '../config';
import { openReadyDb } from '../ingest/seed';
import { createLogger } from '../log';
import { fitEngine } from '../recommend/pipeline';
import { tfRuntime } from '../train/backend';
import { loadModelBundle } from '../train/modelArtifact';
import { activeModelVersion, artifactDir } from '../train/modelVersions';
import { loadProducts, loadTrainingData } from '../store/snapshot';
import { progressReporter } from './progress';
import { inputFileProblem, parseCommandLine, runCommand } from './run';

const USAGE = `usage: npm run recommend-batch -- --input FILE --out FILE [--n 7]

  --input FILE  Santander additions file (.csv or .csv.gz; added_products optional and ignored)
  --out FILE    where to write "ncodpers,added_products" (ranked product codes, space-separated)
  --n N         products per customer, 1–24 (default 7)

Scores with what DATABASE_URL holds (default file:./finrec.db), and with the active saved model
version (npm run train) when there is one.`;

function parse(argv: string[]): { input: string; out: string; n: number } | 'help' {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { input: { type: 'string' }, out: { type: 'string' }, n: { type: 'string', default: '7' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"`);
  if (!values.input) throw new Error('--input is required');
  if (!values.out) throw new Error('--out is required');
  const n = Number(values.n);
  if (!Number.isInteger(n) || n < 1 || n > 24) throw new Error(`--n must be an integer from 1 to 24 (got "${values.n}")`);
  return { input: values.input, out: values.out, n };
}

/** Why the input cannot be read or the output cannot be written, or null. */
function pathProblem(input: string, out: string): string | null {
  const unreadable = inputFileProblem(input);
  if (unreadable) return `--input: ${unreadable}`;
  if (existsSync(out) && statSync(out).isDirectory()) return `--out is a directory: ${out}`;
  const dir = path.dirname(path.resolve(out));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return `--out: directory ${dir} does not exist (for ${out})`;
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return `--out: directory ${dir} is not writable`;
  }
  return null;
}

async function main(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv, USAGE, parse);
  if ('exit' in args) return args.exit;
  // Every path problem is reported now, not after minutes of fitting.
  const problem = pathProblem(args.input, args.out);
  if (problem) {
    console.error(`error: ${problem}`);
    return 1;
  }
  const config = loadConfig();
  const log = createLogger({ ...config, LOG_LEVEL: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL });
  const { db } = await openReadyDb(config, log);
  try {
    const started = performance.now();
    const data = await loadTrainingData(db);
    const added = data.examples.reduce((n, e) => n + e.added.size, 0);
    process.stderr.write(`fitting on the database: ${data.customers.length} customers, ${added} products added on ${data.examples.length} customer-dates\n`);
    const tf = await tfRuntime(config.FINREC_TF_BACKEND);
    process.stderr.write(`TensorFlow.js backend: ${tf.backend}\n`);
    // The active saved model version (npm run train) replaces training the neural ranker here.
    const active = await activeModelVersion(db);
    const pretrained = active ? { version: active.id, ...loadModelBundle(artifactDir(active, path.resolve(config.MODELS_DIR))) } : null;
    if (active) process.stderr.write(`scoring with the active model version ${active.id}\n`);
    const engine = await fitEngine(data, config, pretrained);
    const products = await loadProducts(db, { activeOnly: true, linesOnly: true });
    let progress: ReturnType<typeof progressReporter> | undefined;
    const summary = await recommendBatch(engine, products, {
      ...args,
      onProgress: (done, total) => { progress ??= progressReporter('scoring', 'customers', total); progress.update(done); },
    });
    progress?.stop();
    const seconds = (performance.now() - started) / 1000;
    console.log(`wrote ${summary.written} customers (${summary.rows} rows read, ${summary.errors.length} skipped) to ${args.out} in ${seconds.toFixed(1)} s with ${engine.name}${engine.modelVersion ? ` (model version ${engine.modelVersion})` : ''}`);
    for (const e of summary.errors.slice(0, 20)) console.log(`  skipped line ${e.line}: ${e.field}: ${e.message}`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

runCommand(main);

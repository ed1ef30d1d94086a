// npm run train -- [--file PATH [--strict]] [--seed N] [--no-activate] [--max-epochs N] [--hidden 256,128]
// Trains the learned models (neural ranker, two-tower) and learns the blend weights on what
// DATABASE_URL holds (brought up to date, and seeded with the bundled sample when SEED_SAMPLE and
// empty) — or on the customers of a Santander file, without importing them — saves them under MODELS_DIR/<version-id>/ and records a ModelVersion row, active
// unless --no-activate (a running server switches to it within MODEL_POLL_SECONDS, or through
// Mutation.activateModelVersion). Exit codes: 0 done, 1 fatal error or bad file, 2 usage error.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openReadyDb } from '../ingest/seed';
import { createLogger } from '../log';
import { tfRuntime } from '../train/backend';
import { trainingDataFromFile, TrainingFileError } from '../train/trainingSource';
import type { TrainingData } from '../recommend/types';
import type { NeuralConfig } from '../recommend/recommenders/neural';
import { trainAndRecord } from '../train/trainModel';
import { epochLine, summaryLines } from '../train/trainReport';
import { inputFileProblem, parseCommandLine, runCommand } from './run';

const USAGE = `usage: npm run train -- [--file PATH [--strict]] [--seed N] [--no-activate] [--max-epochs N] [--hidden 256,128]

  --file PATH       train on the customers of a Santander additions file (.csv / .csv.gz, as read by
                    npm run import) instead of the database; they are not imported. Malformed rows
                    are reported by line and skipped
  --strict          with --file: train nothing if any row is malformed
  --seed N          seed of initialisation, shuffling, dropout and the validation split (default 42)
  --no-activate     record the version without making it the one the server scores with
  --max-epochs N    upper bound on epochs of each learned model (early stopping on validation MAP@7
                    usually ends sooner)
  --hidden A,B      hidden layer sizes of both learned models (the neural ranker, the two-tower's
                    customer tower)

Trains on what DATABASE_URL holds (default file:./finrec.db) unless --file; the version is recorded
there either way; saves to MODELS_DIR (default models/).`;

const SHOWN_ERRORS = 20;

interface Args { seed?: number; activate: boolean; neural: Partial<NeuralConfig>; file?: string; strict: boolean }

function parse(argv: string[]): Args | 'help' {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      seed: { type: 'string' }, 'no-activate': { type: 'boolean' }, 'max-epochs': { type: 'string' }, hidden: { type: 'string' },
      file: { type: 'string' }, strict: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"`);
  const int = (name: string, v: string | undefined, min: number): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min} (got "${v}")`);
    return n;
  };
  const neural: Partial<NeuralConfig> = {};
  const maxEpochs = int('max-epochs', values['max-epochs'], 1);
  if (maxEpochs !== undefined) neural.maxEpochs = maxEpochs;
  if (values.hidden !== undefined) {
    const hidden = values.hidden.split(',').map((s) => Number(s.trim()));
    if (hidden.length === 0 || hidden.some((h) => !Number.isInteger(h) || h < 1)) throw new Error(`--hidden must be comma-separated positive integers (got "${values.hidden}")`);
    neural.hidden = hidden;
  }
  if (values.file !== undefined && values.file.trim() === '') throw new Error('--file needs a path');
  if (values.strict && values.file === undefined) throw new Error('--strict applies to --file only');
  return { seed: int('seed', values.seed, 0), activate: !values['no-activate'], neural, file: values.file, strict: values.strict ?? false };
}

function printRowErrors(errors: readonly Error[]): void {
  if (errors.length === 0) return;
  process.stderr.write(`malformed rows${errors.length > SHOWN_ERRORS ? ` (first ${SHOWN_ERRORS} of ${errors.length})` : ''}:\n`);
  for (const e of errors.slice(0, SHOWN_ERRORS)) process.stderr.write(`  ${e.message}\n`);
}

async function main(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv, USAGE, parse);
  if ('exit' in args) return args.exit;
  const problem = args.file === undefined ? null : inputFileProblem(args.file);
  if (problem) {
    console.error(`error: ${problem}`); // before any database is created or migrated
    return 1;
  }
  const config = loadConfig();
  const log = createLogger({ ...config, LOG_LEVEL: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL });
  // Training on a file needs the catalog (product ids) and somewhere to record the version, not the sample.
  const { db } = await openReadyDb(args.file === undefined ? config : { ...config, SEED_SAMPLE: false }, log);
  try {
    const tf = await tfRuntime(config.FINREC_TF_BACKEND);
    process.stderr.write(`TensorFlow.js backend: ${tf.backend}\n`);
    let data: TrainingData | undefined;
    let readMs = 0;
    if (args.file !== undefined) {
      try {
        const read = await trainingDataFromFile(db, args.file, { strict: args.strict });
        ({ data, ms: readMs } = read);
        process.stderr.write(`read ${args.file}: ${read.rows} rows in ${(read.ms / 1000).toFixed(1)} s`
          + `${read.errors.length > 0 ? `, ${read.errors.length} malformed (skipped)` : ''}\n`);
        printRowErrors(read.errors);
      } catch (e) {
        if (!(e instanceof TrainingFileError)) throw e;
        console.error(`error: ${e.message}`);
        printRowErrors(e.errors);
        return 1;
      }
    }
    const source = args.file === undefined ? 'the database' : args.file;
    const out = await trainAndRecord({
      db, config, seed: args.seed, activate: args.activate, neural: args.neural, twoTower: args.neural, data,
      onData: (d) => process.stderr.write(`training on ${source}: ${d.customers} customers, ${d.examples} customer-dates with additions, ${d.products} products\n`),
      onStep: (step) => process.stderr.write(`${step} …\n`),
      onEpoch: (p, model) => process.stderr.write(`${epochLine(p, model)}\n`),
    });
    const v = out.version;
    console.log(`model version ${v.id} (${v.kind}, ${v.backend})${v.active ? ' — active' : ' — not activated'}`);
    console.log(`  saved to ${v.artifactPath}`);
    for (const line of summaryLines(out)) console.log(line);
    if (readMs > 0) console.log(`  (and ${(readMs / 1000).toFixed(1)} s reading the file)`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

runCommand(main);

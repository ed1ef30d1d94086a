// npm run train -- [--seed N] [--no-activate] [--max-epochs N] [--hidden 256,128]
// Trains the neural ranker on what DATABASE_URL holds (brought up to date, and seeded with the
// bundled sample when SEED_SAMPLE and empty), saves it under MODELS_DIR/<version-id>/ and records a
// ModelVersion row, active unless --no-activate (a running server picks it up through
// Mutation.activateModelVersion or its next refit). Exit codes: 0 done, 1 fatal error, 2 usage error.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openReadyDb } from '../ingest/seed';
import { createLogger } from '../log';
import { tfRuntime } from '../train/backend';
import type { NeuralConfig } from '../recommend/recommenders/neural';
import { trainAndRecord } from '../train/trainModel';
import { runCommand } from './run';

const USAGE = `usage: npm run train -- [--seed N] [--no-activate] [--max-epochs N] [--hidden 256,128]

  --seed N          seed of initialisation, shuffling, dropout and the validation split (default 42)
  --no-activate     record the version without making it the one the server scores with
  --max-epochs N    upper bound on epochs (early stopping on validation MAP@7 usually ends sooner)
  --hidden A,B      hidden layer sizes

Trains on what DATABASE_URL holds (default file:./finrec.db); saves to MODELS_DIR (default models/).`;

interface Args { seed?: number; activate: boolean; neural: Partial<NeuralConfig> }

function parse(argv: string[]): Args {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      seed: { type: 'string' }, 'no-activate': { type: 'boolean' }, 'max-epochs': { type: 'string' }, hidden: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) { console.log(USAGE); process.exit(0); }
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
  return { seed: int('seed', values.seed, 0), activate: !values['no-activate'], neural };
}

async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parse(argv);
  } catch (e) {
    console.error(`error: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const log = createLogger({ ...config, LOG_LEVEL: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL });
  const { db } = await openReadyDb(config, log);
  try {
    const tf = await tfRuntime(config.FINREC_TF_BACKEND);
    process.stderr.write(`TensorFlow.js backend: ${tf.backend}\n`);
    const out = await trainAndRecord({
      db, config, seed: args.seed, activate: args.activate, neural: args.neural,
      onData: (d) => process.stderr.write(`training on the database: ${d.customers} customers, ${d.examples} customer-dates with additions, ${d.products} products\n`),
      onEpoch: (p) => process.stderr.write(`epoch ${p.epoch}/${p.maxEpochs}  loss ${p.loss.toFixed(4)}`
        + `${p.validation === null ? '' : `  val MAP@7 ${p.validation.toFixed(4)} (best ${p.best!.toFixed(4)})`}  ${(p.ms / 1000).toFixed(1)} s\n`),
    });
    const v = out.version;
    console.log(`model version ${v.id} (${v.kind}, ${v.backend})${v.active ? ' — active' : ' — not activated'}`);
    console.log(`  saved to ${v.artifactPath}`);
    console.log(`  ${out.rows} rows × ${out.epochs} epochs in ${(out.trainMs / 1000).toFixed(1)} s (${Math.round(out.rowsPerSecond)} rows/s); wall time ${(out.ms / 1000).toFixed(1)} s`);
    console.log(`  validation MAP@7: ${out.validationMap === null ? 'n/a (too few customers for a validation share)' : out.validationMap.toFixed(4)}`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

runCommand(main);

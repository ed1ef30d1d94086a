// npm run import -- santander FILE [--strict] [--batch-size N]
// Brings the database up to date (migrate), imports the file (src/ingest), prints a summary.
// Exit codes: 0 done (even with skipped rows), 1 strict failure or fatal error, 2 usage error.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { createDb } from '../store/db';
import { migrate } from '../store/migrate';
import { DEFAULT_BATCH_SIZE, importSantander, StrictImportError, type ImportSummary } from '../ingest/santander/import';
import { countDataRows } from '../ingest/santander/reader';
import { progressReporter } from './progress';
import { inputFileProblem, parseCommandLine, runCommand } from './run';

const USAGE = `usage: npm run import -- santander FILE [--strict] [--batch-size N]

  FILE            a Santander additions file (.csv or .csv.gz, 158 columns, added_products optional)
  --strict        check every row first; write nothing if any row is malformed
  --batch-size N  rows per transaction (default ${DEFAULT_BATCH_SIZE})

The database is DATABASE_URL (default file:./finrec.db).`;

const SHOWN_ERRORS = 20;

function parse(argv: string[]): { file: string; strict: boolean; batchSize: number } | 'help' {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { strict: { type: 'boolean', default: false }, 'batch-size': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return 'help';
  const [source, file, ...rest] = positionals;
  if (source !== 'santander') throw new Error(source ? `unknown source "${source}" (supported: santander)` : 'missing source and FILE');
  if (!file) throw new Error('missing FILE');
  if (rest.length > 0) throw new Error(`unexpected argument "${rest[0]}"`);
  const batchSize = values['batch-size'] === undefined ? DEFAULT_BATCH_SIZE : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`--batch-size must be a positive integer (got "${values['batch-size']}")`);
  return { file, strict: values.strict ?? false, batchSize };
}

function printSummary(s: ImportSummary, seconds: number): void {
  const rate = seconds > 0 ? Math.round(s.rows / seconds) : s.rows;
  console.log([
    'import finished',
    `  rows                  ${s.rows}`,
    `  imported              ${s.imported}`,
    `  skipped               ${s.skipped}`,
    `  customers created     ${s.customersCreated}`,
    `  customers updated     ${s.customersUpdated}`,
    `  interactions created  ${s.interactionsCreated}`,
    `  elapsed               ${seconds.toFixed(1)} s (${rate} rows/s)`,
  ].join('\n'));
  if (s.errors.length > 0) {
    console.log(`skipped rows${s.skipped > SHOWN_ERRORS ? ` (first ${SHOWN_ERRORS} of ${s.skipped})` : ''}:`);
    for (const e of s.errors.slice(0, SHOWN_ERRORS)) console.log(`  line ${e.line}: ${e.field}: ${e.message}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv, USAGE, parse);
  if ('exit' in args) return args.exit;
  const problem = inputFileProblem(args.file);
  if (problem) {
    console.error(`error: ${problem}`);
    return 1;
  }

  const config = loadConfig();
  await migrate(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL);
  const started = performance.now();
  const total = await countDataRows(args.file);
  if (args.strict) process.stderr.write(`checking ${total} rows (strict: nothing is written if any row is malformed)\n`);
  const progress = progressReporter('importing', 'rows', total);
  try {
    const summary = await importSantander(db, args.file, {
      strict: args.strict, batchSize: args.batchSize, totalRows: total,
      onProgress: (done) => progress.update(done),
    });
    progress.stop();
    printSummary(summary, (performance.now() - started) / 1000);
    return 0;
  } catch (e) {
    progress.stop();
    if (e instanceof StrictImportError) {
      console.error(`error: ${e.message}`);
      for (const r of e.errors.slice(0, SHOWN_ERRORS)) console.error(`  line ${r.line}: ${r.field}: ${r.message}`);
      return 1;
    }
    throw e;
  } finally {
    await db.$disconnect();
  }
}

runCommand(main);

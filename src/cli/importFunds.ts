// npm run import:funds -- [--dir DIR] [--limit N] [--batch-size N]
// Brings the database up to date (migrate), imports the fund catalogs of DIR as Product rows
// (src/ingest/funds), prints what was created, updated, left unchanged and skipped, and the funds by
// source and by risk level. Exit codes: 0 done (even with skipped rows), 1 fatal error, 2 usage error.
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { BUNDLED_FUNDS_DIR, type LoadedCatalog } from '../ingest/funds/catalog';
import { DEFAULT_BATCH_SIZE, importFundCatalog, type FundImportSummary } from '../ingest/funds/import';
import { createDb } from '../store/db';
import { migrate } from '../store/migrate';
import { progressReporter, type Progress } from './progress';
import { parseCommandLine, runCommand } from './run';

const USAGE = `usage: npm run import:funds -- [--dir DIR] [--limit N] [--batch-size N]

  --dir DIR       a folder of fund catalogs (default: the bundled slice data/funds; the shared data
                  folder with financedatabase_funds_etfs/ and fund_catalogs_with_fees_risk/ works too)
  --limit N       import at most N funds
  --batch-size N  funds per transaction (default ${DEFAULT_BATCH_SIZE})

The database is DATABASE_URL (default file:./finrec.db).`;

function positiveInt(name: string, v: string | undefined, fallback: number | undefined): number | undefined {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer (got "${v}")`);
  return n;
}

function parse(argv: string[]): { dir: string; limit?: number; batchSize: number } | 'help' {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { dir: { type: 'string' }, limit: { type: 'string' }, 'batch-size': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"`);
  return {
    dir: values.dir ?? BUNDLED_FUNDS_DIR,
    limit: positiveInt('limit', values.limit, undefined),
    batchSize: positiveInt('batch-size', values['batch-size'], DEFAULT_BATCH_SIZE)!,
  };
}

function printSummary(s: FundImportSummary & Pick<LoadedCatalog, 'beyondCap' | 'missing'>, seconds: number): void {
  const skipped = Object.values(s.skipped).reduce((a, b) => a + b, 0);
  const row = (label: string, value: string | number): string => `  ${label.length < 26 ? label.padEnd(28) : `${label}  `}${value}`;
  const lines = [
    'fund import finished',
    row('created', s.created), row('updated', s.updated), row('unchanged', s.unchanged), row('skipped', skipped),
    row('elapsed', `${seconds.toFixed(1)} s`),
  ];
  if (skipped > 0) lines.push('skipped by reason:', ...Object.entries(s.skipped).sort().map(([k, n]) => row(k, n)));
  const capped = Object.entries(s.beyondCap);
  if (capped.length > 0) lines.push('euro listings left out (group full):', ...capped.map(([g, n]) => row(g, n)));
  lines.push('funds by source:', ...Object.entries(s.bySource).sort().map(([k, n]) => row(k, n)));
  lines.push('funds by risk level (PRIIPs SRI):', ...Object.entries(s.byRiskLevel).sort().map(([k, n]) => row(`SRI ${k}`, n)));
  if (s.missing.length > 0) lines.push(`files not found (their sources left out): ${s.missing.join(', ')}`);
  console.log(lines.join('\n'));
}

async function main(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv, USAGE, parse);
  if ('exit' in args) return args.exit;
  if (!existsSync(args.dir) || !statSync(args.dir).isDirectory()) {
    console.error(`error: not a directory: ${args.dir}`);
    return 1;
  }
  const config = loadConfig();
  await migrate(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL);
  const started = performance.now();
  // The total is known once the catalogs are read: the bar starts then, and is stopped once.
  const bar: { progress?: Progress } = {};
  const stop = (): void => { bar.progress?.stop(); bar.progress = undefined; };
  try {
    const summary = await importFundCatalog(db, args.dir, {
      limit: args.limit, batchSize: args.batchSize,
      onLoaded: (total) => { bar.progress = progressReporter('importing funds', 'funds', total); },
      onProgress: (done) => bar.progress?.update(done),
    });
    stop();
    printSummary(summary, (performance.now() - started) / 1000);
    return 0;
  } finally {
    stop();
    await db.$disconnect();
  }
}

runCommand(main);

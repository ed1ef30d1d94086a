// npm run evaluate-temporal -- [--file F] [--months 4 | --target YYYY-MM] [--out reports/evaluation-temporal.md]
// Forward-in-time check on the Santander first-adoptions file (src/eval/temporal.ts): for each target
// month, fit on events before it, predict its first adoptions. Prints the table, writes the markdown
// report with its SVG chart beside it. Exit codes: 0 done, 1 fatal error, 2 usage error.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, PROJECT_ROOT } from '../config';
import { catalogProducts } from '../eval/catalog';
import { firstAdoptionHistories, readFirstAdoptions } from '../eval/firstAdoptions';
import { evaluateTemporal } from '../eval/temporal';
import { formatTemporalTable, markdownTemporalReport, renderTemporalChart } from '../eval/temporalReport';
import { inputFileProblem, parseCommandLine, runCommand } from './run';

const DEFAULT_FILE = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'santander_first_adoptions', 'santander_first_adoptions_2015-01_to_2016-05_partial.csv');

const USAGE = `usage: npm run evaluate-temporal -- [--file F] [--months N | --target YYYY-MM ...] [--out reports/evaluation-temporal.md]

  --file F        first-adoptions file USER_ID,ITEM_ID,TIMESTAMP (.csv or .csv.gz)
                  (default ../shared/data/santander_first_adoptions/santander_first_adoptions_2015-01_to_2016-05_partial.csv)
  --months N      rolling check over the last N months that have adoptions (default 4); each is predicted
                  from all events before it
  --target M      a target month YYYY-MM (repeatable; overrides --months)
  --out FILE      markdown report; the chart is written beside it as FILE's name + .svg`;

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv, strict: true,
    options: {
      file: { type: 'string', default: DEFAULT_FILE },
      months: { type: 'string', default: '4' },
      target: { type: 'string', multiple: true },
      out: { type: 'string', default: path.join('reports', 'evaluation-temporal.md') },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help' as const;
  const months = Number(values.months);
  if (!(Number.isInteger(months) && months >= 1)) throw new Error(`--months must be a positive integer (got "${values.months}")`);
  const targets = values.target;
  for (const t of targets ?? []) if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(t)) throw new Error(`--target must be YYYY-MM (got "${t}")`);
  return { file: values.file!, months, targets, out: values.out! };
}

async function main(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv, USAGE, parse);
  if ('exit' in args) return args.exit;
  const problem = inputFileProblem(args.file);
  if (problem) {
    process.stderr.write(`error: ${problem}
`);
    return 1;
  }
  const started = performance.now();
  const { events, errors, rows } = await readFirstAdoptions(args.file);
  if (errors.length > 0) process.stderr.write(`${errors.length} malformed row(s) skipped, e.g. ${errors[0].message}\n`);
  const customers = firstAdoptionHistories(events);
  let last = '';
  const report = await evaluateTemporal(customers, catalogProducts(), {
    k: 7, months: args.months, targets: args.targets, config: loadConfig(),
    onProgress: (step) => { if (step !== last) { last = step; process.stderr.write(`${step} …\n`); } },
  });
  process.stdout.write(`\n${rows} rows, ${customers.length} customers; train on events before each target month\n\n${formatTemporalTable(report)}\n\n`);
  const out = path.resolve(args.out);
  const chartFile = `${path.basename(out, path.extname(out))}.svg`;
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(path.join(path.dirname(out), chartFile), await renderTemporalChart(report));
  const sel = args.targets ? args.targets.map((t) => `--target ${t}`).join(' ') : `--months ${args.months}`;
  const command = `npm run evaluate-temporal -- --file ${args.file} ${sel} --out ${args.out}`;
  writeFileSync(out, markdownTemporalReport(report, { file: args.file, command, chartFile }));
  for (const m of report.months) for (const r of m.rows) if (r.error) process.stderr.write(`${m.target} ${r.name} FAILED: ${r.error}\n`);
  process.stdout.write(`report: ${out} (chart ${chartFile}); total ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

runCommand(main);

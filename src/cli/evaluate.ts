// npm run evaluate -- [--file F] [--test-fraction 0.3] [--seed 42] [--out reports/evaluation.md]
// Reads the file (src/ingest), evaluates (src/eval), prints the table and writes the markdown report
// with its SVG chart beside it. Exit codes: 0 done, 1 fatal error, 2 usage error.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { loadConfig, PROJECT_ROOT } from '../config';
import { readCustomerHistories } from '../ingest/santander/toHistory';
import { catalogProducts } from '../eval/catalog';
import { DEFAULT_EVALUATE, evaluate } from '../eval/evaluate';
import { formatSegmentTable, formatTable, markdownReport, renderChart, renderSegmentChart } from '../eval/report';
import { inputFileProblem, parseCommandLine, runCommand } from './run';

const USAGE = `usage: npm run evaluate -- [--file F] [--test-fraction 0.3] [--seed 42] [--max-epochs N] [--out reports/evaluation.md]

  --file F             Santander additions file with added_products (default data/santander_sample.csv.gz)
  --test-fraction X    share of customers held out for testing (default ${DEFAULT_EVALUATE.testFraction})
  --seed N             split seed (default ${DEFAULT_EVALUATE.seed})
  --max-epochs N       cap the epochs of the learned models (a quick look; the default lets early
                       stopping decide)
  --out FILE           markdown report; the charts are written beside it as FILE's name + .svg and + -segments.svg`;

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv, strict: true,
    options: {
      file: { type: 'string', default: path.join(PROJECT_ROOT, 'data', 'santander_sample.csv.gz') },
      'test-fraction': { type: 'string', default: String(DEFAULT_EVALUATE.testFraction) },
      seed: { type: 'string', default: String(DEFAULT_EVALUATE.seed) },
      'max-epochs': { type: 'string' },
      out: { type: 'string', default: path.join('reports', 'evaluation.md') },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help' as const;
  const testFraction = Number(values['test-fraction']);
  const seed = Number(values.seed);
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`--test-fraction must be between 0 and 1 (got "${values['test-fraction']}")`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer (got "${values.seed}")`);
  const maxEpochs = values['max-epochs'] === undefined ? undefined : Number(values['max-epochs']);
  if (maxEpochs !== undefined && !(Number.isInteger(maxEpochs) && maxEpochs >= 1)) throw new Error(`--max-epochs must be an integer ≥ 1 (got "${values['max-epochs']}")`);
  const overrides = maxEpochs === undefined ? undefined : { neural: { maxEpochs }, 'two-tower': { maxEpochs } };
  return { file: values.file!, testFraction, seed, out: values.out!, overrides };
}

/** One progress bar per step on a terminal; otherwise one line per step. */
function progress(): { update(step: string, done: number, total: number): void; stop(): void } {
  let current = '';
  let bar: SingleBar | null = null;
  return {
    update(step, done, total) {
      if (step !== current) {
        bar?.stop();
        current = step;
        if (process.stderr.isTTY) {
          bar = new SingleBar({ stream: process.stderr, format: `${step.padEnd(48)} [{bar}] {value}/{total} | {duration_formatted}`, hideCursor: true });
          bar.start(total, 0);
        } else {
          process.stderr.write(`${step} …\n`);
        }
      }
      bar?.update(done);
    },
    stop: () => bar?.stop(),
  };
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
  const config = loadConfig();
  const started = performance.now();
  const bars = progress();
  const { customers, errors, rows } = await readCustomerHistories(args.file, { onProgress: (n) => bars.update('read file (rows)', n, n) });
  const report = await evaluate(customers, catalogProducts(), { ...DEFAULT_EVALUATE, ...args, config, onProgress: bars.update });
  bars.stop();
  if (errors.length > 0) process.stderr.write(`${errors.length} malformed row(s) skipped, e.g. ${errors[0].message}\n`);

  process.stdout.write(`\n${rows} rows, ${report.counts.customers} customers: ${report.counts.train} train / ${report.counts.test} test (seed ${args.seed})\n`);
  process.stdout.write(`blend weights tuned on ${report.counts.validation} validation customers (from train): ` +
    `${JSON.stringify(report.tuned.weights)} normalisation=${report.tuned.normalisation}\n\n${formatTable(report)}\n\n` +
    `income quartiles: ${report.incomeCuts}\n${formatSegmentTable(report)}\n\n`);
  const out = path.resolve(args.out);
  const chartFile = `${path.basename(out, path.extname(out))}.svg`;
  mkdirSync(path.dirname(out), { recursive: true });
  const segmentChartFile = `${path.basename(out, path.extname(out))}-segments.svg`;
  writeFileSync(path.join(path.dirname(out), chartFile), await renderChart(report));
  writeFileSync(path.join(path.dirname(out), segmentChartFile), await renderSegmentChart(report));
  const command = `npm run evaluate -- --file ${args.file} --test-fraction ${args.testFraction} --seed ${args.seed} --out ${args.out}`;
  writeFileSync(out, markdownReport(report, { file: args.file, command, chartFile, segmentChartFile }));
  const t = report.timings;
  process.stdout.write(`fit: ${Object.entries(t.fitMs).map(([n, ms]) => `${n} ${ms.toFixed(0)} ms`).join(', ')}\n` +
    `score one customer (tuned blend): mean ${t.scoreMsMean.toFixed(2)} ms, p95 ${t.scoreMsP95.toFixed(2)} ms\n` +
    `report: ${out} (charts ${chartFile}, ${segmentChartFile}); total ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

runCommand(main);

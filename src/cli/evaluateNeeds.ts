// npm run evaluate-needs -- [--file data/needs/needs.jsonl] [--out reports/needs.md] [--customer profiled|unprofiled] [--no-retrieve]
// Parses every labelled statement (rules parser, or the configured LLM), recommends for each one
// through the API's own need path (eval/needsRetrieval.ts), prints the per-field accuracy and hit@5
// table and writes the markdown report with its SVG chart beside it.
// Exit codes: 0 done, 1 fatal error, 2 usage error.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, PROJECT_ROOT } from '../config';
import { EVALUATED_INCOME, needsRetriever, type EvaluatedCustomer, type NeedsRetriever } from '../eval/needsRetrieval';
import { progressReporter } from './progress';
import { runNeedsEvaluation } from '../eval/needsRun';
import { formatNeedsTable } from '../eval/needsReport';
import { inputFileProblem, parseCommandLine, runCommand } from './run';

const USAGE = `usage: npm run evaluate-needs -- [--file F] [--out reports/needs.md] [--customer profiled|unprofiled] [--database URL] [--no-retrieve]

  --file F          labelled statements, one JSON object a line (default data/needs/needs.jsonl;
                    the held-out set is data/needs/needs-holdout.jsonl)
  --out FILE        markdown report; the chart is written beside it as FILE's name + .svg
  --customer C      whom the top 5 are for: "profiled" (risk tolerance 7: what the need alone asks
                    for; default) or "unprofiled" (no risk profile: what a cold-start customer gets)
  --database URL    rank over this store's catalog (e.g. the full fund import, embedded with
                    npm run embed); default: a throwaway SQLite with the 24 lines and data/funds
  --no-retrieve     parsing accuracy only`;

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv, strict: true,
    options: {
      file: { type: 'string', default: path.join(PROJECT_ROOT, 'data', 'needs', 'needs.jsonl') },
      out: { type: 'string', default: path.join('reports', 'needs.md') },
      customer: { type: 'string', default: 'profiled' },
      database: { type: 'string' },
      'no-retrieve': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help' as const;
  if (values.customer !== 'profiled' && values.customer !== 'unprofiled') throw new Error('--customer must be profiled or unprofiled');
  return { file: values.file!, out: values.out!, customer: values.customer as EvaluatedCustomer, database: values.database, retrieve: !values['no-retrieve'] };
}

async function main(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv, USAGE, parse);
  if ('exit' in args) return args.exit;
  const problem = inputFileProblem(args.file);
  if (problem) {
    process.stderr.write(`error: ${problem}\n`);
    return 1;
  }
  let retriever: NeedsRetriever | null = null;
  if (args.retrieve) {
    let progress: ReturnType<typeof progressReporter> | undefined;
    retriever = await needsRetriever(loadConfig(), {
      databaseUrl: args.database, customer: args.customer, k: 5,
      onProgress: (done, total) => { progress ??= progressReporter('embedding the catalog', 'products', total); progress.update(done); },
    });
    progress?.stop();
    process.stdout.write(`ranking over ${retriever.products} products for a${args.customer === 'profiled' ? ' customer profiled at risk tolerance 7' : 'n unprofiled customer'} (age 40, income ${EVALUATED_INCOME} EUR) with no history\n`);
  }
  const command = `npm run evaluate-needs -- --file ${args.file} --out ${args.out} --customer ${args.customer}${args.retrieve ? '' : ' --no-retrieve'}`;
  const { evaluation, report, chart } = await runNeedsEvaluation({ file: args.file, out: args.out, retrieve: retriever?.retrieve, command })
    .finally(() => retriever?.close());
  const r = evaluation.retrieval;
  const retrieval = r ? `\nhit@${r.k} ${r.hitAtK.toFixed(3)} over ${r.cases} statements; risk violations@${r.k} ${r.riskViolationAtK.toFixed(3)} `
    + `(${r.riskLabelled} labelling risk); refused-category violations@${r.k} ${r.unwantedViolationAtK.toFixed(3)} (${r.unwantedLabelled} labelling refusals)\n` : '';
  process.stdout.write(`${evaluation.cases} statements from ${args.file}\n\n${formatNeedsTable(evaluation)}\n${retrieval}\n` +
    `report: ${report} (chart ${path.basename(chart)})\n`);
  return 0;
}

runCommand(main);

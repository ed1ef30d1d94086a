// One need-understanding evaluation run: read the labelled file, evaluate, write the markdown report
// and its SVG chart beside it. The CLI (src/cli/evaluateNeeds.ts) calls this; so can anything that
// has a retrieval function to plug in (e.g. recommending for each parsed need).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseNeed } from '../needs/parseNeed';
import type { ParsedNeed } from '../needs/types';
import { evaluateNeeds, readNeedCases, type NeedsEvaluation, type RetrievedItem } from './needs';
import { needsMarkdownReport, renderNeedsChart } from './needsReport';

export interface NeedsRunOptions {
  file: string;
  out: string;
  /** Defaults to parseNeed with the rules parser. */
  parse?: (text: string) => Promise<ParsedNeed> | ParsedNeed;
  retrieve?: (text: string) => Promise<RetrievedItem[]>;
  k?: number;
  /** The command line shown in the report. */
  command?: string;
}

export interface NeedsRunResult { evaluation: NeedsEvaluation; report: string; chart: string }

export async function runNeedsEvaluation(opts: NeedsRunOptions): Promise<NeedsRunResult> {
  const cases = readNeedCases(opts.file);
  const evaluation = await evaluateNeeds(cases, { parse: opts.parse ?? ((t) => parseNeed(t)), retrieve: opts.retrieve, k: opts.k });
  const report = path.resolve(opts.out);
  const chartFile = `${path.basename(report, path.extname(report))}.svg`;
  const chart = path.join(path.dirname(report), chartFile);
  mkdirSync(path.dirname(report), { recursive: true });
  writeFileSync(chart, await renderNeedsChart(evaluation, `Need parsing accuracy per field — ${path.basename(opts.file)} (${cases.length} statements)`));
  const command = opts.command ?? `npm run evaluate-needs -- --file ${opts.file} --out ${opts.out}`;
  writeFileSync(report, needsMarkdownReport(evaluation, { file: opts.file, command, chartFile }));
  return { evaluation, report, chart };
}

// Presenting a need-understanding evaluation: console and markdown tables per field, a vega-lite SVG
// bar chart of the per-field accuracy, and the markdown report that links it.
import type { FieldScore, NeedsEvaluation } from './needs';

const DESCRIPTION: Record<string, string> = {
  language: 'exact',
  categories: 'an expected category among the implied ones',
  categoriesTop: 'the first implied category is an expected one',
  riskAppetite: 'exact', liquidity: 'exact', currency: 'exact',
  amount: 'within 1 %', horizonMonths: 'within 10 % or ±1 month',
  unwanted: 'same set of refused categories',
  conflict: 'recall: the labelled conflict code is reported',
  unwantedSpurious: 'refusals found where none stated (lower is better)',
  conflictSpurious: 'contradictions reported where none labelled (lower is better)',
};

function rows(ev: NeedsEvaluation): string[][] {
  const line = (f: FieldScore) => [f.field, String(f.labelled), String(f.correct), f.labelled === 0 ? '–' : f.accuracy.toFixed(3), DESCRIPTION[f.field] ?? ''];
  return [['field', 'labelled', 'correct', 'accuracy', 'definition'], ...ev.fields.map(line)];
}

/** Spurious findings on cases that label none: cases, flagged, rate (lower is better). */
function spuriousRows(ev: NeedsEvaluation): string[][] {
  return [['spurious', 'cases', 'flagged', 'rate', 'definition'],
    ...ev.spurious.map((f) => [f.field, String(f.labelled), String(f.correct), f.labelled === 0 ? '–' : f.accuracy.toFixed(3), DESCRIPTION[f.field] ?? ''])];
}

function aligned(table: string[][]): string {
  const all = table.map((r) => r.slice(0, 4));
  const widths = all[0].map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const fmt = (r: string[]) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  return [fmt(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(fmt)].join('\n');
}

export function formatNeedsTable(ev: NeedsEvaluation): string {
  return `${aligned(rows(ev))}\n\n${aligned(spuriousRows(ev))}`;
}

function markdown(table: string[][]): string {
  const [head, ...body] = table;
  return [`| ${head.join(' | ')} |`, '|:---|---:|---:|---:|:---|', ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function needsMarkdownTable(ev: NeedsEvaluation): string {
  return `${markdown(rows(ev))}\n\n${markdown(spuriousRows(ev))}`;
}

/** SVG bar chart of accuracy per field (n = labelled cases in the label); vega is ESM: dynamic import. */
export async function renderNeedsChart(ev: NeedsEvaluation, title: string): Promise<string> {
  const vega = await import('vega');
  const vl = await import('vega-lite');
  const values = ev.fields.filter((f) => f.labelled > 0).map((f) => ({ field: `${f.field} (n=${f.labelled})`, accuracy: f.accuracy, label: f.accuracy.toFixed(2) }));
  const spec = vl.compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title, width: 480, height: { step: 22 },
    data: { values },
    encoding: {
      y: { field: 'field', type: 'nominal', sort: null, title: null, axis: { labelLimit: 240 } },
      x: { field: 'accuracy', type: 'quantitative', scale: { domain: [0, 1] }, title: 'accuracy' },
    },
    layer: [
      { mark: { type: 'bar', tooltip: true } },
      { mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 }, encoding: { text: { field: 'label' } } },
    ],
  } as never).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

export function needsMarkdownReport(ev: NeedsEvaluation, opts: { file: string; command: string; chartFile: string; maxFailures?: number }): string {
  const parsers = Object.entries(ev.parsers).map(([p, n]) => `${p} ×${n}`).join(', ');
  const r = ev.retrieval;
  const retrieval = r ? `
## Recommendations

| metric | value | over |
|:---|---:|---:|
| hit@${r.k} (expected category, within the labelled risk appetite) | ${r.hitAtK.toFixed(3)} | ${r.cases} cases |
| risk violation@${r.k} (a top-${r.k} item above maxRiskFor(label)) | ${r.riskViolationAtK.toFixed(3)} | ${r.riskLabelled} cases labelling risk |
| unwanted violation@${r.k} (a top-${r.k} item in a refused category) | ${r.unwantedViolationAtK.toFixed(3)} | ${r.unwantedLabelled} cases labelling refusals |
` : '\nRecommendations were not evaluated (parsing only).\n';
  const shown = ev.failures.slice(0, opts.maxFailures ?? 60);
  const failures = shown.length === 0 ? 'None.' : [
    '| case | field | expected | parsed |', '|:---|:---|:---|:---|',
    ...shown.map((f) => `| ${f.id} | ${f.field} | \`${JSON.stringify(f.expected)}\` | \`${JSON.stringify(f.got)}\` |`),
    ev.failures.length > shown.length ? `\n…and ${ev.failures.length - shown.length} more.` : '',
  ].join('\n');
  return `# FinRec need understanding

- Data: \`${opts.file}\` — ${ev.cases} labelled statements (format and labelling rules: \`data/needs/README.md\`).
- Parser: ${parsers}; mean parse time ${ev.parseMsMean.toFixed(3)} ms.
- Reproduce: \`${opts.command}\`

## Parsing, per field

Each field is scored over the cases that label it (definitions in \`src/eval/needs.ts\`).

${needsMarkdownTable(ev)}

![Parse accuracy per field](${opts.chartFile})
${retrieval}
## Misses

${failures}
`;
}

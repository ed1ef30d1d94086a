// Presenting an evaluation: the aligned console table, the markdown report, and its chart (an SVG
// bar chart of MAP@k and nDCG@k per recommender, drawn by Vega-Lite → Vega, headless, offline).
import type { EvaluationReport, EvaluationRow } from './evaluate';

const COLUMNS: [keyof EvaluationRow, string][] = [
  ['map', 'MAP@K'], ['precision', 'P@K'], ['recall', 'R@K'], ['ndcg', 'nDCG@K'],
  ['coverage', 'coverage'], ['novelty', 'novelty'], ['diversity', 'diversity'],
];

function headers(k: number): string[] {
  return ['recommender', ...COLUMNS.map(([, h]) => h.replace('K', String(k)))];
}

function cells(row: EvaluationRow): string[] {
  return [row.name, ...COLUMNS.map(([key]) => (row[key] as number).toFixed(4))];
}

/** Fixed-width table for the console: names left-aligned, numbers right-aligned, 4 decimals. */
export function formatTable(report: EvaluationReport): string {
  const rows = [headers(report.options.k), ...report.rows.map(cells)];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]): string => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function markdownTable(report: EvaluationReport): string {
  const h = headers(report.options.k);
  return [
    `| ${h.join(' | ')} |`, `|${h.map((_, i) => (i === 0 ? ':---' : '---:')).join('|')}|`,
    ...report.rows.map((r) => `| ${cells(r).join(' | ')} |`),
  ].join('\n');
}

/** SVG bar chart of MAP@k and nDCG@k per recommender (vega and vega-lite are ESM: dynamic import). */
export async function renderChart(report: EvaluationReport): Promise<string> {
  const vega = await import('vega');
  const vl = await import('vega-lite');
  const k = report.options.k;
  const values = report.rows.flatMap((r) => [
    { recommender: r.name, metric: `MAP@${k}`, value: r.map },
    { recommender: r.name, metric: `nDCG@${k}`, value: r.ndcg },
  ]);
  const spec = vl.compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `MAP@${k} and nDCG@${k} per recommender (${report.counts.testCases} test customers)`,
    width: 560, height: 280,
    data: { values },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'recommender', type: 'nominal', sort: null, title: null, axis: { labelLimit: 280 } },
      yOffset: { field: 'metric', type: 'nominal' },
      x: { field: 'value', type: 'quantitative', scale: { domain: [0, 1] }, title: null },
      color: { field: 'metric', type: 'nominal', title: null },
    },
  }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

export function markdownReport(report: EvaluationReport, opts: { file: string; command: string; chartFile: string }): string {
  const t = report.timings;
  const weights = Object.entries(report.tuned.weights).map(([n, w]) => `${n} ${w}`).join(', ');
  return `# FinRec offline evaluation

- Data: \`${opts.file}\` — ${report.counts.customers} customers; split by customer (seed ${report.options.seed}):
  ${report.counts.train} train, ${report.counts.test} test (${report.counts.testCases} test customers with additions).
- Blend weights tuned on ${report.counts.validation} validation customers carved out of the train part
  (never the test part): ${weights}; normalisation ${report.tuned.normalisation}; validation MAP@${report.options.k} ${report.tuned.map.toFixed(4)}.
- Every row ranks each test customer's state before their additions with the full pipeline
  (suitability gate included), except the baseline, which is "most added in train, not held".
- Reproduce: \`${opts.command}\`

${markdownTable(report)}

![MAP@${report.options.k} and nDCG@${report.options.k} per recommender](${opts.chartFile})

Metrics: MAP@k as in the Kaggle Santander competition (Σ P(i)·rel(i) / min(|relevant|, k));
precision@k = hits/k; recall@k = hits/|relevant|; nDCG@k with binary relevance; coverage = share of
the catalog recommended to anyone; novelty = mean −log2 p(item), p = share of train customers holding
it; diversity = 1 − mean pairwise content similarity (product feature vectors) within a list.

Timings: fit ${Object.entries(t.fitMs).map(([n, ms]) => `${n} ${ms.toFixed(0)} ms`).join(', ')};
scoring one customer with the tuned blend: mean ${t.scoreMsMean.toFixed(2)} ms, p95 ${t.scoreMsP95.toFixed(2)} ms.
`;
}

// Presenting an evaluation: the aligned console table, the markdown report, and its chart (an SVG
// bar chart of MAP@k and nDCG@k per recommender, drawn by Vega-Lite → Vega, headless, offline).
import type { EvaluationReport, EvaluationRow, SegmentRow } from './evaluate';

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

/** Segment column header, e.g. "age 25–44"; the dimension name shortened. */
const SHORT: Record<string, string> = { 'age band': 'age', 'income band': 'income', tenure: 'tenure' };
const segmentHeader = (dimension: string, label: string): string => `${SHORT[dimension] ?? dimension} ${label}`;

/** The per-segment MAP@k table as rows of strings: header, the test-customer counts, one row per recommender. */
export function segmentGrid(segments: readonly SegmentRow[], k: number): string[][] {
  if (segments.length === 0) return [];
  const cols = segments[0].cells;
  return [
    [`MAP@${k} by segment`, ...cols.map((c) => segmentHeader(c.dimension, c.label))],
    ['test customers (n)', ...cols.map((c) => String(c.customers))],
    ...segments.map((s) => [s.name, ...s.cells.map((c) => (c.customers > 0 ? c.map.toFixed(4) : '–'))]),
  ];
}

/** Fixed-width per-segment table for the console. */
export function formatSegmentTable(report: Pick<EvaluationReport, 'segments' | 'options'>): string {
  const rows = segmentGrid(report.segments, report.options.k);
  if (rows.length === 0) return '';
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]): string => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function markdownSegmentTable(report: Pick<EvaluationReport, 'segments' | 'options'>): string {
  const rows = segmentGrid(report.segments, report.options.k);
  if (rows.length === 0) return '';
  return [
    `| ${rows[0].join(' | ')} |`, `|${rows[0].map((_, i) => (i === 0 ? ':---' : '---:')).join('|')}|`,
    ...rows.slice(1).map((r, i) => `| ${(i === 0 ? r.map((v) => `*${v}*`) : r).join(' | ')} |`),
  ].join('\n');
}

/** A vega-lite spec rendered to SVG without a browser (vega and vega-lite are ESM: dynamic import). */
export async function toSvg(spec: object): Promise<string> {
  const vega = await import('vega');
  const vl = await import('vega-lite');
  const view = new vega.View(vega.parse(vl.compile(spec as never).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

const CHART_LABEL: Record<string, string> = { 'Q1 (lowest)': 'Q1', 'Q4 (highest)': 'Q4', 'new (≤12 mo)': 'new', 'long-standing (>12 mo)': 'long-standing' };

/** SVG heatmap of MAP@k per recommender × segment, the segment's test-customer count in its label. */
export async function renderSegmentChart(report: Pick<EvaluationReport, 'segments' | 'options'>): Promise<string> {
  const k = report.options.k;
  const values = report.segments.flatMap((s) => s.cells.filter((c) => c.customers > 0).map((c) => ({
    recommender: s.name, segment: `${segmentHeader(c.dimension, CHART_LABEL[c.label] ?? c.label)} (n=${c.customers})`, map: c.map, label: c.map.toFixed(2),
  })));
  const order = [...new Set(values.map((v) => v.segment))];
  return toSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `MAP@${k} per segment (age band, income quartile of train customers, tenure)`,
    data: { values },
    encoding: {
      x: { field: 'segment', type: 'nominal', sort: order, title: null, axis: { labelAngle: -40, labelLimit: 240 } },
      y: { field: 'recommender', type: 'nominal', sort: null, title: null, axis: { labelLimit: 280 } },
    },
    layer: [
      { mark: { type: 'rect', tooltip: true }, encoding: { color: { field: 'map', type: 'quantitative', scale: { domain: [0, 1], scheme: 'blues' }, title: `MAP@${k}` } } },
      { mark: { type: 'text', fontSize: 9 }, encoding: { text: { field: 'label' }, color: { condition: { test: 'datum.map > 0.6', value: 'white' }, value: 'black' } } },
    ],
    width: { step: 46 }, height: { step: 22 },
  });
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

export function markdownReport(report: EvaluationReport, opts: { file: string; command: string; chartFile: string; segmentChartFile?: string }): string {
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

## MAP@${report.options.k} per customer segment

The same test customers and rankings as above, grouped by segment: age band (<25, 25–44, 45–64, 65+,
unknown), income band (${report.incomeCuts}; unknown when missing), tenure (new: seniority ≤ 12 months,
long-standing: > 12, unknown). Segments are for reporting quality and fairness only — they are not model
features (definitions: \`src/eval/segments.ts\`). Each cell is the mean AP@${report.options.k} of that segment's test
customers; the count-weighted mean of a dimension's cells is the overall MAP@${report.options.k}. Small segments are noisy.

${markdownSegmentTable(report)}
${opts.segmentChartFile ? `\n![MAP@${report.options.k} per segment](${opts.segmentChartFile})\n` : ''}
Timings: fit ${Object.entries(t.fitMs).map(([n, ms]) => `${n} ${ms.toFixed(0)} ms`).join(', ')};
scoring one customer with the tuned blend: mean ${t.scoreMsMean.toFixed(2)} ms, p95 ${t.scoreMsP95.toFixed(2)} ms.
`;
}

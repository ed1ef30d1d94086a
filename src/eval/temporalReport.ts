// Presenting the time-based check: console table, markdown report, and a Vega-Lite chart of MAP@k
// per target month and recommender (same headless approach as report.ts).
import { pooled, type TemporalReport } from './temporal';

const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(4) : 'n/a');

function grid(report: TemporalReport): string[][] {
  const k = report.k;
  const head = ['target month', 'train cust.', 'test cust.', 'relevant', 'recommender', `MAP@${k}`, `P@${k}`, `R@${k}`, `nDCG@${k}`, 'coverage'];
  const rows = report.months.flatMap((m) => m.rows.map((r, i) => [
    i === 0 ? m.target : '', i === 0 ? String(m.trainCustomers) : '', i === 0 ? String(m.testCustomers) : '', i === 0 ? String(m.relevantItems) : '',
    r.error ? `${r.name} (FAILED)` : r.name, fmt(r.map), fmt(r.precision), fmt(r.recall), fmt(r.ndcg), fmt(r.coverage),
  ]));
  return [head, ...rows];
}

export function formatTemporalTable(report: TemporalReport): string {
  const rows = grid(report);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const left = new Set([0, 4]);
  const line = (r: string[]): string => r.map((v, c) => (left.has(c) ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function markdownTemporalTable(report: TemporalReport): string {
  const rows = grid(report);
  return [
    `| ${rows[0].join(' | ')} |`, `|${rows[0].map((_, i) => (i === 0 || i === 4 ? ':---' : '---:')).join('|')}|`,
    ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

export function markdownPooledTable(report: TemporalReport): string {
  const k = report.k;
  return [
    `| recommender | test customers (all months) | MAP@${k} | R@${k} | nDCG@${k} |`, '|:---|---:|---:|---:|---:|',
    ...pooled(report).map((p) => `| ${p.name} | ${p.customers} | ${fmt(p.map)} | ${fmt(p.recall)} | ${fmt(p.ndcg)} |`),
  ].join('\n');
}

/** SVG: MAP@k per target month (x) for every recommender (colour), n test customers in the axis label. */
export async function renderTemporalChart(report: TemporalReport): Promise<string> {
  const vega = await import('vega');
  const vl = await import('vega-lite');
  const values = report.months.flatMap((m) => m.rows.filter((r) => !r.error).map((r) => ({
    month: `${m.target} (n=${m.testCustomers})`, recommender: r.name, map: r.map,
  })));
  const spec = vl.compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `Forward in time: MAP@${report.k} on the first adoptions of month M+1, trained on events before it`,
    width: 560, height: 280,
    data: { values },
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: 'target month (test customers)', axis: { labelAngle: 0 } },
      y: { field: 'map', type: 'quantitative', scale: { domain: [0, 1] }, title: `MAP@${report.k}` },
      color: { field: 'recommender', type: 'nominal', sort: null, title: null, legend: { labelLimit: 320 } },
    },
  } as never).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

export function markdownTemporalReport(report: TemporalReport, opts: { file: string; command: string; chartFile: string }): string {
  const k = report.k;
  const failures = report.months.flatMap((m) => m.rows.filter((r) => r.error).map((r) => `- ${m.target}, ${r.name}: ${r.error}`));
  const gate = report.months.map((m) => {
    const removed = Object.entries(m.gateRemovedRelevant).map(([rule, n]) => `${n} by ${rule}`).join(', ') || 'none';
    return `${m.target}: ${removed} of ${m.relevantItems}`;
  }).join('; ');
  const fit = report.months.map((m) => `${m.target}: ${Object.entries(m.fitMs).map(([n, ms]) => `${n} ${ms.toFixed(0)} ms`).join(', ')}`).join('; ');
  return `# FinRec time-based evaluation (forward in time)

- Data: \`${opts.file}\` — ${report.customers} customers, ${report.events} first-holding events (USER_ID, ITEM_ID, TIMESTAMP).
  Events at the file's first date (2015-01-28) are the holdings at the first snapshot (one HOLD snapshot per
  customer); every later event is a first adoption (a PURCHASE in that month). Drops and re-acquisitions are
  not in the file, so a product once held counts as held from then on.
- For each target month M+1: every recommender is fitted on **all customers' events strictly before the
  first day of M+1** (nothing at or after the cutoff reaches training); the test customers are those with a
  first adoption in M+1, each ranked from their state as of the cutoff (M+1's events excluded) with the full
  pipeline (suitability gate included); relevant = the products they first adopted in M+1. The baseline is
  "most first-adopted before the cutoff, not held"; the gated baseline is the same list after the suitability
  gate (what the pipeline rows are held to). The blend uses the configured weights (no tuning here).
- **No demographics**: the file has no profile, so every \`CustomerProfile\` field except the id is null
  (age, income, seniority, segment …). Recommenders that lean on the profile (content, the neural ranker's
  profile inputs, age rules of the gate) see only missing values; nothing here says how they do with profiles.
  None of them crashes on it. But the suitability gate deliberately refuses products with an age bound
  (\`AGE_NOT_ELIGIBLE\`: "age unknown; … is for ages …") when age is unknown, so every pipeline row (every
  recommender and the blend) cannot recommend those products here, while the baseline is not gated.
  Relevant items removed by the gate before any recommender scores: ${gate}. That caps recall@${k} of the gated
  rows and is why the ungated baseline has the higher recall; compare the recommenders with the **gated**
  baseline.
- Reproduce: \`${opts.command}\`

## Per target month

${markdownTemporalTable(report)}

![MAP@${k} per target month](${opts.chartFile})

## All target months pooled (test-customer-weighted)

${markdownPooledTable(report)}

**Read with care: the counts are small.** Only ~100–150 first adoptions happen per month late in the file
(and the 2016-05 events of the held-out customers are withheld from this copy), so each month has on the
order of 100 test customers and one month's MAP@${k} moves by several points with a handful of customers;
differences of a few hundredths between recommenders within a month are not meaningful. The pooled table is
steadier but the months share most of their training data. Customers here are the lowest Kaggle customer codes
(long-tenured customers, see SOURCE.md), not a random sample.
${failures.length > 0 ? `\n## Failures\n\n${failures.join('\n')}\n` : ''}
Fit times: ${fit}.
`;
}

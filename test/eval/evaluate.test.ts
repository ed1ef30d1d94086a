import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { catalogProducts } from '../../src/eval/catalog';
import { evaluationCases } from '../../src/eval/cases';
import { DEFAULT_EVALUATE, evaluate } from '../../src/eval/evaluate';
import { formatTable, markdownReport, renderChart } from '../../src/eval/report';
import { splitByCustomer } from '../../src/eval/split';
import { sampleCustomers } from './realFixture';

describe('evaluation on a small real fixture (~750 customers of the bundled sample)', async () => {
  const customers = await sampleCustomers(0.25);
  const report = await evaluate(customers, catalogProducts(), { ...DEFAULT_EVALUATE, config: loadConfig({}) });
  const row = (name: string) => report.rows.find((r) => r.name === name)!;

  it('reports every recommender, both blends and the baseline with finite metrics in range', () => {
    expect(report.rows.map((r) => r.name)).toEqual([
      'popularity-not-held (baseline)', 'popularity', 'item-cf', 'user-cf', 'content', 'activity', 'neural', 'two-tower',
      'blend (config weights)', 'blend (tuned on validation)',
    ]);
    for (const r of report.rows) {
      for (const v of [r.map, r.precision, r.recall, r.ndcg, r.coverage, r.diversity]) expect(v).toBeGreaterThanOrEqual(0);
      for (const v of [r.map, r.precision, r.recall, r.ndcg, r.coverage, r.diversity]) expect(v).toBeLessThanOrEqual(1);
      expect(Number.isFinite(r.novelty)).toBe(true);
    }
  });

  it('the blend clearly beats popularity-not-held', () => {
    const baseline = row('popularity-not-held (baseline)').map;
    expect(row('blend (tuned on validation)').map).toBeGreaterThan(baseline + 0.05);
    expect(row('blend (config weights)').map).toBeGreaterThan(baseline + 0.05);
  });

  it('is honest: the test customers are disjoint from train and validation, and labels never reach the scored state', () => {
    const { train, test } = splitByCustomer(customers, (c) => c.profile.id, DEFAULT_EVALUATE);
    expect(report.counts).toMatchObject({ customers: customers.length, train: train.length, test: test.length });
    const trainIds = new Set(train.map((c) => c.profile.id));
    expect(test.some((c) => trainIds.has(c.profile.id))).toBe(false);
    for (const c of evaluationCases(test)) for (const p of c.relevant) expect(c.state.held.has(p)).toBe(false);
  });

  it('prints an aligned table, and writes a markdown report with an SVG chart', async () => {
    const table = formatTable(report).split('\n');
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
    expect(table[0]).toMatch(/^recommender\s+MAP@7\s+P@7\s+R@7\s+nDCG@7\s+coverage\s+novelty\s+diversity$/);
    const svg = await renderChart(report);
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(svg).toContain('blend (tuned on validation)');
    const md = markdownReport(report, { file: 'f.csv.gz', command: 'npm run evaluate', chartFile: 'evaluation.svg' });
    expect(md).toContain('| recommender | MAP@7 |');
    expect(md).toContain('![MAP@7 and nDCG@7 per recommender](evaluation.svg)');
  });
});

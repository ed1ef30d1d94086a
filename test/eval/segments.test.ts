import { describe, expect, it } from 'vitest';
import { averagePrecision } from '../../src/eval/metrics';
import {
  ageBand, AGE_BANDS, incomeBand, incomeQuartileCuts, segmentDimensions, segmentMeans, tenureBand, UNKNOWN,
  type SegmentDimension,
} from '../../src/eval/segments';
import type { CustomerProfile } from '../../src/recommend/types';
import { loadConfig } from '../../src/config';
import { catalogProducts } from '../../src/eval/catalog';
import { DEFAULT_EVALUATE, evaluate } from '../../src/eval/evaluate';
import { formatSegmentTable, markdownSegmentTable, renderSegmentChart } from '../../src/eval/report';
import { sampleCustomers } from './realFixture';

const person = (id: string, age: number | null, income: number | null, seniorityMonths: number | null): CustomerProfile => ({
  id, age, income, seniorityMonths, segment: null, active: null, region: null, riskTolerance: null, investmentHorizonMonths: null, liquidityNeed: null,
});

describe('segment assignment (hand-made customers)', () => {
  it('age bands: <25, 25–44, 45–64, 65+, unknown, with inclusive lower bounds', () => {
    expect([0, 24, 25, 44, 45, 64, 65, 99].map(ageBand)).toEqual(['<25', '<25', '25–44', '25–44', '45–64', '45–64', '65+', '65+']);
    expect(ageBand(null)).toBe(UNKNOWN);
    expect(ageBand(Number.NaN)).toBe(UNKNOWN);
  });

  it('tenure: new ≤ 12 months, long-standing > 12, unknown when missing or negative', () => {
    expect([0, 12, 13, 200].map(tenureBand)).toEqual(['new (≤12 mo)', 'new (≤12 mo)', 'long-standing (>12 mo)', 'long-standing (>12 mo)']);
    expect(tenureBand(null)).toBe(UNKNOWN);
    expect(tenureBand(-999999)).toBe(UNKNOWN);
  });

  it('income quartiles come from the known incomes of the train customers only', () => {
    const train = [10, 20, 30, 40, 50, null].map((x, i) => person(`t${i}`, 30, x, 24));
    expect(incomeQuartileCuts(train.map((p) => p.income))).toEqual([20, 30, 40]);
    const cuts = incomeQuartileCuts(train.map((p) => p.income));
    expect([5, 20, 21, 30, 40, 41, 1e9].map((x) => incomeBand(x, cuts))).toEqual(['Q1 (lowest)', 'Q1 (lowest)', 'Q2', 'Q2', 'Q3', 'Q4 (highest)', 'Q4 (highest)']);
    expect(incomeBand(null, cuts)).toBe(UNKNOWN);
    expect(incomeBand(50, null)).toBe(UNKNOWN);
    const dims = segmentDimensions(train);
    expect(dims.map((d) => d.name)).toEqual(['age band', 'income band', 'tenure']);
    expect(dims.map((d) => d.assign(person('x', 70, 35, 3)))).toEqual(['65+', 'Q3', 'new (≤12 mo)']);
    expect(dims.map((d) => d.assign(person('y', null, null, null)))).toEqual([UNKNOWN, UNKNOWN, UNKNOWN]);
  });
});

describe('per-segment MAP', () => {
  const profiles = [person('a', 20, 10, 3), person('b', 30, 50, 30), person('c', 50, null, 100), person('d', 70, 20, null), person('e', null, 40, 5)];
  const aps = [averagePrecision(['x', 'y'], new Set(['x']), 7), averagePrecision(['y', 'x'], new Set(['x']), 7), 0, 1, 0.25];
  const overall = aps.reduce((a, b) => a + b, 0) / aps.length;

  it('with one segment, the segment MAP is the overall MAP', () => {
    const one: SegmentDimension = { name: 'all', labels: ['all'], assign: () => 'all' };
    expect(segmentMeans(profiles, aps, [one])).toEqual([{ dimension: 'all', label: 'all', customers: 5, map: overall }]);
  });

  it('for every dimension the count-weighted average of its segments is the overall MAP, and counts add up', () => {
    const cells = segmentMeans(profiles, aps, segmentDimensions(profiles));
    for (const dim of ['age band', 'income band', 'tenure']) {
      const mine = cells.filter((c) => c.dimension === dim);
      expect(mine.reduce((s, c) => s + c.customers, 0)).toBe(profiles.length);
      expect(mine.filter((c) => c.customers > 0).reduce((s, c) => s + c.map * c.customers, 0) / profiles.length).toBeCloseTo(overall, 12);
    }
    expect(cells.filter((c) => c.dimension === 'age band').map((c) => c.label)).toEqual([...AGE_BANDS]);
    expect(cells.find((c) => c.dimension === 'age band' && c.label === UNKNOWN)).toMatchObject({ customers: 1, map: 0.25 });
  });
});

describe('per-segment MAP in the evaluation report (~300 customers of the bundled sample)', async () => {
  const customers = await sampleCustomers(0.1, 11);
  const report = await evaluate(customers, catalogProducts(), { ...DEFAULT_EVALUATE, config: loadConfig({ WEIGHT_NEURAL: '0' }) });

  it('has one segment row per recommender row, whose segments average back to the row MAP', () => {
    expect(report.segments.map((s) => s.name)).toEqual(report.rows.map((r) => r.name));
    report.segments.forEach((s, i) => {
      for (const dim of ['age band', 'income band', 'tenure']) {
        const cells = s.cells.filter((c) => c.dimension === dim);
        const n = cells.reduce((a, c) => a + c.customers, 0);
        expect(n).toBe(report.counts.testCases);
        expect(cells.filter((c) => c.customers > 0).reduce((a, c) => a + c.map * c.customers, 0) / n).toBeCloseTo(report.rows[i].map, 10);
      }
    });
  });

  it('prints and renders the segment table and chart', async () => {
    const table = formatSegmentTable(report).split('\n');
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
    expect(table[0]).toMatch(/^MAP@7 by segment\s+age <25\s+age 25–44/);
    expect(table[2]).toMatch(/^test customers \(n\)\s+\d+/);
    expect(markdownSegmentTable(report)).toContain('| MAP@7 by segment | age <25 |');
    expect(await renderSegmentChart(report)).toMatch(/^<svg[\s\S]*<\/svg>$/);
  });
});

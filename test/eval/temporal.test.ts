// The time-based check: the split never lets an event at or after the cutoff into training, the test
// state never sees the target month, and the whole run works on a small slice of the real file.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { catalogProducts } from '../../src/eval/catalog';
import { firstAdoptionHistories, parseFirstAdoptions, readFirstAdoptions } from '../../src/eval/firstAdoptions';
import { adoptionMonths, BASELINE, BLEND, evaluateTemporal, GATED_BASELINE, pooled, temporalSplit } from '../../src/eval/temporal';
import { formatTemporalTable, markdownTemporalReport } from '../../src/eval/temporalReport';

export const SLICE = path.resolve(__dirname, 'fixtures', 'santander_first_adoptions_slice.csv');
const ts = (ym: string): number => Date.parse(`${ym}-28T00:00:00Z`) / 1000;

// Hand-made: u1 held A and B at the first snapshot, adopted C in 2016-03 and D in 2016-04;
// u2 held A, adopted B in 2016-04 and C in 2016-05; u3 only appears in 2016-04 (a new customer).
const LINES = [
  'USER_ID,ITEM_ID,TIMESTAMP',
  `1,A,${ts('2015-01')}`, `1,B,${ts('2015-01')}`, `1,C,${ts('2016-03')}`, `1,D,${ts('2016-04')}`,
  `2,A,${ts('2015-01')}`, `2,B,${ts('2016-04')}`, `2,C,${ts('2016-05')}`,
  `3,A,${ts('2016-04')}`,
];

describe('first-adoptions file → histories', () => {
  it('turns the first date into a HOLD snapshot and later rows into PURCHASEs; profiles are empty', () => {
    const { events, errors, rows } = parseFirstAdoptions(LINES);
    expect({ rows, errors }).toEqual({ rows: 8, errors: [] });
    const h = firstAdoptionHistories(events);
    expect(h.map((c) => c.profile.id)).toEqual(['1', '2', '3']);
    expect(h[0].history.map((e) => `${e.productId}:${e.kind}`)).toEqual(['A:HOLD', 'B:HOLD', 'C:PURCHASE', 'D:PURCHASE']);
    expect(h[2].history.map((e) => e.kind)).toEqual(['PURCHASE']);
    expect(h[0].profile).toMatchObject({ age: null, income: null, seniorityMonths: null, segment: null });
  });

  it('reports malformed lines by number and rejects a file with the wrong header', () => {
    expect(parseFirstAdoptions(['USER_ID,ITEM_ID,TIMESTAMP', '1,A,notatime', '2,B,1422403200']).errors).toEqual([
      { line: 2, message: 'line 2: expected USER_ID,ITEM_ID,TIMESTAMP (unix seconds), got "1,A,notatime"' },
    ]);
    expect(() => parseFirstAdoptions(['a,b,c'])).toThrow(/header must be USER_ID,ITEM_ID,TIMESTAMP/);
  });
});

describe('temporal split', () => {
  const customers = firstAdoptionHistories(parseFirstAdoptions(LINES).events);

  it('never lets an event at or after the cutoff into training, for every cutoff', () => {
    for (const month of ['2015-02', '2016-03', '2016-04', '2016-05', '2016-06']) {
      const cutoff = new Date(`${month}-01T00:00:00Z`);
      const { train, test } = temporalSplit(customers, cutoff);
      for (const c of train) for (const e of c.history) expect(e.at.getTime()).toBeLessThan(cutoff.getTime());
      for (const c of test) {
        for (const e of [...c.state.events, ...c.state.snapshots]) expect(e.at.getTime()).toBeLessThan(cutoff.getTime());
        expect(c.state.asOf.getTime()).toBe(cutoff.getTime());
      }
    }
  });

  it('tests the customers who adopt in the target month, from their state before it, against what they adopted', () => {
    const { train, test } = temporalSplit(customers, new Date('2016-04-01T00:00:00Z'));
    expect(train.map((c) => c.profile.id)).toEqual(['1', '2']); // u3 has no event before April
    expect(train[0].history.map((e) => e.productId)).toEqual(['A', 'B', 'C']);
    expect(test.map((c) => [c.state.profile.id, [...c.state.held].sort(), [...c.relevant].sort()])).toEqual([
      ['1', ['A', 'B', 'C'], ['D']], ['2', ['A'], ['B']], ['3', [], ['A']],
    ]);
    expect(adoptionMonths(customers)).toEqual(['2016-03', '2016-04', '2016-05']);
  });
});

describe('evaluateTemporal on a slice of the real first-adoptions file (test/eval/fixtures, 302 events)', async () => {
  const { events, errors } = await readFirstAdoptions(SLICE);
  const customers = firstAdoptionHistories(events);
  const report = await evaluateTemporal(customers, catalogProducts(), { k: 7, months: 2, config: loadConfig({}) });

  it('reads the slice cleanly', () => {
    expect(errors).toEqual([]);
    expect(customers.length).toBe(50);
  });

  it('measures every recommender, the blend and the baseline for each of the last two months, none failing', () => {
    expect(report.months.map((m) => m.target)).toEqual(['2016-04', '2016-05']);
    for (const m of report.months) {
      expect(m.testCustomers).toBeGreaterThan(0);
      expect(m.rows.map((r) => r.name)).toEqual([BASELINE, GATED_BASELINE, 'popularity', 'item-cf', 'user-cf', 'content', 'activity', 'neural', BLEND]);
      for (const r of m.rows) {
        expect(r.error).toBeUndefined();
        expect(r.map).toBeGreaterThanOrEqual(0);
        expect(r.map).toBeLessThanOrEqual(1);
      }
    }
    const total = report.months.reduce((s, m) => s + m.testCustomers, 0);
    for (const p of pooled(report)) expect(p.customers).toBe(total);
  });

  it('formats the table and the report, stating the small counts and the missing profiles', () => {
    expect(formatTemporalTable(report).split('\n')[0]).toMatch(/^target month\s+train cust\.\s+test cust\.\s+relevant\s+recommender\s+MAP@7/);
    const md = markdownTemporalReport(report, { file: 'slice.csv', command: 'npm run evaluate-temporal', chartFile: 'x.svg' });
    expect(md).toContain('| 2016-05 |');
    expect(md).toContain('the counts are small');
    expect(md).toContain('No demographics');
  });
});

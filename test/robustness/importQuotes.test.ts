// A quote opened and never closed on its line — one damaged row from a hand-edited file or a bad
// export. A CSV parser reads on into the following lines looking for the closing quote, so the
// good rows after it were swallowed into one "record": 13 real rows lost while the summary said
// "skipped 1". Santander rows never span lines: the damaged line alone must be reported and skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSantander } from '../../src/ingest/santander/import';
import { createTestDb, type TestDb } from '../helpers/db';
import { expectedCounts, idOf, sampleLines, writeTemp } from '../ingest/santanderFixture';

describe('a row with an unclosed quote', () => {
  let t: TestDb;
  beforeAll(async () => { t = await createTestDb('sqlite'); });
  afterAll(async () => { await t?.close(); });

  it('is one skipped row at its own line; every other row is imported', async () => {
    const { header, lines } = sampleLines();
    // 60 real rows whose customers appear once; a damaged copy of another row at line 22 and at the end.
    const counts = new Map<string, number>();
    for (const l of lines) counts.set(idOf(l), (counts.get(idOf(l)) ?? 0) + 1);
    const singles = lines.filter((l) => counts.get(idOf(l)) === 1);
    const good = singles.slice(0, 60);
    const damaged = (l: string) => l.replace(/,(\d{4}-\d{2}-\d{2}),/, ',"$1,'); // opens a quote, never closes it
    const body = [...good.slice(0, 20), damaged(singles[100]), ...good.slice(20), damaged(singles[101])];
    const file = writeTemp('quotes.csv', `${[header, ...body].join('\n')}\n`);

    const summary = await importSantander(t.db, file);
    expect(summary.rows).toBe(body.length);
    expect(summary.skipped).toBe(2);
    expect(summary.errors.map((e) => [e.line, e.field])).toEqual([[22, 'row'], [body.length + 1, 'row']]);
    expect(summary.errors[0].message).toMatch(/quote/);
    const want = expectedCounts(good);
    expect(summary.imported).toBe(good.length);
    expect(await t.db.customer.count()).toBe(want.customers);
    expect(await t.db.interaction.count({ where: { kind: 'HOLD' } })).toBe(want.holds);
    expect(await t.db.interaction.count({ where: { kind: 'PURCHASE' } })).toBe(want.purchases);
  });
});

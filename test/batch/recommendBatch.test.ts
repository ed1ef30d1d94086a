// `npm run recommend-batch` end to end: the compiled CLI scores a Santander file into the Kaggle
// submission format, using a database it brings up (migrate + bundled sample) by itself, and
// without writing the scored customers into that database.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANTANDER_CODES } from '../../src/ingest/santander/format';
import { createDb } from '../../src/store/db';
import { buildIfStale, cliPath, runCli } from '../helpers/cli';
import { fieldsOf, lineOf, sampleLines } from '../ingest/santanderFixture';

const CLI = cliPath('recommendBatch');

describe('recommend-batch CLI', () => {
  let dir: string;
  let url: string;
  const input = () => path.join(dir, 'customers.csv');
  // WEIGHT_NEURAL=0: no model is trained in-process here (trainCli.test.ts covers scoring with a trained version).
  const run = (...args: string[]) => runCli(CLI, args, { cwd: dir, env: { DATABASE_URL: url, WEIGHT_NEURAL: '0' } });

  beforeAll(() => {
    buildIfStale(CLI);
    dir = mkdtempSync(path.join(tmpdir(), 'finrec-batch-'));
    url = `file:${path.join(dir, 'batch.db')}`;
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 with the usage on bad arguments', () => {
    for (const args of [[], ['--input', 'x.csv'], ['--input', 'x.csv', '--out', 'o.csv', '--n', '0'], ['--bogus']]) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('usage: npm run recommend-batch');
    }
  });

  it('writes ncodpers,added_products for every customer of a file without labels, never a product held last month', () => {
    const { columns, lines } = sampleLines();
    // Customers that are NOT in the database: real rows with new customer codes, label column dropped.
    const labelAt = columns.indexOf('added_products');
    const keep = columns.filter((_, i) => i !== labelAt);
    const rows = lines.slice(0, 60).map((l) => fieldsOf(l)).map((f) => [`9${f[0]}`, ...f.slice(1)].filter((_, i) => i !== labelAt));
    writeFileSync(input(), [lineOf(keep), ...rows.map(lineOf)].join('\n') + '\n');
    const customers = [...new Set(rows.map((f) => f[0]))];

    const r = run('--input', input(), '--out', path.join(dir, 'out.csv'), '--n', '7');
    expect(r.code, r.stderr).toBe(0);
    const out = parse(readFileSync(path.join(dir, 'out.csv'), 'utf8'), { columns: true }) as { ncodpers: string; added_products: string }[];
    expect(Object.keys(out[0])).toEqual(['ncodpers', 'added_products']);
    expect(out.map((o) => o.ncodpers)).toEqual(customers); // once each, in file order
    const codes = new Set<string>(SANTANDER_CODES);
    for (const o of out) {
      const recs = o.added_products.split(' ');
      expect(recs.length).toBe(7);
      expect(new Set(recs).size).toBe(7);
      for (const c of recs) expect(codes.has(c), c).toBe(true);
      const f = rows.find((x) => x[0] === o.ncodpers)!;
      const heldLastMonth = SANTANDER_CODES.filter((c) => f[keep.indexOf(`${c}_Tminus1`)] === '1');
      for (const c of heldLastMonth) expect(recs).not.toContain(c);
    }
  });

  it('scores from the database without writing the file\'s customers into it', async () => {
    const db = createDb(url);
    try {
      const customers = await db.customer.count();
      expect(customers).toBeGreaterThan(1000); // the bundled sample, seeded by the first run
      const scored = (parse(readFileSync(path.join(dir, 'out.csv'), 'utf8'), { columns: true }) as { ncodpers: string }[]).map((o) => o.ncodpers);
      expect(await db.customer.count({ where: { id: { in: scored } } })).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });

  it('honours --n and reports malformed rows without stopping', () => {
    const { header, lines } = sampleLines();
    const bad = lineOf(fieldsOf(lines[1]).map((v, i) => (i === 0 ? 'not-a-code' : v)));
    writeFileSync(input(), [header, lines[0], bad].join('\n') + '\n');
    const r = run('--input', input(), '--out', path.join(dir, 'out3.csv'), '--n', '3');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/skipped line 3: ncodpers/);
    const out = parse(readFileSync(path.join(dir, 'out3.csv'), 'utf8'), { columns: true }) as { added_products: string }[];
    expect(out).toHaveLength(1);
    expect(out[0].added_products.split(' ')).toHaveLength(3);
  });
});

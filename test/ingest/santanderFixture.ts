// Test fixtures built from REAL lines of the bundled sample (data/santander_sample.csv.gz), plus
// malformed variants of real lines. Expected import counts are derived from the fixture's own
// content by a simple reading independent of src/ingest (csv-parse's sync API, column names only).
// Some province names are quoted ("CORUÑA, A"), so lines are never split on commas by hand.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { SAMPLE_FILE } from '../../src/ingest/seed';

/** The fields of one CSV line. */
export const fieldsOf = (line: string): string[] => (parse(line, { relax_column_count: true }) as string[][])[0];
/** One CSV line (quoted only where needed) from fields. */
export const lineOf = (fields: readonly string[]): string => stringify([fields], { eof: false });

export interface SampleLines { header: string; columns: string[]; lines: string[] }

let cached: SampleLines | null = null;
export function sampleLines(): SampleLines {
  if (!cached) {
    const all = gunzipSync(readFileSync(SAMPLE_FILE)).toString('utf8').split('\n').filter((l) => l !== '');
    cached = { header: all[0], columns: fieldsOf(all[0]), lines: all.slice(1) };
  }
  return cached;
}

export const idOf = (line: string): string => line.slice(0, line.indexOf(','));

/** A real line with one field replaced (by column name). */
export function withField(line: string, column: string, value: string): string {
  const { columns } = sampleLines();
  const i = columns.indexOf(column);
  if (i < 0) throw new Error(`no column ${column}`);
  const fields = fieldsOf(line);
  fields[i] = value;
  return lineOf(fields);
}

export function fieldOf(line: string, column: string): string {
  return fieldsOf(line)[sampleLines().columns.indexOf(column)];
}

/** Expected store content for a set of valid lines, derived independently of src/ingest. */
export function expectedCounts(lines: readonly string[]): { customers: number; holds: number; cancels: number; purchases: number; interactions: number } {
  const { columns } = sampleLines();
  const customers = new Set<string>();
  const holds = new Set<string>();
  const cancels = new Set<string>();
  const purchases = new Set<string>();
  for (const line of lines) {
    const f = fieldsOf(line);
    const id = f[0];
    customers.add(id);
    // Per lag (5 = oldest … 1): the products flagged '1', or null when the month has no record.
    const lags = new Map<number, Set<string> | null>();
    columns.forEach((c, i) => {
      const m = /^(.+)_Tminus(\d)$/.exec(c);
      if (!m || c.startsWith('sum_products')) return;
      const k = Number(m[2]);
      if (!lags.has(k)) lags.set(k, null);
      if (f[i] === '' || f[i] === 'NA') return;
      lags.set(k, lags.get(k) ?? new Set());
      if (f[i] === '1') { lags.get(k)!.add(m[1]); holds.add(`${id}|${m[1]}|${k}`); }
    });
    // A product held at one recorded month and not at the next recorded one was cancelled then.
    let previous: Set<string> | null = null;
    for (const k of [5, 4, 3, 2, 1]) {
      const now = lags.get(k);
      if (!now) continue;
      for (const code of previous ?? []) if (!now.has(code)) cancels.add(`${id}|${code}|${k}`);
      previous = now;
    }
    const added = f[columns.indexOf('added_products')];
    if (added) purchases.add(`${id}|${added}`);
  }
  return { customers: customers.size, holds: holds.size, cancels: cancels.size, purchases: purchases.size,
    interactions: holds.size + cancels.size + purchases.size };
}

export interface Fixture {
  file: string;
  dir: string;
  good: string[];
  /** Customer whose rows are not contiguous in the fixture. */
  splitCustomer: string;
  /** Malformed lines: 1-based line number in the file (header = 1), field and reason pattern. */
  bad: { line: number; field: string; reason: RegExp; customer: string }[];
}

/**
 * A fixture file: real lines of customers with one row, all rows of two customers with several rows
 * (one of them split apart by other rows), and five malformed variants of real lines of customers
 * that appear nowhere else in the file.
 */
export function writeFixture(name = 'fixture.csv'): Fixture {
  const { header, columns, lines } = sampleLines();
  const byCustomer = new Map<string, string[]>();
  for (const l of lines) byCustomer.set(idOf(l), [...(byCustomer.get(idOf(l)) ?? []), l]);
  const multi = [...byCustomer.values()].filter((rows) => rows.length >= 2).slice(0, 2);
  const singles = [...byCustomer.values()].filter((rows) => rows.length === 1).map((rows) => rows[0]);
  const [a, b] = multi;
  const good = [...singles.slice(0, 4), a[0], ...singles.slice(4, 7), ...b, ...singles.slice(7, 9), ...a.slice(1)];

  const spare = singles.slice(20, 25);
  const flagColumn = 'ind_cco_fin_ult1_Tminus3';
  const malformed: { text: string; field: string; reason: RegExp }[] = [
    { text: withField(spare[0], 'age', 'abc'), field: 'age', reason: /"abc" is not a number/ },
    { text: lineOf(fieldsOf(spare[1]).slice(0, -1)), field: 'row', reason: new RegExp(`has ${columns.length - 1} fields, the header has ${columns.length}`) },
    { text: withField(spare[2], flagColumn, '7'), field: flagColumn, reason: /"7" is not 0 or 1/ },
    { text: withField(spare[3], 'added_products', 'ind_xxxx_fin_ult1'), field: 'added_products', reason: /not a Santander product code/ },
    { text: withField(spare[4], 'ncodpers', ''), field: 'ncodpers', reason: /is not a customer code/ },
  ];
  // Malformed lines go to these final positions among the good ones (0-based; file line = index + 2).
  const body = [...good];
  const positions = [1, 4, 8, 11, 14];
  positions.forEach((pos, k) => body.splice(pos, 0, malformed[k].text));
  const bad = positions.map((pos, k) => ({ line: pos + 2, field: malformed[k].field, reason: malformed[k].reason, customer: idOf(spare[k]) }));
  const dir = mkdtempSync(path.join(tmpdir(), 'finrec-ingest-'));
  const file = path.join(dir, name);
  writeFileSync(file, `${[header, ...body].join('\n')}\n`);
  return { file, dir, good, splitCustomer: idOf(a[0]), bad };
}

/** Writes arbitrary text to a temp file. */
export function writeTemp(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'finrec-ingest-'));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

// Streams the rows of a catalog CSV (plain, or gzip when the name ends in .gz) as objects keyed by
// the header, with the physical line each row starts on. The fund sources are well-formed exports,
// so unlike the Santander reader there is no per-line quote repair: csv-parse's grammar is enough,
// and a record it cannot read is reported as a skipped row, never a crash.
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse, type CsvError } from 'csv-parse';

export type CsvRow = Record<string, string>;
export type CsvItem = { ok: true; row: CsvRow; line: number } | { ok: false; line: number; reason: string };

function open(file: string): Readable {
  const source = createReadStream(file);
  if (!file.endsWith('.gz')) return source;
  const out = new PassThrough();
  const gunzip = createGunzip();
  source.on('error', (e) => out.destroy(e));
  gunzip.on('error', (e) => out.destroy(new Error(`${file} is not valid gzip data (${e.message})`)));
  return source.pipe(gunzip).pipe(out);
}

export async function* readCsvRows(file: string): AsyncGenerator<CsvItem> {
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_records_with_error: true, skip_empty_lines: true });
  const input = open(file);
  // pipe() does not forward errors: a damaged file must end the iteration with its error, not crash the process.
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  const skipped: CsvItem[] = [];
  parser.on('skip', (e: CsvError & { lines?: number }) => { skipped.push({ ok: false, line: e.lines ?? 0, reason: 'invalid CSV' }); });
  let header: string[] | null = null;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    while (skipped.length > 0) yield skipped.shift()!;
    if (header === null) {
      header = record.map((h) => h.trim());
      continue;
    }
    if (record.length !== header.length) {
      yield { ok: false, line: info.lines, reason: 'wrong number of fields' };
      continue;
    }
    const row: CsvRow = {};
    for (let i = 0; i < header.length; i++) row[header[i]] = record[i].trim();
    yield { ok: true, row, line: info.lines };
  }
  while (skipped.length > 0) yield skipped.shift()!;
}

/**
 * Where a source file is under `dir`: the file itself, or its gzip (`name.gz`), directly in `dir` or
 * in the sub-folder the shared data keeps it in. Null when absent.
 */
export function findSourceFile(dir: string, name: string, subdir: string): string | null {
  for (const d of [dir, path.join(dir, subdir)]) {
    for (const n of name.endsWith('.gz') ? [name, name.slice(0, -3)] : [name, `${name}.gz`]) {
      const p = path.join(d, n);
      if (existsSync(p)) return p;
    }
  }
  return null;
}

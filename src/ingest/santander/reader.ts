// Streams a Santander additions file (.csv or .csv.gz) as validated records or per-line errors.
// The CSV grammar is csv-parse's; the meaning of each field is format.ts's.
// Line numbers are physical, 1-based lines of the (decompressed) file; the header is line 1.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse, type CsvError } from 'csv-parse';
import { checkHeader, parseRecord, RowError, type SantanderRecord } from './format';

export type ReadItem = { ok: true; record: SantanderRecord } | { ok: false; error: RowError };

function open(file: string): Readable {
  const source = createReadStream(file);
  if (!file.endsWith('.gz')) return source;
  const gunzip = createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  return source.pipe(gunzip);
}

export async function* readSantanderFile(file: string): AsyncGenerator<ReadItem> {
  const input = open(file);
  const parser = input.pipe(parse({
    bom: true,
    info: true,
    relax_column_count: true, // a row with too few/many fields is one bad row, reported below
    relax_quotes: true, // a stray quote inside a field is kept as text (and fails field validation)
    skip_records_with_error: true, // any other CSV grammar error skips that record, reported below
    skip_empty_lines: true,
  }));
  input.on('error', (e) => parser.destroy(e));
  const grammarErrors: RowError[] = [];
  parser.on('skip', (e: CsvError & { lines?: number }) => {
    grammarErrors.push(new RowError(e.lines ?? 0, 'row', `is not valid CSV: ${e.message}`));
  });

  let header: string[] | null = null;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    while (grammarErrors.length > 0) yield { ok: false, error: grammarErrors.shift()! };
    const line = info.lines;
    if (header === null) {
      checkHeader(record);
      header = record;
      continue;
    }
    if (record.length !== header.length) {
      yield { ok: false, error: new RowError(line, 'row', `has ${record.length} fields, the header has ${header.length}`) };
      continue;
    }
    const row: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) row[header[i]] = record[i];
    try {
      yield { ok: true, record: parseRecord(row, line) };
    } catch (e) {
      if (e instanceof RowError) yield { ok: false, error: e };
      else throw e;
    }
  }
  while (grammarErrors.length > 0) yield { ok: false, error: grammarErrors.shift()! };
  if (header === null) throw new Error('not a Santander additions file: the file is empty (no header line)');
}

/**
 * Data rows in the file, counted as line breaks (gzip decompressed on the fly) minus the header:
 * cheap (no CSV parsing), exact for this format, used as the progress total.
 */
export async function countDataRows(file: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of open(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
    if (chunk.length > 0) last = chunk[chunk.length - 1];
  }
  if (last !== 10) lines += 1; // no line break after the last line
  return Math.max(0, lines - 1);
}

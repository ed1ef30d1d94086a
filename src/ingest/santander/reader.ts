// Streams a Santander additions file (.csv or .csv.gz) as validated records or per-line errors.
// The CSV grammar is csv-parse's; the meaning of each field is format.ts's.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { checkHeader, parseRecord, RowError, type SantanderRecord } from './format';

export type ReadItem = { ok: true; record: SantanderRecord } | { ok: false; error: RowError };

export async function* readSantanderFile(file: string): AsyncGenerator<ReadItem> {
  const source = createReadStream(file);
  const input = file.endsWith('.gz') ? source.pipe(createGunzip()) : source;
  const parser = input.pipe(parse({
    columns: (header: string[]) => { checkHeader(header); return header; },
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: false,
  }));
  source.on('error', (e) => parser.destroy(e));
  let columns = 0;
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; columns: unknown[] | boolean; invalid_field_length: number } }>) {
    const line = info.lines;
    if (columns === 0 && Array.isArray(info.columns)) columns = info.columns.length;
    const fields = Object.keys(record).length;
    if (info.invalid_field_length > 0 || (columns > 0 && fields !== columns)) {
      yield { ok: false, error: new RowError(line, 'row', `has a different number of fields than the header (${columns})`) };
      continue;
    }
    try {
      yield { ok: true, record: parseRecord(record, line) };
    } catch (e) {
      if (e instanceof RowError) yield { ok: false, error: e };
      else throw e;
    }
  }
}

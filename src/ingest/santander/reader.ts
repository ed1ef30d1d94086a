// Streams a Santander additions file (.csv or .csv.gz) as validated records or per-line errors.
// The CSV grammar is csv-parse's; the meaning of each field is format.ts's.
// Line numbers are physical, 1-based lines of the (decompressed) file; the header is line 1.
import { createReadStream } from 'node:fs';
import { PassThrough, Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse, type CsvError } from 'csv-parse';
import { checkHeader, parseRecord, RowError, type SantanderRecord } from './format';

export type ReadItem = { ok: true; record: SantanderRecord } | { ok: false; error: RowError };

/** zlib's terse errors ("unexpected end of file", "incorrect header check") said of which file and what it means. */
function gzipError(file: string, e: Error & { code?: string }): Error {
  if (e.code === 'Z_BUF_ERROR') return new Error(`${file} is truncated: the gzip data ends early (incomplete copy or download?)`);
  if (e.code === 'Z_DATA_ERROR') return new Error(`${file} is not valid gzip data (${e.message}); a plain CSV must not be named .gz`);
  return e;
}

function open(file: string): Readable {
  const source = createReadStream(file);
  if (!file.endsWith('.gz')) return source;
  const gunzip = createGunzip();
  const out = new PassThrough();
  source.on('error', (e) => out.destroy(e));
  gunzip.on('error', (e) => out.destroy(gzipError(file, e)));
  return source.pipe(gunzip).pipe(out);
}

/** Stands in for a line whose quotes do not balance (see quoteGuard). */
const UNBALANCED = '\u0000finrec:unbalanced-quote';
const QUOTE = 0x22;
const LF = 0x0a;

/**
 * No field of this format holds a line break, so a record never spans lines. A line with an odd
 * number of quotes has a quoted field left open, and a CSV parser would read on into the lines after
 * it looking for the close — swallowing good rows into one bad record. This replaces such a line
 * by a marker (keeping its line break, so line numbers stay physical), reported on its own below.
 */
function quoteGuard(): Transform {
  let rest: Buffer = Buffer.alloc(0);
  const fix = (line: Buffer): Buffer => {
    let quotes = 0;
    for (let i = line.indexOf(QUOTE); i !== -1; i = line.indexOf(QUOTE, i + 1)) quotes += 1;
    if (quotes % 2 === 0) return line;
    const ending = line.at(-1) === LF ? (line.at(-2) === 0x0d ? '\r\n' : '\n') : '';
    return Buffer.from(UNBALANCED + ending);
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      const out: Buffer[] = [];
      let start = 0;
      for (let nl = data.indexOf(LF); nl !== -1; nl = data.indexOf(LF, start)) {
        out.push(fix(data.subarray(start, nl + 1)));
        start = nl + 1;
      }
      rest = Buffer.from(data.subarray(start));
      done(null, out.length > 0 ? Buffer.concat(out) : undefined);
    },
    flush(done) {
      done(null, rest.length > 0 ? fix(rest) : undefined);
    },
  });
}

export async function* readSantanderFile(file: string): AsyncGenerator<ReadItem> {
  const raw = open(file);
  const input = raw.pipe(quoteGuard());
  raw.on('error', (e) => input.destroy(e)); // pipe() does not pass errors on (a missing file, bad gzip)
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
    if (record.length === 1 && record[0] === UNBALANCED) {
      yield { ok: false, error: new RowError(line, 'row', 'has a quote that is not closed on its line (unbalanced ")') };
      continue;
    }
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

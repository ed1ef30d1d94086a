// A damaged catalog file ends the read with a clear error naming the file; it never crashes the process.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../../src/ingest/funds/csvFile';

async function readAll(file: string): Promise<number> {
  let n = 0;
  for await (const item of readCsvRows(file)) if (item.ok) n += 1;
  return n;
}

describe('readCsvRows on damaged files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'finrec-csv-'));
  const csv = 'symbol,name\nAAA,Fund A\nBBB,Fund B\n'.repeat(200);

  it('reads a whole gzip file (control)', async () => {
    const file = path.join(dir, 'ok.csv.gz');
    writeFileSync(file, gzipSync(csv));
    expect(await readAll(file)).toBeGreaterThan(300);
  });

  it('a truncated gzip file rejects with the file named', async () => {
    const file = path.join(dir, 'cut.csv.gz');
    const whole = gzipSync(csv);
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(readAll(file)).rejects.toThrow(/cut\.csv\.gz is not valid gzip data/);
  });

  it('junk named .gz rejects with the file named', async () => {
    const file = path.join(dir, 'junk.csv.gz');
    writeFileSync(file, readFileSync(__filename));
    await expect(readAll(file)).rejects.toThrow(/junk\.csv\.gz is not valid gzip data/);
  });
});

// `npm run import` fed the files an unlucky operator has: a gzip cut short by a failed copy, a
// plain CSV named .gz, a directory. Each ends with exit 1, one "error:" line that says what is
// wrong with which file, and nothing written.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/store/db';
import { buildIfStale, cliPath } from '../helpers/cli';
import { sampleLines } from '../ingest/santanderFixture';

const CLI = cliPath('import');

describe('import CLI: damaged and wrong files', () => {
  let dir: string;
  let url: string;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' }, timeout: 60_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const counts = async () => {
    const db = createDb(url);
    try { return [await db.customer.count(), await db.interaction.count()]; } finally { await db.$disconnect(); }
  };

  beforeAll(() => {
    buildIfStale(CLI);
    dir = mkdtempSync(path.join(tmpdir(), 'finrec-import-bad-'));
    url = `file:${path.join(dir, 'import.db')}`;
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const csv = () => { const { header, lines } = sampleLines(); return `${[header, ...lines.slice(0, 400)].join('\n')}\n`; };

  it('a truncated .csv.gz: says it is truncated, names the file, writes nothing', async () => {
    const whole = gzipSync(csv());
    const file = path.join(dir, 'cut.csv.gz');
    writeFileSync(file, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const r = run('santander', file);
    expect(r.code).toBe(1);
    const last = r.stderr.trim().split('\n').at(-1)!;
    expect(last).toMatch(/^error: .*cut\.csv\.gz.*(truncated|incomplete)/);
    expect(await counts()).toEqual([0, 0]);
  });

  it('a plain CSV named .csv.gz: says it is not gzip', async () => {
    const file = path.join(dir, 'plain.csv.gz');
    writeFileSync(file, csv());
    const r = run('santander', file);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^error: .*plain\.csv\.gz.*not .*gzip/);
    expect(await counts()).toEqual([0, 0]);
  });

  it('a directory: says it is not a file (it exists)', () => {
    const d = path.join(dir, 'folder.csv');
    mkdirSync(d);
    const r = run('santander', d);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`error: not a file: ${d}`);
  });

  it('still imports the same data when it is whole (control)', async () => {
    const file = path.join(dir, 'whole.csv.gz');
    writeFileSync(file, gzipSync(csv()));
    const r = run('santander', file);
    expect(r.code, r.stderr).toBe(0);
    expect((await counts())[0]).toBeGreaterThan(0);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });
});

// `npm run import -- santander FILE` end to end: the compiled CLI in a child process, against a
// temporary SQLite file. Builds dist/ first when it is missing or older than the sources.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/store/db';
import { buildIfStale, cliPath } from '../helpers/cli';
import { expectedCounts, writeFixture, writeTemp, type Fixture } from './santanderFixture';

const CLI = cliPath('import');

describe('import CLI', () => {
  let dir: string;
  let url: string;
  let fx: Fixture;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' }, timeout: 60_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(() => {
    buildIfStale(CLI);
    dir = mkdtempSync(path.join(tmpdir(), 'finrec-cli-'));
    url = `file:${path.join(dir, 'cli.db')}`;
    fx = writeFixture();
  }, 180_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(fx.dir, { recursive: true, force: true });
  });

  it('exits 2 with the usage on a usage error', () => {
    for (const args of [[], ['kaggle', 'x.csv'], ['santander'], ['santander', 'x.csv', '--batch-size', '0'], ['santander', 'x.csv', '--bogus']]) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^error: .+\n\nusage: npm run import -- santander FILE/);
    }
  });

  it('exits 1 with one clear line when the file is missing or not this format', () => {
    const missing = run('santander', path.join(dir, 'nope.csv.gz'));
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`error: file not found: ${path.join(dir, 'nope.csv.gz')}`);
    const other = run('santander', writeTemp('other.csv', 'a,b\n1,2\n'));
    expect(other.code).toBe(1);
    expect(other.stderr.trim().split('\n').at(-1)).toMatch(/^error: not a Santander additions file: missing \d+ column\(s\): ncodpers, fecha_dato/);
  });

  it('strict mode exits 1, lists the bad lines and writes nothing', async () => {
    const r = run('santander', fx.file, '--strict');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: strict import aborted, nothing written: ${fx.bad.length} malformed row(s)`);
    for (const b of fx.bad) expect(r.stderr).toContain(`  line ${b.line}: ${b.field}:`);
    const db = createDb(url); // migrated by the CLI before it failed
    try {
      expect(await db.customer.count()).toBe(0);
      expect(await db.product.count()).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });

  it('imports, prints the summary and the skipped lines, exits 0; a second run creates nothing', async () => {
    const want = expectedCounts(fx.good);
    const r = run('santander', fx.file, '--batch-size', '5');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`rows +${fx.good.length + fx.bad.length}\\n`));
    expect(r.stdout).toMatch(new RegExp(`imported +${fx.good.length}\\n`));
    expect(r.stdout).toMatch(new RegExp(`skipped +${fx.bad.length}\\n`));
    expect(r.stdout).toMatch(new RegExp(`customers created +${want.customers}\\n`));
    expect(r.stdout).toMatch(new RegExp(`interactions created +${want.interactions}\\n`));
    expect(r.stdout).toMatch(/elapsed +\d+\.\d s \(\d+ rows\/s\)/);
    for (const b of fx.bad) expect(r.stdout).toContain(`  line ${b.line}: ${b.field}:`);
    // Not a terminal: a plain progress line instead of a bar, ending at 100 %.
    expect(r.stderr.trim().split('\n').at(-1)).toBe(`importing: ${fx.good.length + fx.bad.length}/${fx.good.length + fx.bad.length} rows (100%)`);

    const again = run('santander', fx.file);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/customers created +0\n/);
    expect(again.stdout).toMatch(/interactions created +0\n/);
  });
});

// `npm run import:funds` end to end: the compiled CLI in a child process on the bundled slice,
// against a temporary SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_FUNDS_DIR, loadFundCatalog } from '../../src/ingest/funds/catalog';
import { createDb } from '../../src/store/db';
import { buildIfStale, cliPath, runCli } from '../helpers/cli';

const CLI = cliPath('importFunds');

describe('import:funds CLI', () => {
  let dir: string;
  let url: string;
  const run = (...args: string[]) => runCli(CLI, args, { cwd: dir, env: { DATABASE_URL: url }, timeoutMs: 60_000 });

  beforeAll(() => {
    buildIfStale(CLI);
    dir = mkdtempSync(path.join(tmpdir(), 'finrec-funds-cli-'));
    url = `file:${path.join(dir, 'funds.db')}`;
  }, 180_000);
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  it('exits 2 with the usage on a usage error, 1 on a missing directory', () => {
    for (const args of [['extra'], ['--limit', '0'], ['--batch-size', 'x'], ['--bogus']]) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^error: .+\n\nusage: npm run import:funds -- \[--dir DIR\]/);
    }
    const missing = run('--dir', path.join(dir, 'nope'));
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`error: not a directory: ${path.join(dir, 'nope')}`);
    const empty = run('--dir', dir);
    expect(empty.code).toBe(1);
    expect(empty.stderr.trim()).toBe(`error: no fund catalog files in ${dir}`);
  });

  it('imports the bundled slice and prints counts by reason, source and risk level; a second run changes nothing', async () => {
    const { records, skipped } = await loadFundCatalog(BUNDLED_FUNDS_DIR);
    const r = run('--batch-size', '100');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`\\n  created +${records.length}\\n  updated +0\\n  unchanged +0\\n`));
    for (const [reason, n] of Object.entries(skipped)) expect(r.stdout).toMatch(new RegExp(`  ${reason} +${n}\\n`));
    for (const source of ['financedatabase', 'india-mf', 'yahoo-us-etf-2019', 'yahoo-us-mf-2021']) {
      expect(r.stdout).toMatch(new RegExp(`  ${source} +${records.filter((x) => x.source === source).length}\\n`));
    }
    for (let level = 1; level <= 7; level++) {
      expect(r.stdout).toMatch(new RegExp(`  SRI ${level} +${records.filter((x) => x.riskLevel === level).length}\\n`));
    }
    expect(r.stderr.trim().split('\n').at(-1)).toBe(`importing funds: ${records.length}/${records.length} funds (100%)`);

    const again = run('--limit', '50');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/\n  created +0\n  updated +0\n  unchanged +50\n/);
    const db = createDb(url);
    try {
      expect(await db.product.count({ where: { lineCode: { not: null } } })).toBe(records.length);
    } finally {
      await db.$disconnect();
    }
  });
});

// recommend-batch driven the way a careless operator drives it: paths that do not exist or are
// directories. Each must end with exit code 1 and one readable "error:" line — before minutes of
// fitting are spent — never with a Node stack trace, and never leave a half-written submission.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_FILE } from '../../src/ingest/seed';
import { buildIfStale, cliPath, runCli } from '../helpers/cli';

const CLI = cliPath('recommendBatch');

describe('recommend-batch: bad paths', () => {
  let dir: string;
  let input: string;
  const env = () => ({ DATABASE_URL: `file:${path.join(dir, 'batch.db')}`, SEED_SAMPLE: 'false', LOG_LEVEL: 'warn' });
  const run = (...args: string[]) => runCli(CLI, args, { cwd: dir, env: env(), timeoutMs: 60_000 });

  beforeAll(() => {
    buildIfStale(CLI);
    dir = mkdtempSync(path.join(tmpdir(), 'finrec-batch-paths-'));
    // 3,000 real customers: enough output that the file is written while scoring goes on.
    input = path.join(dir, 'customers.csv');
    writeFileSync(input, gunzipSync(readFileSync(SAMPLE_FILE)));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an --out in a directory that does not exist: exit 1, one error line, nothing fitted', () => {
    const out = path.join(dir, 'missing', 'sub', 'out.csv');
    const r = run('--input', input, '--out', out);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/Unhandled 'error' event|\n\s+at /);
    expect(r.stderr).toMatch(/^error: .*missing/m);
    expect(r.stderr).not.toMatch(/fitting on/);
    expect(existsSync(out)).toBe(false);
  });

  it('an --out that is a directory: exit 1, one error line', () => {
    const out = path.join(dir, 'a-directory');
    mkdirSync(out);
    const r = run('--input', input, '--out', out);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/Unhandled 'error' event|\n\s+at /);
    expect(r.stderr).toMatch(/^error: --out is a directory: .*a-directory/m);
    expect(r.stderr).not.toMatch(/fitting on/);
  });

  it('an --input that is a directory: exit 1 before fitting', () => {
    const r = run('--input', dir, '--out', path.join(dir, 'o.csv'));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^error: .*not a file/m);
    expect(r.stderr).not.toMatch(/fitting on/);
  });

  it('killed while scoring, it leaves the previous submission in place, not a truncated one', async () => {
    const out = path.join(dir, 'submission.csv');
    writeFileSync(out, 'ncodpers,added_products\nprevious,run\n');
    const child = spawn(process.execPath, [CLI, '--input', input, '--out', out], {
      cwd: dir, env: { ...process.env, NODE_ENV: 'test', ...env() }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString();
        if (/scoring: [1-9]/.test(err)) { child.kill('SIGKILL'); resolve(); }
      });
      child.on('close', () => reject(new Error(`finished before it could be killed: ${err}`)));
    });
    await new Promise((r) => child.on('close', r));
    expect(readFileSync(out, 'utf8')).toBe('ncodpers,added_products\nprevious,run\n');
  });
});

// npm run evaluate-temporal, as users run it: the compiled CLI in a child process, on a committed
// slice of the real first-adoptions file (test/eval/fixtures, 302 events of 50 customers).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale, cliPath, runCli } from '../helpers/cli';

const cli = cliPath('evaluateTemporal');
const SLICE = path.resolve(__dirname, 'fixtures', 'santander_first_adoptions_slice.csv');
let dir: string;

beforeAll(() => {
  buildIfStale(cli);
  dir = mkdtempSync(path.join(os.tmpdir(), 'finrec-eval-temporal-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evaluate-temporal CLI', () => {
  it('prints the per-month table and writes the markdown report with its SVG chart', () => {
    const out = path.join(dir, 'reports', 'evaluation-temporal.md');
    const r = runCli(cli, ['--file', SLICE, '--months', '2', '--out', out], { cwd: dir, env: {}, timeoutMs: 90_000 });
    expect(r.stderr).not.toContain('failed');
    expect(r.stderr).not.toContain('FAILED');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2016-04\s+\d+\s+\d+\s+\d+\s+popularity-not-held \(baseline\)\s+0\.\d{4}/m);
    expect(r.stdout).toMatch(/^2016-05\s+/m);
    expect(r.stdout).toMatch(/blend \(config weights\)\s+0\.\d{4}/);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('](evaluation-temporal.svg)');
    expect(md).toContain(`--file ${SLICE} --months 2`);
    expect(readFileSync(path.join(dir, 'reports', 'evaluation-temporal.svg'), 'utf8')).toMatch(/^<svg/);
  }, 100_000);

  it('rejects a bad --target with a usage message and exit code 2; a missing file is exit 1', () => {
    const bad = runCli(cli, ['--target', '2016-13'], { cwd: dir, env: {} });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage: npm run evaluate-temporal');
    const missing = runCli(cli, ['--file', path.join(dir, 'nope.csv')], { cwd: dir, env: {} });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`error: file not found: ${path.join(dir, 'nope.csv')}\n`);
  });
});

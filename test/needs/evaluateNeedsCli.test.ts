// npm run evaluate-needs, run as users run it: the compiled CLI on the real labelled set.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config';
import { buildIfStale, cliPath, runCli } from '../helpers/cli';

const CLI = cliPath('evaluateNeeds');

describe('evaluate-needs CLI', () => {
  let dir: string;
  const run = (...args: string[]) => runCli(CLI, args, { cwd: dir, env: { LOG_LEVEL: 'warn' }, timeoutMs: 240_000 });

  beforeAll(() => {
    buildIfStale(CLI);
    dir = mkdtempSync(path.join(tmpdir(), 'finrec-needs-cli-'));
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parsing only (--no-retrieve): evaluates the default set and writes the report with its chart', () => {
    const r = run('--out', 'out/needs.md', '--no-retrieve');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/statements from .*needs\.jsonl/);
    expect(r.stdout).toMatch(/^riskAppetite\s+\d+\s+\d+\s+[01]\.\d{3}$/m);
    const md = readFileSync(path.join(dir, 'out', 'needs.md'), 'utf8');
    expect(md).toMatch(/^# FinRec need understanding/);
    expect(md).toMatch(/Parser: rules ×\d+/);
    expect(readFileSync(path.join(dir, 'out', 'needs.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('takes --file (the held-out set)', () => {
    const r = run('--file', path.join(PROJECT_ROOT, 'data', 'needs', 'needs-holdout.jsonl'), '--out', 'holdout.md', '--no-retrieve');
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'holdout.md'))).toBe(true);
  });

  it('with retrieval (the default): ranks through the API path over the bundled catalog and reports hit@5', () => {
    const lines = readFileSync(path.join(PROJECT_ROOT, 'data', 'needs', 'needs-holdout.jsonl'), 'utf8').split('\n').filter(Boolean).slice(0, 6);
    writeFileSync(path.join(dir, 'few.jsonl'), `${lines.join('\n')}\n`);
    const r = run('--file', 'few.jsonl', '--out', 'few.md', '--customer', 'unprofiled');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ranking over 408 products for an unprofiled customer/);
    expect(r.stdout).toMatch(/^hit@5 [01]\.\d{3} over 6 statements/m);
    const md = readFileSync(path.join(dir, 'few.md'), 'utf8');
    expect(md).toMatch(/\| hit@5 .*\| [01]\.\d{3} \| 6 cases \|/);
    expect(md).toMatch(/\| risk violation@5 .*\| 0\.000 \|/);
  }, 300_000);

  it('a missing file: exit 1 with one error line; an unknown option: exit 2 with the usage', () => {
    const missing = run('--file', 'nope.jsonl');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: file not found: nope\.jsonl$/m);
    const usage = run('--bogus');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: npm run evaluate-needs/);
  });
});

// npm run evaluate, as users run it: the compiled CLI in a child process, on the bundled sample.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIfStale, cliPath, runCli } from '../helpers/cli';
import { SAMPLE } from './realFixture';

const cli = cliPath('evaluate');
let dir: string;

beforeAll(() => {
  buildIfStale(cli);
  dir = mkdtempSync(path.join(os.tmpdir(), 'finrec-eval-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('evaluate CLI', () => {
  it('prints the table and writes the markdown report with its SVG chart', () => {
    const out = path.join(dir, 'reports', 'evaluation.md');
    const r = runCli(cli, ['--file', SAMPLE, '--test-fraction', '0.3', '--seed', '42', '--max-epochs', '4', '--out', out], { cwd: dir, env: {}, timeoutMs: 180_000 });
    expect(r.stderr).not.toContain('evaluate failed');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/recommender\s+MAP@7\s+P@7\s+R@7\s+nDCG@7\s+coverage\s+novelty\s+diversity/);
    expect(r.stdout).toMatch(/popularity-not-held \(baseline\)\s+0\.\d{4}/);
    expect(r.stdout).toMatch(/blend \(tuned on validation\)\s+0\.\d{4}/);
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('| blend (tuned on validation) |');
    expect(md).toContain('](evaluation.svg)');
    expect(readFileSync(path.join(dir, 'reports', 'evaluation.svg'), 'utf8')).toMatch(/^<svg/);
    expect(r.stdout).toMatch(/^neural\s+0\.\d{4}/m);
    expect(r.stdout).toMatch(/^MAP@7 by segment\s+age <25\s+age 25–44/m);
    expect(r.stdout).toMatch(/^test customers \(n\)\s+\d+/m);
    expect(md).toContain('## MAP@7 per customer segment');
    expect(md).toContain('](evaluation-segments.svg)');
    expect(readFileSync(path.join(dir, 'reports', 'evaluation-segments.svg'), 'utf8')).toMatch(/^<svg/);
  }, 200_000); // fits each learned model twice (4 epochs at most: what is tested is the report, not the model)

  it('rejects bad arguments with a usage message and exit code 2', () => {
    const r = runCli(cli, ['--test-fraction', '1.5'], { cwd: dir, env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: npm run evaluate');
  });

  it('says "file not found" (exit 1) for a missing file, without a stack trace', () => {
    const r = runCli(cli, ['--file', path.join(dir, 'nope.csv.gz')], { cwd: dir, env: {} });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: file not found: ${path.join(dir, 'nope.csv.gz')}\n`);
  });
});

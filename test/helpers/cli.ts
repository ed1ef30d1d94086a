// Running the compiled command-line entry points (dist/src/cli/*.js) in a child process, as users
// do. `npm test` builds first; a bare `vitest run` builds here when dist/ is missing or stale.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

export const cliPath = (name: string): string => path.join(PROJECT_ROOT, 'dist', 'src', 'cli', `${name}.js`);

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

export function buildIfStale(cli: string): void {
  if (existsSync(cli) && statSync(cli).mtimeMs >= newestSource(path.join(PROJECT_ROOT, 'src'))) return;
  // tsc emits even when another part of the tree has type errors; only a missing output is fatal here.
  try {
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', PROJECT_ROOT], { stdio: 'pipe' });
  } catch (e) {
    if (!existsSync(cli)) throw e;
  }
}

export interface CliResult { code: number | null; stdout: string; stderr: string }

export function runCli(cli: string, args: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): CliResult {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: opts.cwd, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test', ...opts.env }, timeout: opts.timeoutMs ?? 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// The real FinRec server as a child process (`node dist/src/cli/main.js`, what `npm start` runs), for
// the load and fault benchmarks and the fault tests: started on 127.0.0.1 with PORT=0, its URL read
// from its "FinRec GraphQL ready" log line; stopped with SIGTERM or killed with SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

export const MAIN = path.join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js');

/** The ADMIN key every benchmark server is started with (FINREC_ADMIN_KEY); never a real one. */
export const BENCH_ADMIN_KEY = 'finrec-bench-admin-key-0123456789';

export interface Server {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:41234/graphql */
  url: string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Everything the process printed (pino JSON lines), for diagnosis. */
  output(): string;
}

/** Start the server on `dbUrl`; resolves once it listens. `env` overrides the defaults below. */
export function startServer(dbUrl: string, env: Record<string, string> = {}, timeoutMs = 600_000): Promise<Server> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env, NODE_ENV: 'production', DATABASE_URL: dbUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info',
      REFIT_INTERVAL_SECONDS: '0', MODEL_POLL_SECONDS: '0', FINREC_ADMIN_KEY: BENCH_ADMIN_KEY, RATE_LIMIT_PER_MINUTE: '0', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server did not listen within ${timeoutMs} ms: ${out.slice(-2000)}`)); }, timeoutMs);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /"url":"(http:\/\/[^"]+\/graphql)"/.exec(out);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1], exited, output: () => out }); }
    });
    child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`server exited (${code}) before listening: ${out.slice(-2000)}`)); });
  });
}

/** Stop gracefully (SIGTERM); returns the exit code. */
export async function stopServer(server: Server): Promise<number | null> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGTERM');
  return server.exited;
}

export interface GqlResult { status: number; body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } }

/** One GraphQL POST with the benchmark's ADMIN key. Throws on a network failure (server gone). */
export async function gql(url: string, query: string, variables?: Record<string, unknown>): Promise<GqlResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_KEY}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as GqlResult['body'] };
}

/** GET /health of the server at `url` (its /graphql URL). */
export async function health(url: string): Promise<any> {
  const res = await fetch(url.replace(/\/graphql$/, '/health'));
  return res.json();
}

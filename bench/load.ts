// Load benchmark of issue 5: autocannon on loopback, DURATION seconds (60 by default) of mixed
// traffic against the real server (`node dist/src/cli/main.js`, production mode, the SQLite default,
// a temporary copy of the bundled sample seeded as `npm start` seeds it; ./finrec.db untouched):
// 90 % `recommendations` for customers of the whole sample drawn with a skew (customer N·r² for a
// uniform r: a few come back often, most rarely — cache hits and misses both happen; the hit ratio is
// read from /health), 10 % `submitFeedback` with fresh idempotency keys (each
// invalidates its customer's cached ranking), all with an ADMIN key and the per-key rate limit off.
// The same run then measures a bare node:http server answering a small JSON, in its own process
// like FinRec, so the ratio says what FinRec costs over Node's HTTP floor on this machine. Both share
// the 2 cores with the load generator. Prints a table; writes bench/results/load.json and load.svg.
//   npm run bench:load              DURATION=10 CONNECTIONS=10 to change
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { mulberry32 } from '../src/eval/split';
import { PROJECT_ROOT } from '../src/config';
import { toSvg } from '../src/eval/report';
import { customerIds, productIds, sampleDb } from './lib/sampleDb';
import { BENCH_ADMIN_KEY, health, startServer, stopServer } from './lib/server';

const DURATION = Number(process.env.DURATION ?? 60);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const FEEDBACK_SHARE = 0.1;

const LIST = 'query($u: ID!) { recommendations(userId: $u, first: 5) { id stale items { rank score product { id code name } } } }';
const FEEDBACK = 'mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { replayed feedback { id } } }';
const KINDS = ['CLICK', 'DISMISS', 'PURCHASE'] as const;


export interface Figures { target: string; requests: number; rps: number; p50: number; p99: number; errors: number; non2xx: number; graphqlErrors: number }

function figures(target: string, r: autocannon.Result, graphqlErrors: number): Figures {
  return {
    target, requests: r.requests.total, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99,
    errors: r.errors + r.timeouts, non2xx: r.non2xx, graphqlErrors,
  };
}

async function loadFinRec(url: string, customers: readonly string[], products: readonly string[]): Promise<Figures> {
  const next = mulberry32(42); // seeded: the same request mix on every run
  let seq = 0;
  let graphqlErrors = 0;
  const firstErrors: string[] = [];
  const result = await autocannon({
    url, connections: CONNECTIONS, duration: DURATION, method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_KEY}` },
    requests: [{
      setupRequest: (req) => {
        const r = next();
        const u = customers[Math.floor(r * r * customers.length)];
        if (next() < FEEDBACK_SHARE) {
          const input = { userId: u, productId: products[Math.floor(next() * products.length)], kind: KINDS[seq % KINDS.length], idempotencyKey: `load-${process.pid}-${seq++}` };
          return { ...req, body: JSON.stringify({ query: FEEDBACK, variables: { i: input } }) };
        }
        return { ...req, body: JSON.stringify({ query: LIST, variables: { u } }) };
      },
      onResponse: (_status, body) => {
        if (body.includes('"errors"')) {
          graphqlErrors += 1;
          if (firstErrors.length < 3) firstErrors.push(body.slice(0, 300));
        }
      },
    }],
  });
  for (const e of firstErrors) process.stderr.write(`graphql error: ${e}\n`);
  return figures('FinRec GraphQL (90 % recommendations, 10 % submitFeedback)', result, graphqlErrors);
}

const BARE = `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => { s.writeHead(200, { 'content-type': 'application/json' }); s.end('{"status":"ok","ts":' + Date.now() + '}'); }); })
  .listen(0, '127.0.0.1', function () { console.log('bare ' + this.address().port); });`;

async function loadBare(): Promise<Figures> {
  const child = spawn(process.execPath, ['-e', BARE], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => { const m = /bare (\d+)/.exec(c.toString()); if (m) resolve(Number(m[1])); });
      child.on('exit', (code) => reject(new Error(`bare server exited (${code})`)));
    });
    const result = await autocannon({ url: `http://127.0.0.1:${port}/`, connections: CONNECTIONS, duration: DURATION });
    return figures('bare node:http, small JSON', result, 0);
  } finally {
    child.kill('SIGTERM');
  }
}

function hitRatio(before: any, after: any): { hits: number; misses: number; ratio: number } {
  const misses = (s: any) => s.missing + s.expired + s.config + s.invalidated;
  const hits = after.cache.hits - before.cache.hits;
  const miss = misses(after.cache) - misses(before.cache);
  return { hits, misses: miss, ratio: hits / Math.max(1, hits + miss) };
}

/** Other work on the machine skews every figure: reported with them. */
const load = { start: 0, end: 0 };

async function main(): Promise<void> {
  process.stderr.write('preparing a temporary copy of the bundled sample …\n');
  const sample = await sampleDb('load');
  try {
    const customers = await customerIds(sample.db, 100_000);
    const products = await productIds(sample.db);
    process.stderr.write(`starting FinRec (fits the engine — the neural ranker is trained in-process — and embeds the catalog) …\n`);
    const server = await startServer(sample.url, { SEED_SAMPLE: 'false' });
    load.start = loadavg()[0];
    let finrec: Figures;
    let cache: ReturnType<typeof hitRatio>;
    try {
      const before = await health(server.url);
      process.stderr.write(`FinRec: ${DURATION} s, ${CONNECTIONS} connections, ${customers.length} customers …\n`);
      finrec = await loadFinRec(server.url, customers, products);
      cache = hitRatio(before, await health(server.url));
    } finally {
      await stopServer(server);
    }
    process.stderr.write(`bare node:http: ${DURATION} s, ${CONNECTIONS} connections …\n`);
    const bare = await loadBare();

    const ratio = finrec.rps / bare.rps;
    load.end = loadavg()[0];
    const f = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
    const lines = [
      `\n${DURATION} s, ${CONNECTIONS} connections, autocannon on 127.0.0.1 (load generator and server share the machine's cores)\n`,
      '| target | requests | requests/s | p50 ms | p99 ms | errors | non-2xx | GraphQL errors |',
      '|:---|---:|---:|---:|---:|---:|---:|---:|',
      ...[finrec, bare].map((x) => `| ${x.target} | ${x.requests} | ${f(x.rps)} | ${f(x.p50)} | ${f(x.p99)} | ${x.errors} | ${x.non2xx} | ${x.graphqlErrors} |`),
      `\nFinRec / bare node:http throughput: ${(ratio * 100).toFixed(1)} % (${(1 / ratio).toFixed(1)}× slower)`,
      `ranking cache during the run: ${cache.hits} hits, ${cache.misses} misses — hit ratio ${(cache.ratio * 100).toFixed(1)} %`,
      `machine load average (1 min) at the start and the end: ${load.start.toFixed(1)}, ${loadavg()[0].toFixed(1)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);

    const dir = path.join(PROJECT_ROOT, 'bench', 'results');
    const json = { durationSeconds: DURATION, connections: CONNECTIONS, feedbackShare: FEEDBACK_SHARE, customers: customers.length, finrec, bare, ratio, cache, loadAverage: load, measuredAt: new Date().toISOString() };
    writeFileSync(path.join(dir, 'load.json'), `${JSON.stringify(json, null, 2)}\n`);
    writeFileSync(path.join(dir, 'load.svg'), await toSvg({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `Load on loopback: FinRec vs bare node:http (${DURATION} s, ${CONNECTIONS} connections)`,
      data: { values: [finrec, bare].flatMap((x) => [
        { target: x === finrec ? 'FinRec' : 'bare node:http', metric: 'requests/s', value: x.rps },
        { target: x === finrec ? 'FinRec' : 'bare node:http', metric: 'p50 ms', value: x.p50 },
        { target: x === finrec ? 'FinRec' : 'bare node:http', metric: 'p99 ms', value: x.p99 },
      ]) },
      facet: { column: { field: 'metric', type: 'nominal', title: null } },
      spec: {
        width: 160, height: 200,
        layer: [
          { mark: 'bar', encoding: { x: { field: 'target', type: 'nominal', title: null }, y: { field: 'value', type: 'quantitative', title: null }, color: { field: 'target', type: 'nominal', legend: null } } },
          { mark: { type: 'text', dy: -6 }, encoding: { x: { field: 'target', type: 'nominal' }, y: { field: 'value', type: 'quantitative' }, text: { field: 'value', type: 'quantitative', format: '.1f' } } },
        ],
      },
      resolve: { scale: { y: 'independent' } },
    }));
    process.stdout.write(`figures: bench/results/load.json, chart: bench/results/load.svg\n`);
    if (finrec.errors + finrec.non2xx + finrec.graphqlErrors + bare.errors + bare.non2xx > 0) process.exitCode = 1;
  } finally {
    await sample.close();
  }
}

main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack}\n`); process.exitCode = 1; });

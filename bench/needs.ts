// recommendForNeed latency over real HTTP on loopback, against the `recommendations` query served by
// the same server in the same run (the baseline: a cached Top-N read and a logged list).
// A throwaway SQLite store seeded exactly as `npm start` seeds one (the bundled sample customers, the
// 24 product lines and the bundled fund slice, embedded on the way); the neural ranker is left out of
// the fit (WEIGHT_NEURAL=0) so the bench starts in seconds — the need path only reads the cached
// line ranking. Needs are the labelled statements of data/needs/needs.jsonl, in turn:
//   - recommendations, cached               (baseline)
//   - recommendForNeed, new text, no userId (parse + embed the text + rank ~400 products)
//   - recommendForNeed, repeated text       (the text's embedding cached)
//   - recommendForNeed, new text, userId    (+ the customer's state and line ranking, + the logged list)
//   npm run build && node dist/bench/needs.js [--n 200]
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { ensureSeeded } from '../src/ingest/seed';
import { ensureFundsSeeded } from '../src/ingest/funds/seed';
import { silentLogger } from '../src/log';
import { createApp } from '../src/server';
import { tfRuntime } from '../src/train/backend';
import { benchArgs, runBench, withTempDb } from './holdout';

/** The ADMIN key of this throwaway server (FINREC_ADMIN_KEY). */
const BENCH_KEY = 'bench-needs-admin-key-0000';
const out = (line: string) => process.stdout.write(`${line}\n`);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

runBench(async () => {
  const n = benchArgs().flag('n', 200);
  const texts = readFileSync(path.resolve('data/needs/needs.jsonl'), 'utf8').split('\n').filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text);
  await withTempDb(async (db) => {
    await ensureSeeded(db, silentLogger);
    await ensureFundsSeeded(db, silentLogger);
    const config = loadConfig({ ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', WEIGHT_NEURAL: '0', REFIT_INTERVAL_SECONDS: '0', MODEL_POLL_SECONDS: '0', FINREC_ADMIN_KEY: BENCH_KEY, RATE_LIMIT_PER_MINUTE: '0' });
    const tf = await tfRuntime(config.FINREC_TF_BACKEND);
    const t0 = performance.now();
    const app = await createApp({ config, db });
    out(`server ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (backend ${tf.backend}; ${app.search.info.indexed} products embedded and indexed)`);
    const users = (await db.customer.findMany({ take: n, select: { id: true }, orderBy: { id: 'asc' } })).map((c) => c.id);
    const gql = async (query: string, variables: Record<string, unknown>): Promise<number> => {
      const started = performance.now();
      const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_KEY}` }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
      return performance.now() - started;
    };
    const REC = 'query($u: ID!) { recommendations(userId: $u, first: 5) { id items { rank product { id } } } }';
    const NEED = 'query($t: String!, $u: ID) { recommendForNeed(text: $t, userId: $u, first: 5) { listId items { rank product { id } explanation } } }';
    const variant = (i: number) => `${texts[i % texts.length]} (${Math.floor(i / texts.length)})`; // a new text each time

    for (const u of users) await gql(REC, { u }); // warm the Top-N cache: the baseline is a cached read
    const rows: [string, number[]][] = [];
    const time = async (label: string, run: (i: number) => Promise<number>) => {
      const ms: number[] = [];
      for (let i = 0; i < n; i += 1) ms.push(await run(i));
      rows.push([label, ms.sort((a, b) => a - b)]);
    };
    await time('recommendations (cached Top-N)', (i) => gql(REC, { u: users[i % users.length] }));
    await time('recommendForNeed, new text', (i) => gql(NEED, { t: variant(i) }));
    await time('recommendForNeed, repeated text', (i) => gql(NEED, { t: texts[i % 10] }));
    await time('recommendForNeed, new text + userId', (i) => gql(NEED, { t: variant(i + n), u: users[i % users.length] }));
    const base = pct(rows[0][1], 50);
    out(`\n${n} sequential requests each, HTTP on loopback, 2 cores`);
    out(`${'request'.padEnd(40)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'p50 / baseline'.padStart(15)}`);
    for (const [label, ms] of rows) {
      out(`${label.padEnd(40)} ${pct(ms, 50).toFixed(1).padStart(8)} ${pct(ms, 99).toFixed(1).padStart(8)} ${(pct(ms, 50) / base).toFixed(1).padStart(14)}×`);
    }
    await app.stop();
  });
});

// Fault figures of issue 5 against the real server process on a temporary copy of the bundled
// sample (what `npm start` serves; WEIGHT_NEURAL=0 so that each of the many restarts fits in
// seconds — the faults are about the store, not the ranking):
//  - the SQLite file locked by another process (BEGIN EXCLUSIVE) for LOCK_SECONDS during traffic:
//    lists served stale (same logged id), never-served customers refused, write error latency,
//    time to recover after the release — RUNS times;
//  - kill -9 during concurrent feedback, RUNS times: acknowledged vs found after the restart.
// Writes bench/results/faults.json.
//   npm run bench:faults            (RUNS=5 LOCK_SECONDS=10 by default)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config';
import { SQLITE_BUSY_TIMEOUT_MS } from '../src/store/db';
import { killDuringFeedback, lockDuringTraffic, type KillFigures, type LockFigures } from './lib/faults';
import { customerIds, productIds, sampleDb } from './lib/sampleDb';
import { startServer, stopServer } from './lib/server';

const RUNS = Number(process.env.RUNS ?? 5);
const LOCK_SECONDS = Number(process.env.LOCK_SECONDS ?? 10);
const ENV = { SEED_SAMPLE: 'false', WEIGHT_NEURAL: '0', CACHE_TTL_SECONDS: '1' };

function row(cells: (string | number)[]): string {
  return `| ${cells.map((c) => (typeof c === 'number' ? (Number.isInteger(c) ? String(c) : c.toFixed(0)) : c)).join(' | ')} |`;
}

async function main(): Promise<void> {
  process.stderr.write('preparing a temporary copy of the bundled sample …\n');
  const sample = await sampleDb('faults');
  try {
    const served = await customerIds(sample.db, 40);
    const unseen = await customerIds(sample.db, 40, 1_000);
    const products = await productIds(sample.db);
    process.stderr.write('first start (fits the engine, embeds the catalog) …\n');
    const first = await startServer(sample.url, ENV);
    await stopServer(first);

    const locks: LockFigures[] = [];
    for (let run = 0; run < RUNS; run++) {
      const server = await startServer(sample.url, ENV);
      try {
        process.stderr.write(`lock run ${run + 1}/${RUNS} (${LOCK_SECONDS} s) …\n`);
        locks.push(await lockDuringTraffic({
          url: server.url, dbPath: sample.path, served, unseen, productId: products[0], lockMs: LOCK_SECONDS * 1000, expireMs: 1_100,
        }));
      } finally {
        await stopServer(server);
      }
    }

    const kills: KillFigures[] = [];
    for (let run = 0; run < RUNS; run++) {
      process.stderr.write(`kill -9 run ${run + 1}/${RUNS} …\n`);
      kills.push(await killDuringFeedback({
        dbUrl: sample.url, db: sample.db, customers: served, products, killAfterMs: 1_500 + 500 * run, concurrency: 8, runId: `bench-${Date.now()}`, env: ENV,
      }));
    }

    const out: string[] = [];
    out.push(`\nSQLite file locked by another process for ${LOCK_SECONDS} s during traffic (busy timeout ${SQLITE_BUSY_TIMEOUT_MS} ms; cache TTL 1 s, so every list is past it):\n`);
    out.push(row(['run', 'lists asked (served before)', 'served stale, same id', 'stale p50 / max ms', 'never-served asked', 'SERVICE_UNAVAILABLE', 'writes', 'write errors SERVICE_UNAVAILABLE', 'write error p50 / max ms', 'unexpected', 'recovery after release ms']));
    out.push(row(Array(11).fill('---:')));
    locks.forEach((f, i) => out.push(row([i + 1, f.servedBefore, f.staleSameId, `${f.staleP50Ms} / ${f.staleMaxMs}`, f.unseen, f.unseenUnavailable, f.writes, f.writesUnavailable,
      `${f.writeP50Ms} / ${f.writeMaxMs}`, f.unexpected.length, f.recoverMs])));
    out.push(`\nkill -9 during concurrent submitFeedback (8 clients, idempotency keys), then restart:\n`);
    out.push(row(['run', 'attempted', 'acknowledged', 'found after restart', 'half-written', 'replayed as the same feedback', 'kill → listening again ms']));
    out.push(row(Array(7).fill('---:')));
    kills.forEach((k, i) => out.push(row([i + 1, k.attempted, k.acknowledged, k.found, k.halfWritten, k.replayedSame, k.restartMs])));
    const ack = kills.reduce((s, k) => s + k.acknowledged, 0);
    const found = kills.reduce((s, k) => s + k.found, 0);
    out.push(`\ntotal: ${found} of ${ack} acknowledged feedback found after ${RUNS} kills (${ack - found} lost)\n`);
    process.stdout.write(`${out.join('\n')}\n`);
    for (const f of locks) for (const u of f.unexpected.slice(0, 3)) process.stdout.write(`unexpected: ${u}\n`);

    const file = path.join(PROJECT_ROOT, 'bench', 'results', 'faults.json');
    writeFileSync(file, `${JSON.stringify({ runs: RUNS, lockSeconds: LOCK_SECONDS, busyTimeoutMs: SQLITE_BUSY_TIMEOUT_MS, locks, kills, measuredAt: new Date().toISOString() }, null, 2)}\n`);
    process.stdout.write(`figures: ${path.relative(process.cwd(), file)}\n`);
    if (found !== ack || locks.some((f) => f.unexpected.length > 0)) process.exitCode = 1;
  } finally {
    await sample.close();
  }
}

main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack}\n`); process.exitCode = 1; });

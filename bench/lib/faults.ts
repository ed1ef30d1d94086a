// The two fault scenarios of issue 5, against a real server process, returning what was observed;
// bench/faults.ts prints the figures over several runs and test/faults/*.test.ts asserts on them.
//  1. lockDuringTraffic: another process holds the SQLite file's write lock (BEGIN EXCLUSIVE) while
//     clients keep asking for lists and submitting feedback; then releases it.
//  2. killDuringFeedback: the server is killed with SIGKILL in the middle of concurrent feedback
//     (idempotency keys); after a restart every acknowledged feedback must be in the database.
import Database from 'better-sqlite3';
import type { Db } from '../../src/store/db';
import { gql, startServer, stopServer, type GqlResult } from './server';

const LIST = 'query($u: ID!, $n: Int) { recommendations(userId: $u, first: $n) { id stale } }';
const FEEDBACK = 'mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { replayed feedback { id } } }';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const codeOf = (r: GqlResult) => r.body.errors?.[0]?.extensions?.code ?? null;

export interface LockFigures {
  /** Requests for customers served before the lock, and how many got their logged list back, stale. */
  servedBefore: number; staleServed: number; staleSameId: number;
  /** Latency of those stale serves (ms): the first one waits out the busy timeout, the rest do not. */
  staleP50Ms: number; staleMaxMs: number;
  /** Requests for customers never served: all should be SERVICE_UNAVAILABLE. */
  unseen: number; unseenUnavailable: number;
  /** Feedback writes during the lock, all SERVICE_UNAVAILABLE, and their latencies (ms). */
  writes: number; writesUnavailable: number; firstWriteMs: number; writeP50Ms: number; writeMaxMs: number;
  /** Any other answer (INTERNAL_SERVER_ERROR, non-200, a fresh list that could not have been logged). */
  unexpected: string[];
  /** From the release until a feedback write and a never-served customer's list both succeed, fresh. */
  recoverMs: number;
}

export interface LockOptions {
  url: string; dbPath: string;
  /** Customers served (and their lists logged) before the lock. */
  served: readonly string[];
  /** Customers never served. */
  unseen: readonly string[];
  /** A product feedback can refer to. */
  productId: string;
  lockMs: number;
  /** Client loops running at once during the lock. */
  concurrency?: number;
  /** Wait this long after serving before locking (past CACHE_TTL_SECONDS, so every entry has expired). */
  expireMs?: number;
}

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export async function lockDuringTraffic(o: LockOptions): Promise<LockFigures> {
  const before = new Map<string, string>();
  for (const u of o.served) {
    const r = await gql(o.url, LIST, { u, n: 5 });
    if (!r.body.data?.recommendations) throw new Error(`could not serve ${u} before the lock: ${JSON.stringify(r.body.errors)}`);
    before.set(u, r.body.data.recommendations.id);
  }
  if (o.expireMs) await sleep(o.expireMs);

  const f: LockFigures = {
    servedBefore: 0, staleServed: 0, staleSameId: 0, staleP50Ms: NaN, staleMaxMs: NaN, unseen: 0, unseenUnavailable: 0,
    writes: 0, writesUnavailable: 0, firstWriteMs: NaN, writeP50Ms: NaN, writeMaxMs: NaN, unexpected: [], recoverMs: NaN,
  };
  const writeMs: number[] = [];
  const staleMs: number[] = [];
  const lock = new Database(o.dbPath, { timeout: 10_000 });
  lock.exec('BEGIN EXCLUSIVE');
  const until = Date.now() + o.lockMs;
  let n = 0;
  try {
    await Promise.all(Array.from({ length: o.concurrency ?? 4 }, async () => {
      while (Date.now() < until) {
        const i = n++;
        if (i % 5 === 4) {
          const started = Date.now();
          const r = await gql(o.url, FEEDBACK, { i: { userId: o.served[i % o.served.length], productId: o.productId, kind: 'CLICK', idempotencyKey: `lock-${until}-${i}` } });
          writeMs.push(Date.now() - started);
          if (Number.isNaN(f.firstWriteMs)) f.firstWriteMs = Date.now() - started;
          f.writes += 1;
          if (codeOf(r) === 'SERVICE_UNAVAILABLE') f.writesUnavailable += 1;
          else f.unexpected.push(`write: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        } else if (i % 5 === 3) {
          f.unseen += 1;
          const r = await gql(o.url, LIST, { u: o.unseen[i % o.unseen.length], n: 5 });
          if (codeOf(r) === 'SERVICE_UNAVAILABLE') f.unseenUnavailable += 1;
          else f.unexpected.push(`unseen: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        } else {
          f.servedBefore += 1;
          const u = o.served[i % o.served.length];
          const started = Date.now();
          const r = await gql(o.url, LIST, { u, n: 5 });
          const list = r.body.data?.recommendations;
          if (list?.stale) { f.staleServed += 1; staleMs.push(Date.now() - started); if (list.id === before.get(u)) f.staleSameId += 1; }
          // A fresh list while the file is locked could not have been logged, unless still cached.
          else if (!(list && list.id === before.get(u))) f.unexpected.push(`served: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        }
      }
    }));
  } finally {
    lock.exec('ROLLBACK');
    lock.close();
  }
  const released = Date.now();
  f.writeP50Ms = percentile(writeMs, 50);
  f.writeMaxMs = Math.max(...writeMs);
  f.staleP50Ms = percentile(staleMs, 50);
  f.staleMaxMs = Math.max(...staleMs);

  for (let i = 0; Date.now() - released < 30_000; i++) {
    const w = await gql(o.url, FEEDBACK, { i: { userId: o.served[0], productId: o.productId, kind: 'CLICK', idempotencyKey: `recover-${released}-${i}` } });
    const l = await gql(o.url, LIST, { u: o.unseen[i % o.unseen.length], n: 5 });
    if (w.body.data?.submitFeedback && l.body.data?.recommendations?.stale === false) { f.recoverMs = Date.now() - released; break; }
    await sleep(20);
  }
  return f;
}

export interface KillFigures {
  attempted: number;
  acknowledged: number;
  /** Acknowledged feedback found in the database after the kill (must equal `acknowledged`). */
  found: number;
  /** Feedback rows written by the run without their Interaction (must be 0: one transaction). */
  halfWritten: number;
  /** After the restart: acknowledged keys resubmitted that came back as the same feedback (replayed). */
  replayedSame: number;
  /** Milliseconds from SIGKILL until the restarted server listened. */
  restartMs: number;
}

export interface KillOptions {
  dbUrl: string;
  /** A client on the same file, to count (the test's or the benchmark's). */
  db: Db;
  customers: readonly string[];
  products: readonly string[];
  killAfterMs: number;
  concurrency?: number;
  env?: Record<string, string>;
  /** Distinguishes the idempotency keys of several runs on one database. */
  runId: string;
}

export async function killDuringFeedback(o: KillOptions): Promise<KillFigures> {
  const fbBefore = await o.db.feedback.count();
  const ixBefore = await o.db.interaction.count({ where: { source: 'feedback' } });
  const server = await startServer(o.dbUrl, o.env);
  const acked = new Map<string, string>(); // idempotency key → feedback id
  const kinds = ['CLICK', 'DISMISS', 'PURCHASE', 'RATING'];
  let n = 0;
  let dead = false;
  let killedAt = 0;
  const killer = setTimeout(() => { killedAt = Date.now(); server.child.kill('SIGKILL'); }, o.killAfterMs);
  await Promise.all(Array.from({ length: o.concurrency ?? 8 }, async () => {
    while (!dead) {
      const i = n++;
      const kind = kinds[i % kinds.length];
      const key = `kill-${o.runId}-${i}`;
      const input = {
        userId: o.customers[i % o.customers.length], productId: o.products[(i * 7) % o.products.length], kind,
        value: kind === 'RATING' ? 4 : null, idempotencyKey: key,
      };
      try {
        const r = await gql(server.url, FEEDBACK, { i: input });
        const id = r.body.data?.submitFeedback?.feedback?.id;
        if (id) acked.set(key, id);
      } catch {
        dead = true; // connection refused or reset: the server is gone
      }
    }
  }));
  clearTimeout(killer);
  await server.exited;

  const rows = await o.db.feedback.findMany({ where: { idempotencyKey: { in: [...acked.keys()] } }, select: { id: true, idempotencyKey: true } });
  const found = rows.filter((r) => acked.get(r.idempotencyKey!) === r.id).length;
  const halfWritten = (await o.db.feedback.count()) - fbBefore - ((await o.db.interaction.count({ where: { source: 'feedback' } })) - ixBefore);

  const again = await startServer(o.dbUrl, o.env);
  const restartMs = Date.now() - killedAt;
  let replayedSame = 0;
  try {
    for (let i = 0; i < n; i++) {
      const key = `kill-${o.runId}-${i}`;
      if (!acked.has(key)) continue;
      const kind = kinds[i % kinds.length];
      const r = await gql(again.url, FEEDBACK, { i: {
        userId: o.customers[i % o.customers.length], productId: o.products[(i * 7) % o.products.length], kind,
        value: kind === 'RATING' ? 4 : null, idempotencyKey: key,
      } });
      const fb = r.body.data?.submitFeedback;
      if (fb?.replayed && fb.feedback.id === acked.get(key)) replayedSame += 1;
    }
  } finally {
    await stopServer(again);
  }
  return { attempted: n, acknowledged: acked.size, found, halfWritten, replayedSame, restartMs };
}

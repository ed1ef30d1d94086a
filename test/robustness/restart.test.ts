// The server process killed during feedback traffic — SIGTERM (a deploy) and SIGKILL (the OOM
// killer, a lost node): every feedback the server acknowledged before it died is in the database
// afterwards, and the restarted server serves. Runs the compiled `npm start` entry point.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { buildIfStale, cliPath } from '../helpers/cli';
import { seedSmallBank, type SmallBank } from '../helpers/smallBank';
import { apiHeaders, TEST_AUTH_ENV } from '../helpers/api';

const MAIN = cliPath('main');

interface Server { child: ChildProcess; url: string; exited: Promise<number | null> }

function startServer(dbUrl: string): Promise<Server> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: dbUrl, PORT: '0', HOST: '127.0.0.1', SEED_SAMPLE: 'false', LOG_LEVEL: 'info', REFIT_INTERVAL_SECONDS: '0', ...TEST_AUTH_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /"url":"(http:\/\/[^"]+\/graphql)"/.exec(out);
      if (m) resolve({ child, url: m[1], exited });
    });
    child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${out.slice(-2000)}`)));
  });
}

async function gql(url: string, query: string, variables?: unknown): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: apiHeaders(), body: JSON.stringify({ query, variables }) });
  return res.json();
}

const FEEDBACK = 'mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { feedback { id } } }';

/** Clients submitting feedback until the server stops answering; returns the ids it acknowledged. */
async function traffic(url: string, bank: SmallBank, stopAfterMs: number, kill: () => void): Promise<string[]> {
  const acked: string[] = [];
  const products = [...bank.productIds.values()];
  const kinds = ['CLICK', 'DISMISS', 'PURCHASE', 'RATING'];
  let n = 0;
  let dead = false;
  const killer = setTimeout(() => { kill(); }, stopAfterMs);
  await Promise.all(Array.from({ length: 6 }, async () => {
    while (!dead) {
      const i = n++;
      const kind = kinds[i % 4];
      const input = { userId: bank.customerIds[i % bank.customerIds.length], productId: products[(i * 7) % products.length], kind, value: kind === 'RATING' ? 4 : null, idempotencyKey: `restart-${process.pid}-${Date.now()}-${i}` };
      try {
        const r = await gql(url, FEEDBACK, { i: input });
        if (r.data?.submitFeedback) acked.push(r.data.submitFeedback.feedback.id);
        if (i % 5 === 0) await gql(url, 'query($u: ID!) { recommendations(userId: $u) { id } }', { u: input.userId });
      } catch {
        dead = true; // connection refused or reset: the server is gone
      }
    }
  }));
  clearTimeout(killer);
  return acked;
}

describe('server restart during feedback traffic (SQLite file)', () => {
  let dir: string;
  let url: string;
  let db: Db;
  let bank: SmallBank;

  beforeAll(async () => {
    buildIfStale(MAIN);
    dir = mkdtempSync(path.join(tmpdir(), 'finrec-restart-'));
    url = `file:${path.join(dir, 'restart.db')}`;
    await migrate(url);
    db = createDb(url);
    bank = await seedSmallBank(db);
  }, 180_000);
  afterAll(async () => {
    await db?.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGKILL'] as const)('%s: every acknowledged feedback survives and the restarted server serves', async (signal) => {
    const server = await startServer(url);
    const acked = await traffic(server.url, bank, 1_500, () => server.child.kill(signal));
    await server.exited;
    expect(acked.length).toBeGreaterThan(10);

    const stored = new Set((await db.feedback.findMany({ where: { id: { in: acked } }, select: { id: true } })).map((f) => f.id));
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    // Each stored feedback has its interaction (one transaction): none half-written.
    expect(await db.interaction.count({ where: { source: 'feedback' } })).toBe(await db.feedback.count());

    const again = await startServer(url);
    try {
      const r = await gql(again.url, 'query($u: ID!) { recommendations(userId: $u, first: 3) { id items { rank } } }', { u: bank.customerIds[0] });
      expect(r.errors).toBeUndefined();
      expect(r.data.recommendations.items.length).toBeGreaterThan(0);
    } finally {
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    }
  }, 60_000);
});

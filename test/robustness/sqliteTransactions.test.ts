// SQLite through Prisma's better-sqlite3 adapter runs every query of the process on ONE connection.
// Two ways that goes wrong unless the store serialises access itself:
//  1. a write that is not part of an interactive transaction, issued while one is open, runs
//     INSIDE it: when that transaction rolls back, the write is gone although it was acknowledged
//     (submitFeedback rolls back on every idempotency race);
//  2. a transaction that reads before it writes starts as a deferred BEGIN and cannot be upgraded
//     when another process committed meanwhile: SQLITE_BUSY ("database is locked") at once, the
//     busy timeout notwithstanding — two imports (or an import next to the server) fail.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCatalog } from '../../src/ingest/catalog/ensureCatalog';
import { createDb } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { buildIfStale, cliPath } from '../helpers/cli';
import { createTestDb, type TestDb } from '../helpers/db';
import { expectedCounts, sampleLines, writeTemp } from '../ingest/santanderFixture';

describe('SQLite: one connection, many requests', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb('sqlite');
    await ensureCatalog(t.db);
    await t.db.customer.create({ data: { id: 'c1' } });
  });
  afterAll(async () => { await t?.close(); });

  it('a write acknowledged while another request\'s transaction is open survives that transaction\'s rollback', async () => {
    const product = await t.db.product.findFirstOrThrow();
    const event = (source: string, at: number) => ({ customerId: 'c1', productId: product.id, kind: 'VIEW' as const, occurredAt: new Date(at), source });
    let inside!: () => void;
    const opened = new Promise<void>((r) => { inside = r; });
    const failing = t.db.$transaction(async (tx) => {
      await tx.interaction.create({ data: event('rolled-back', 1) });
      inside();
      await new Promise((r) => setTimeout(r, 150));
      throw new Error('this transaction fails');
    }).catch((e: Error) => e.message);

    await opened;
    const acknowledged = await t.db.interaction.create({ data: event('acknowledged', 2) });
    expect(acknowledged.id).toBeGreaterThan(0);
    expect(await failing).toBe('this transaction fails');

    expect(await t.db.interaction.count({ where: { source: 'rolled-back' } })).toBe(0);
    expect(await t.db.interaction.count({ where: { source: 'acknowledged' } })).toBe(1);
  });

  it('a read outside an open transaction does not see its uncommitted rows', async () => {
    const product = await t.db.product.findFirstOrThrow();
    let inside!: () => void;
    const opened = new Promise<void>((r) => { inside = r; });
    const failing = t.db.$transaction(async (tx) => {
      await tx.interaction.create({ data: { customerId: 'c1', productId: product.id, kind: 'VIEW', occurredAt: new Date(3), source: 'dirty' } });
      inside();
      await new Promise((r) => setTimeout(r, 100));
      throw new Error('rolled back');
    }).catch(() => undefined);
    await opened;
    expect(await t.db.interaction.count({ where: { source: 'dirty' } })).toBe(0);
    await failing;
  });
});

describe('SQLite: two processes writing the same file', () => {
  const CLI = cliPath('import');
  let dir: string;
  beforeAll(() => {
    buildIfStale(CLI);
    dir = mkdtempSync(path.join(tmpdir(), 'finrec-concurrent-'));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const runImport = (url: string, file: string) => new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [CLI, 'santander', file, '--batch-size', '10'], {
      env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { out += c; });
    child.on('close', (code) => resolve({ code, out }));
  });

  it('the same file imported twice at once: both succeed, the result equals one import', async () => {
    const { header, lines } = sampleLines();
    const part = lines.slice(0, 600);
    const file = writeTemp('part.csv', `${[header, ...part].join('\n')}\n`);
    const url = `file:${path.join(dir, 'twice.db')}`;
    await migrate(url); // both processes find the schema in place; the race is on the data
    const [a, b] = await Promise.all([runImport(url, file), runImport(url, file)]);
    expect(a.code, a.out.slice(-500)).toBe(0);
    expect(b.code, b.out.slice(-500)).toBe(0);
    const db = createDb(url);
    try {
      const want = expectedCounts(part);
      expect(await db.customer.count()).toBe(want.customers);
      expect(await db.interaction.count({ where: { kind: 'HOLD' } })).toBe(want.holds);
      expect(await db.interaction.count({ where: { kind: 'PURCHASE' } })).toBe(want.purchases);
    } finally {
      await db.$disconnect();
    }
  }, 60_000);
});

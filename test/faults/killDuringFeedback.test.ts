// kill -9 of the real server process (`node dist/src/cli/main.js`) in the middle of concurrent
// submitFeedback traffic with idempotency keys: after a restart, every feedback the server
// acknowledged is in the database (counted), none is half-written (feedback without its
// interaction), and resubmitting an acknowledged key returns that same feedback (replayed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killDuringFeedback } from '../../bench/lib/faults';
import { MAIN } from '../../bench/lib/server';
import { createDb, type Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { buildIfStale } from '../helpers/cli';
import { seedSmallBank, type SmallBank } from '../helpers/smallBank';

describe('kill -9 during feedback load (SQLite file)', () => {
  let dir: string;
  let url: string;
  let db: Db;
  let bank: SmallBank;

  beforeAll(async () => {
    buildIfStale(MAIN);
    dir = mkdtempSync(path.join(tmpdir(), 'finrec-kill-'));
    url = `file:${path.join(dir, 'kill.db')}`;
    await migrate(url);
    db = createDb(url);
    bank = await seedSmallBank(db);
  }, 180_000);
  afterAll(async () => {
    await db?.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every acknowledged feedback is in the database after the restart', async () => {
    const figures = await killDuringFeedback({
      dbUrl: url, db, customers: bank.customerIds, products: [...bank.productIds.values()],
      killAfterMs: 2_000, concurrency: 8, runId: 'test', env: { SEED_SAMPLE: 'false', WEIGHT_NEURAL: '0' },
    });
    expect(figures.acknowledged).toBeGreaterThan(20); // the kill really landed mid-load
    expect(figures.attempted).toBeGreaterThan(figures.acknowledged); // some were in flight when it did
    expect(figures.found).toBe(figures.acknowledged);
    expect(figures.halfWritten).toBe(0);
    expect(figures.replayedSame).toBe(figures.acknowledged);
  }, 60_000);
});

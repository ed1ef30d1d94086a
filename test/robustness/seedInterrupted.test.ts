// The first `npm start` on an empty database imports the bundled sample, which takes seconds: the
// moment an impatient operator presses Ctrl-C, or a container is restarted. The seed must be all
// or nothing. It was written batch by batch, and a start finds "customers present" and never seeds
// again — so an interrupted first start left a partial sample for good.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSeeded } from '../../src/ingest/seed';
import type { Db } from '../../src/store/db';
import { createTestDb, type TestDb } from '../helpers/db';
import { expectedCounts, sampleLines } from '../ingest/santanderFixture';

/** The store, failing (like a process killed at that moment) at the `n`-th raw write. */
function dyingAt(db: Db, n: number): Db {
  let writes = 0;
  return db.$extends({
    query: {
      async $executeRaw({ args, query }) {
        writes += 1;
        if (writes === n) throw new Error('killed');
        return query(args);
      },
    },
  }) as unknown as Db;
}

const quiet = { info: () => undefined };

describe('first-start seeding interrupted (SQLite)', () => {
  let t: TestDb;
  beforeAll(async () => { t = await createTestDb('sqlite'); });
  afterAll(async () => { await t?.close(); });

  it('an interrupted seed leaves nothing, and the next start seeds the whole sample', async () => {
    // The bundled sample is several batches of several INSERTs each; die in the third batch.
    await expect(ensureSeeded(dyingAt(t.db, 20), quiet)).rejects.toThrow('killed');
    expect(await t.db.customer.count()).toBe(0);
    expect(await t.db.interaction.count()).toBe(0);

    expect(await ensureSeeded(t.db, quiet)).toBe(true);
    const want = expectedCounts(sampleLines().lines);
    expect(await t.db.customer.count()).toBe(want.customers);
    expect(await t.db.interaction.count({ where: { kind: 'HOLD' } })).toBe(want.holds);
    expect(await t.db.interaction.count({ where: { kind: 'PURCHASE' } })).toBe(want.purchases);
  }, 60_000);
});

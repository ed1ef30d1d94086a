// Several processes bringing up the same fresh database at once — two replicas of the server
// deployed together, or an import started next to a starting server: each ensures the catalog.
// On PostgreSQL the loser of the race failed with a unique-constraint error on Product.code.
// PostgreSQL only: there, clients in one process are truly concurrent like processes are. SQLite
// processes are serialised by the store (BEGIN IMMEDIATE); two imports starting on one fresh file
// are covered in sqliteTransactions.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCatalog } from '../../src/ingest/catalog/ensureCatalog';
import { SANTANDER_CATALOG } from '../../src/ingest/catalog/santanderProducts';
import { createDb, type Db } from '../../src/store/db';
import { createTestDb, type TestDb } from '../helpers/db';

describe.skipIf(!process.env.TEST_POSTGRES_URL)('concurrent first start (postgresql)', () => {
  const provider = 'postgresql';
  let t: TestDb;
  let clients: Db[] = [];
  beforeAll(async () => {
    t = await createTestDb(provider);
    // Separate clients = separate connections (pools), as separate processes would have.
    clients = Array.from({ length: 4 }, () => createDb(t.url));
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.$disconnect()));
    await t?.close();
  });

  it('every process ensuring the catalog at once succeeds, and the catalog exists once', async () => {
    const results = await Promise.allSettled(clients.map((c) => ensureCatalog(c)));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String(r.reason).slice(0, 300));
    expect(failures).toEqual([]);
    expect(await t.db.product.count()).toBe(SANTANDER_CATALOG.length);
  });
});

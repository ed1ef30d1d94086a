// Activation is one critical section across processes: two clients activating different versions at
// once (or `npm run train` recording an active version while an admin activates another) always leave
// exactly one active version. On PostgreSQL at READ COMMITTED, without the advisory lock both stayed
// active in 50 of 50 rounds (adversarial testing). PostgreSQL only: SQLite serialises its writers
// across processes, and two SQLite clients in ONE process cannot race (better-sqlite3's busy wait
// blocks the thread the lock holder needs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/store/db';
import { activateModelVersion, RANKING_KIND, recordModelVersion } from '../../src/train/modelVersions';
import { backends, createTestDb, type TestDb } from '../helpers/db';

const row = (id: string) => ({
  id, kind: RANKING_KIND, params: '{}', dataCustomers: 1, dataExamples: 1, metrics: '{}', backend: 'wasm', artifactPath: `/nowhere/${id}`,
});

describe.skipIf(!backends.includes('postgresql'))('model version activation under concurrency (postgresql)', () => {
  const provider = 'postgresql';
  let t: TestDb;
  let other: Db;
  beforeAll(async () => {
    t = await createTestDb(provider);
    other = createDb(t.url); // a second client: another process, as far as the database can tell
    for (const id of ['a', 'b', 'c']) await recordModelVersion(t.db, row(id), false);
  });
  afterAll(async () => {
    await other?.$disconnect();
    await t?.close();
  });

  const activeIds = async (): Promise<string[]> => (await t.db.modelVersion.findMany({ where: { active: true }, select: { id: true } })).map((v) => v.id);

  it('racing activations from two clients leave exactly one active, every round', async () => {
    for (let round = 0; round < 15; round += 1) {
      await Promise.all([activateModelVersion(t.db, 'a'), activateModelVersion(other, 'b'), activateModelVersion(t.db, 'c'), activateModelVersion(other, 'a')]);
      expect(await activeIds()).toHaveLength(1);
    }
  }, 60_000);

  it('recording an active version while another client activates leaves exactly one active', async () => {
    for (let round = 0; round < 10; round += 1) {
      await Promise.all([recordModelVersion(t.db, row(`new${round}`), true), activateModelVersion(other, 'b')]);
      expect(await activeIds()).toHaveLength(1);
    }
  }, 60_000);
});

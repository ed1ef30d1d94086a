import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/store/migrate';
import { backends, createTestDb } from '../helpers/db';

describe.each(backends)('start-up migrator (%s)', (provider) => {
  it('applies every committed migration once, records it like Prisma, and is a no-op the second time', async () => {
    const t = await createTestDb(provider);
    try {
      const rows = await t.db.$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(
        'SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name');
      expect(rows.map((r) => r.migration_name)).toEqual(readMigrations(provider).map((m) => m.name));
      expect(rows.map((r) => r.checksum)).toEqual(readMigrations(provider).map((m) => m.checksum));
      expect(await migrate(t.url)).toEqual([]);
      // The schema is really there: a write and a read through the generated client.
      await t.db.customer.create({ data: { id: 'c1', age: 40 } });
      expect(await t.db.customer.count()).toBe(1);
    } finally {
      await t.close();
    }
  });
});

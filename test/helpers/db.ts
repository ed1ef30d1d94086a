// Throwaway databases for tests: a temporary SQLite file by default, or a fresh PostgreSQL database
// on the server named by TEST_POSTGRES_URL. Each is migrated with the app's own start-up migrator.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';

export interface TestDb { url: string; db: Db; provider: 'sqlite' | 'postgresql'; close(): Promise<void> }

export const backends: ('sqlite' | 'postgresql')[] = process.env.TEST_POSTGRES_URL ? ['sqlite', 'postgresql'] : ['sqlite'];

export async function createTestDb(provider: 'sqlite' | 'postgresql' = 'sqlite'): Promise<TestDb> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'finrec-test-'));
    const url = `file:${path.join(dir, 'test.db')}`;
    await migrate(url);
    const db = createDb(url);
    return { url, db, provider, close: async () => { await db.$disconnect(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const admin = process.env.TEST_POSTGRES_URL;
  if (!admin) throw new Error('TEST_POSTGRES_URL is not set');
  const { Client } = await import('pg');
  const name = `finrec_test_${randomBytes(6).toString('hex')}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  await migrate(url);
  const db = createDb(url);
  return {
    url, db, provider,
    close: async () => {
      await db.$disconnect();
      const d = new Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

// Brings any database up to date at start-up, offline, without Prisma's native schema engine:
// applies the committed prisma/<provider>/migrations/*/migration.sql in order, each in its own
// transaction, and records them in _prisma_migrations exactly as `prisma migrate deploy` does
// (sha256 checksum, finished_at, applied_steps_count), so `prisma migrate status` agrees.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config';
import { providerOf, sqlitePath, type Provider } from './db';

export interface Migration { name: string; sql: string; checksum: string }

export function migrationsDir(provider: Provider): string {
  return path.join(PROJECT_ROOT, 'prisma', provider, 'migrations');
}

export function readMigrations(provider: Provider): Migration[] {
  const dir = migrationsDir(provider);
  return readdirSync(dir)
    .filter((d) => existsSync(path.join(dir, d, 'migration.sql')))
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;
const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

function checkApplied(applied: Map<string, string>, all: Migration[]): Migration[] {
  for (const m of all) {
    const sum = applied.get(m.name);
    if (sum && sum !== m.checksum) {
      throw new Error(`migration ${m.name} was changed after it was applied (checksum differs); restore it and add a new migration instead`);
    }
  }
  return all.filter((m) => !applied.has(m.name));
}

/** Apply pending migrations; returns the names applied. Safe to call on every start. */
export async function migrate(url: string): Promise<string[]> {
  const provider = providerOf(url);
  const all = readMigrations(provider);
  return provider === 'sqlite' ? migrateSqlite(url, all) : migratePostgres(url, all);
}

function migrateSqlite(url: string, all: Migration[]): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('better-sqlite3') as typeof import('better-sqlite3');
  const db = new Database(sqlitePath(url), { timeout: 10_000 });
  try {
    db.pragma('journal_mode = WAL'); // readers never block the writer; persistent in the file
    db.exec(SQLITE_TABLE);
    const rows = db.prepare(`SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as { migration_name: string; checksum: string }[];
    const pending = checkApplied(new Map(rows.map((r) => [r.migration_name, r.checksum])), all);
    const isApplied = db.prepare(`SELECT 1 FROM _prisma_migrations WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    for (const m of pending) {
      db.transaction(() => {
        // Re-checked under the write lock: another process starting at the same moment may have
        // applied it between our read above and this transaction.
        if (isApplied.get(m.name)) return;
        db.exec(m.sql);
        db.prepare(`INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
          VALUES (?, ?, ?, ?, ?, 1)`).run(randomUUID(), m.checksum, Date.now(), m.name, Date.now());
      }).immediate();
    }
    return pending.map((m) => m.name);
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, all: Migration[]): Promise<string[]> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time across processes.
    await client.query('SELECT pg_advisory_lock(727274)');
    await client.query(PG_TABLE);
    const { rows } = await client.query(`SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
    const pending = checkApplied(new Map(rows.map((r) => [r.migration_name as string, r.checksum as string])), all);
    for (const m of pending) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
          VALUES ($1, $2, now(), $3, now(), 1)`, [randomUUID(), m.checksum, m.name]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(e as Error).message}`);
      }
    }
    return pending.map((m) => m.name);
  } finally {
    await client.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
    await client.end();
  }
}

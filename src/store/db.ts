// One Prisma client for the whole process, chosen by DATABASE_URL:
//   file:…            → SQLite through better-sqlite3 (the embedded default)
//   postgresql://…    → PostgreSQL through node-postgres
// Both generated clients come from the same schema and have the same TypeScript API.
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/sqlite/client';
import { PrismaClient as PgPrismaClient } from './generated/postgresql/client';
import { serialisedSqliteAdapter, StoreHealth } from './sqliteAdapter';

export type Db = PrismaClient;
export type Provider = 'sqlite' | 'postgresql';

export function providerOf(url: string): Provider {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  throw new Error(`DATABASE_URL must start with file: or postgresql:// (got "${url.split(':')[0]}:…")`);
}

/** Absolute path of a SQLite `file:` URL, relative paths taken from the working directory. */
export function sqlitePath(url: string): string {
  return path.resolve(url.replace(/^file:/, '').split('?')[0]);
}

const providers = new WeakMap<Db, Provider>();
const healths = new WeakMap<Db, StoreHealth>();

/**
 * How long a SQLite operation waits for another process's lock before the database counts as
 * unavailable (SERVICE_UNAVAILABLE; the scoring service then serves the last logged lists). Long
 * enough for an import batch or a migration in another process, short enough that a client gets
 * an answer (better-sqlite3's own default is 5 s too).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export interface DbOptions {
  /** SQLite only: see SQLITE_BUSY_TIMEOUT_MS. */
  busyTimeoutMs?: number;
}

/** Whether the database was usable at the last operation (SQLite; a PostgreSQL client always says so). */
export function storeHealth(db: Db): StoreHealth {
  return healths.get(db) ?? new StoreHealth();
}

/** The provider a client was created for (SQL that differs between them, e.g. advisory locks). */
export function providerOfDb(db: Db): Provider {
  return providers.get(db) ?? 'sqlite';
}

export function createDb(url: string, options: DbOptions = {}): Db {
  let db: Db;
  if (providerOf(url) === 'sqlite') {
    // One unit of work at a time on the process's connection, transactions BEGIN IMMEDIATE, another
    // process's lock waited for without blocking the event loop (see sqliteAdapter.ts).
    const busyTimeoutMs = options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS;
    const adapter = serialisedSqliteAdapter(sqlitePath(url), busyTimeoutMs);
    // An interactive transaction waits for the connection (queued behind the others) and then for
    // the file's write lock: give it the busy timeout plus its queue, not Prisma's 2 s default.
    db = new PrismaClient({ adapter, transactionOptions: { maxWait: busyTimeoutMs + 5_000 } });
    healths.set(db, adapter.health);
  } else {
    db = new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  providers.set(db, providerOf(url));
  return db;
}

// One Prisma client for the whole process, chosen by DATABASE_URL:
//   file:…            → SQLite through better-sqlite3 (the embedded default)
//   postgresql://…    → PostgreSQL through node-postgres
// Both generated clients come from the same schema and have the same TypeScript API.
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/sqlite/client';
import { PrismaClient as PgPrismaClient } from './generated/postgresql/client';
import { serialisedSqliteAdapter } from './sqliteAdapter';

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

/** The provider a client was created for (SQL that differs between them, e.g. advisory locks). */
export function providerOfDb(db: Db): Provider {
  return providers.get(db) ?? 'sqlite';
}

export function createDb(url: string): Db {
  let db: Db;
  if (providerOf(url) === 'sqlite') {
    // One unit of work at a time on the process's connection, transactions BEGIN IMMEDIATE (see
    // sqliteAdapter.ts); 10 s busy timeout: wait for another process's writer instead of failing.
    db = new PrismaClient({ adapter: serialisedSqliteAdapter(sqlitePath(url), 10_000) });
  } else {
    db = new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  providers.set(db, providerOf(url));
  return db;
}

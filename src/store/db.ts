// One Prisma client for the whole process, chosen by DATABASE_URL:
//   file:…            → SQLite through better-sqlite3 (the embedded default)
//   postgresql://…    → PostgreSQL through node-postgres
// Both generated clients come from the same schema and have the same TypeScript API.
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/sqlite/client';

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

export function createDb(url: string): Db {
  if (providerOf(url) === 'sqlite') {
    // timeout = SQLite busy timeout: wait for a concurrent writer instead of failing at once.
    const adapter = new PrismaBetterSqlite3({ url: `file:${sqlitePath(url)}`, timeout: 10_000 });
    return new PrismaClient({ adapter });
  }
  // Loaded lazily so that SQLite users never load the PostgreSQL client.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PrismaPg } = require('@prisma/adapter-pg') as typeof import('@prisma/adapter-pg');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('./generated/postgresql/client') as typeof import('./generated/postgresql/client');
  const adapter = new PrismaPg({ connectionString: url });
  return new pg.PrismaClient({ adapter }) as unknown as Db;
}

#!/usr/bin/env node
// Author a migration for both providers after editing prisma/sqlite/schema.prisma:
//   npm run migrate:dev -- --name add_something
// SQLite: `prisma migrate diff` from the committed migrations (applied to a scratch file). PostgreSQL: `prisma migrate diff` from the committed
// PostgreSQL migrations to the derived schema, written under the same folder name, so both migration
// histories stay in step. Needs the offline schema engine (PRISMA_SCHEMA_ENGINE_BINARY, see README).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[process.argv.indexOf('--name') + 1];
if (!process.argv.includes('--name') || !name) { console.error('usage: npm run migrate:dev -- --name NAME'); process.exit(2); }
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY) { console.error('set PRISMA_SCHEMA_ENGINE_BINARY (see README, "Changing the schema")'); process.exit(2); }
const prisma = (args, env = {}) => execFileSync(process.execPath, [path.join(root, 'node_modules/prisma/build/index.js'), ...args],
  { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

execFileSync(process.execPath, [path.join(root, 'scripts/prisma-generate.mjs')], { stdio: 'inherit' });
// SQLite: the committed migrations applied to a scratch file, diffed against the schema. (`prisma
// migrate dev` itself needs a SQLite shadow database, which the WASM schema engine cannot open:
// "SQLite shadow DB must be provided through an external factory".)
const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');
const sqliteMigrations = path.join(root, 'prisma/sqlite/migrations');
const applied = (dir) => readdirSync(dir).filter((d) => /^\d+_/.test(d) && existsSync(path.join(dir, d, 'migration.sql'))).sort();
const scratch = path.join(root, 'prisma/sqlite/.migrate-scratch.db');
const isEmpty = (sql) => sql.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('--'));
let sqliteSql;
rmSync(scratch, { force: true });
try {
  const db = new Database(scratch);
  for (const d of applied(sqliteMigrations)) db.exec(readFileSync(path.join(sqliteMigrations, d, 'migration.sql'), 'utf8'));
  db.close();
  sqliteSql = prisma(['migrate', 'diff', '--config', 'prisma/sqlite/prisma.config.ts', '--from-config-datasource',
    '--to-schema', 'prisma/sqlite/schema.prisma', '--script'], { DATABASE_URL: `file:${scratch}` });
} finally { rmSync(scratch, { force: true }); rmSync(scratch + '-journal', { force: true }); }
if (isEmpty(sqliteSql)) { console.log('no schema changes: no migration written'); process.exit(0); }
const newest = `${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}_${name}`;
mkdirSync(path.join(sqliteMigrations, newest), { recursive: true });
writeFileSync(path.join(sqliteMigrations, newest, 'migration.sql'), sqliteSql);
// PostgreSQL: from the committed PostgreSQL migrations (replayed on a throwaway shadow database
// created on the server of MIGRATE_POSTGRES_URL, an existing database; default the local server's
// "postgres") to the derived schema, under the same name. The engine prints nothing, without an
// error, when it cannot reach that database: an empty diff here is treated as a failure.
const pgUrl = process.env.MIGRATE_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const pgDir = path.join(root, 'prisma/postgresql/migrations', newest);
// The history is replayed from a copy without comments and with migrations defining PL/pgSQL
// functions ($$ bodies: the audit trail's triggers) blanked: the WASM engine's PostgreSQL adapter
// splits a script at every `;`, a comment's included, and Prisma's diff ignores functions and
// triggers anyway. (The committed files are applied whole, by src/store/migrate.ts.)
const pgHistory = path.join(os.tmpdir(), `finrec-pg-migrations-${process.pid}`);
cpSync(path.join(root, 'prisma/postgresql/migrations'), pgHistory, { recursive: true });
for (const d of applied(pgHistory)) {
  const file = path.join(pgHistory, d, 'migration.sql');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.includes('$$') ? 'SELECT 1;\n' : text.split('\n').filter((l) => !l.trim().startsWith('--')).join('\n'));
}
let sql = '';
try {
  sql = prisma(['migrate', 'diff', '--config', 'prisma/postgresql/prisma.config.ts',
    '--from-migrations', pgHistory, '--to-schema', 'prisma/postgresql/schema.prisma', '--script'], { DATABASE_URL: pgUrl });
} catch { /* reported below; the SQLite half is removed so both histories stay in step */ }
rmSync(pgHistory, { recursive: true, force: true });
if (isEmpty(sql)) {
  rmSync(path.join(sqliteMigrations, newest), { recursive: true, force: true });
  console.error(`the PostgreSQL diff failed or came back empty while SQLite changed: is PostgreSQL reachable at ${pgUrl}? (set MIGRATE_POSTGRES_URL)`);
  process.exit(1);
}
mkdirSync(pgDir, { recursive: true });
writeFileSync(path.join(pgDir, 'migration.sql'), sql);
console.log(`migration ${newest} written for SQLite and PostgreSQL`);

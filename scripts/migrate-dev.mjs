#!/usr/bin/env node
// Author a migration for both providers after editing prisma/sqlite/schema.prisma:
//   npm run migrate:dev -- --name add_something
// SQLite: `prisma migrate dev` on a scratch file. PostgreSQL: `prisma migrate diff` from the committed
// PostgreSQL migrations to the derived schema, written under the same folder name, so both migration
// histories stay in step. Needs the offline schema engine (PRISMA_SCHEMA_ENGINE_BINARY, see README).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[process.argv.indexOf('--name') + 1];
if (!process.argv.includes('--name') || !name) { console.error('usage: npm run migrate:dev -- --name NAME'); process.exit(2); }
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY) { console.error('set PRISMA_SCHEMA_ENGINE_BINARY (see README, "Changing the schema")'); process.exit(2); }
const prisma = (args, env = {}) => execFileSync(process.execPath, [path.join(root, 'node_modules/prisma/build/index.js'), ...args],
  { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

execFileSync(process.execPath, [path.join(root, 'scripts/prisma-generate.mjs')], { stdio: 'inherit' });
const scratch = path.join(root, 'prisma/sqlite/.migrate-scratch.db');
try {
  prisma(['migrate', 'dev', '--config', 'prisma/sqlite/prisma.config.ts', '--name', name], { DATABASE_URL: `file:${scratch}` });
} finally { rmSync(scratch, { force: true }); rmSync(scratch + '-journal', { force: true }); }
const sqliteDirs = readdirSync(path.join(root, 'prisma/sqlite/migrations')).filter((d) => /^\d+_/.test(d)).sort();
const newest = sqliteDirs.at(-1);
const pgDir = path.join(root, 'prisma/postgresql/migrations', newest);
const sql = prisma(['migrate', 'diff', '--config', 'prisma/postgresql/prisma.config.ts',
  '--from-migrations', 'prisma/postgresql/migrations', '--to-schema', 'prisma/postgresql/schema.prisma', '--script']);
mkdirSync(pgDir, { recursive: true });
writeFileSync(path.join(pgDir, 'migration.sql'), sql);
console.log(`migration ${newest} written for SQLite and PostgreSQL`);

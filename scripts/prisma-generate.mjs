#!/usr/bin/env node
// Generates both Prisma clients (SQLite and PostgreSQL) from the one hand-written schema.
//  1. prisma/postgresql/schema.prisma is derived from prisma/sqlite/schema.prisma
//     (provider and output path differ, nothing else) — `--check` fails when the committed copy drifts.
//  2. `prisma generate` runs for each. Generation does not call the schema engine, but the CLI insists
//     on finding one; pointing PRISMA_SCHEMA_ENGINE_BINARY at node itself keeps it from downloading one.
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sqliteSchema = path.join(root, 'prisma/sqlite/schema.prisma');
const pgSchema = path.join(root, 'prisma/postgresql/schema.prisma');

export function derivePostgresSchema(text) {
  const out = text
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('src/store/generated/sqlite', 'src/store/generated/postgresql')
    .replace(/^\/\/ FinRec data model\..*?\n\n/s,
      '// GENERATED from prisma/sqlite/schema.prisma by scripts/prisma-generate.mjs — do not edit.\n\n');
  if (!out.includes('provider = "postgresql"')) throw new Error('could not derive the PostgreSQL schema');
  return out;
}

const derived = derivePostgresSchema(readFileSync(sqliteSchema, 'utf8'));
if (process.argv.includes('--check')) {
  let current = '';
  try { current = readFileSync(pgSchema, 'utf8'); } catch {}
  if (current !== derived) {
    console.error('prisma/postgresql/schema.prisma is out of date: run `npm run generate` and commit it.');
    process.exit(1);
  }
  process.exit(0);
}
writeFileSync(pgSchema, derived);

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
const prismaCli = path.join(root, 'node_modules/prisma/build/index.js');
for (const schema of [sqliteSchema, pgSchema]) {
  execFileSync(process.execPath, [prismaCli, 'generate', '--schema', schema], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
}
// stderr: commands that build first (`npm run keys -- create`) print only their result on stdout.
console.error('prisma: generated SQLite and PostgreSQL clients');

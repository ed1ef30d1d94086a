// A throwaway copy of what `npm start` serves: a temporary SQLite file migrated and seeded with the
// bundled Santander sample and fund slice by the same code as the first start (src/ingest/seed.ts).
// The user's ./finrec.db is never touched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openReadyDb } from '../../src/ingest/seed';
import type { Db } from '../../src/store/db';

export interface SampleDb { dir: string; url: string; path: string; db: Db; close(): Promise<void> }

export async function sampleDb(prefix: string): Promise<SampleDb> {
  const dir = mkdtempSync(path.join(tmpdir(), `finrec-${prefix}-`));
  const file = path.join(dir, 'finrec.db');
  const url = `file:${file}`;
  const log = { info: (o: unknown, msg?: string) => { if (msg) process.stderr.write(`  ${msg}\n`); } };
  const { db } = await openReadyDb({ DATABASE_URL: url, SEED_SAMPLE: true }, log as never);
  return { dir, url, path: file, db, close: async () => { await db.$disconnect(); rmSync(dir, { recursive: true, force: true }); } };
}

/** `n` customer ids of the database, in id order, skipping the first `skip`. */
export async function customerIds(db: Db, n: number, skip = 0): Promise<string[]> {
  return (await db.customer.findMany({ select: { id: true }, orderBy: { id: 'asc' }, skip, take: n })).map((c) => c.id);
}

/** Ids of the active product lines (what feedback in the benchmarks refers to). */
export async function productIds(db: Db): Promise<string[]> {
  return (await db.product.findMany({ where: { active: true, lineCode: null }, select: { id: true }, orderBy: { code: 'asc' } })).map((p) => p.id);
}

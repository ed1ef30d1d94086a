// First-start seeding: a fresh clone has an empty database and no ../shared, so `npm start` and the
// batch scorer bring in the catalog (always), the bundled real sample (only when there are no
// customers yet) and the bundled fund slice (only when there are no imported funds yet,
// funds/seed.ts), so that every command has data to recommend from.
import path from 'node:path';
import { PROJECT_ROOT, type Config } from '../config';
import type { Logger } from '../log';
import { createDb, type Db } from '../store/db';
import { migrate } from '../store/migrate';
import { ensureCatalog } from './catalog/ensureCatalog';
import { ensureFundsSeeded } from './funds/seed';
import { importSantander } from './santander/import';
import { countDataRows } from './santander/reader';

/** The bundled sample of real Santander customers (see data/SOURCE.md). */
export const SAMPLE_FILE = path.join(PROJECT_ROOT, 'data', 'santander_sample.csv.gz');

export interface SeedOptions {
  /** A different Santander additions file to seed from (tests). */
  file?: string;
}

/**
 * Ensures the catalog exists; imports the bundled sample if the database has no customers.
 * Returns true when it imported the sample.
 */
export async function ensureSeeded(db: Db, log: Pick<Logger, 'info'>, opts: SeedOptions = {}): Promise<boolean> {
  const catalog = await ensureCatalog(db);
  if (catalog.created > 0) log.info({ created: catalog.created, existing: catalog.existing }, 'catalog: created missing products');
  if (await db.customer.findFirst({ select: { id: true } })) return false;

  const file = opts.file ?? SAMPLE_FILE;
  const total = await countDataRows(file);
  log.info({ file: path.relative(PROJECT_ROOT, file) || file, rows: total }, 'seed: empty database, importing the bundled Santander sample');
  const started = Date.now();
  let nextQuarter = 1;
  const summary = await importSantander(db, file, {
    // All or nothing: a start that finds customers never seeds again, so a seed interrupted
    // half-way (Ctrl-C on the first start) must not leave half a sample behind.
    atomic: true,
    totalRows: total,
    onProgress: (done) => {
      if (total <= 0 || done / total < nextQuarter / 4) return;
      nextQuarter = Math.floor((done / total) * 4) + 1;
      log.info({ done, total }, `seed: ${Math.round((done / total) * 100)}%`);
    },
  });
  log.info({
    rows: summary.rows, skipped: summary.skipped, customers: summary.customersCreated,
    interactions: summary.interactionsCreated, ms: Date.now() - started,
  }, 'seed: done');
  return true;
}

/**
 * The database of `config`, ready for use: migrated, with the catalog, and with the bundled sample
 * (customers, and funds) imported into an empty database when SEED_SAMPLE is on. Every command that needs data starts here.
 */
export async function openReadyDb(config: Pick<Config, 'DATABASE_URL' | 'SEED_SAMPLE'>, log: Pick<Logger, 'info'>): Promise<{ db: Db; applied: string[] }> {
  const applied = await migrate(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL);
  try {
    if (config.SEED_SAMPLE) {
      await ensureSeeded(db, log);
      await ensureFundsSeeded(db, log);
    } else await ensureCatalog(db);
    return { db, applied };
  } catch (e) {
    await db.$disconnect();
    throw e;
  }
}

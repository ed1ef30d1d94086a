// Imports a Santander additions file into the store: customers with their profile, monthly HOLD
// snapshots and the added product as a PURCHASE (see writeBatch.ts). Batches of rows are written in
// one transaction each; importing the same file again writes nothing. Malformed rows are reported
// by line number and skipped, or, with `strict`, the whole file is checked first and nothing is
// written if any row is bad.
import type { Db } from '../../store/db';
import { catalogIds, ensureCatalog } from '../catalog/ensureCatalog';
import type { SantanderRecord } from './format';
import { readSantanderFile, type ReadItem } from './reader';
import { inOneTransaction, writeBatch, type Tx } from './writeBatch';

export interface ImportOptions {
  /** Check every row first; write nothing and throw StrictImportError if any row is malformed. */
  strict?: boolean;
  /** Rows per transaction (default 500). */
  batchSize?: number;
  /** Expected number of data rows (e.g. from countDataRows), passed back to onProgress. */
  totalRows?: number;
  /** Called after each batch with the rows read so far. */
  onProgress?: (done: number, total?: number) => void;
  /**
   * All or nothing: every batch in ONE transaction, so an import interrupted half-way (killed,
   * Ctrl-C, a failed write) leaves nothing behind. For files of bounded size — the first-start
   * seed, whose "are there customers yet?" test must never see half a sample.
   */
  atomic?: boolean;
}

export interface ImportRowError { line: number; field: string; message: string }

export interface ImportSummary {
  /** Data rows read (header excluded). */
  rows: number;
  /** Valid rows written (their customer and interactions exist in the store afterwards). */
  imported: number;
  /** Malformed rows skipped. */
  skipped: number;
  customersCreated: number;
  customersUpdated: number;
  interactionsCreated: number;
  /** The first MAX_REPORTED_ERRORS row errors, in file order (`skipped` counts them all). */
  errors: ImportRowError[];
}

export const DEFAULT_BATCH_SIZE = 500;
export const MAX_REPORTED_ERRORS = 1_000;

/** A strict import found malformed rows; nothing was written. */
export class StrictImportError extends Error {
  constructor(readonly errors: ImportRowError[], readonly badRows: number) {
    const shown = errors.slice(0, 5).map((e) => `line ${e.line}: ${e.field}: ${e.message}`);
    super(`strict import aborted, nothing written: ${badRows} malformed row(s); ${shown.join('; ')}${badRows > shown.length ? '; …' : ''}`);
    this.name = 'StrictImportError';
  }
}

function toRowError(item: Extract<ReadItem, { ok: false }>): ImportRowError {
  return { line: item.error.line, field: item.error.field, message: item.error.reason };
}

/** Reads the whole file and returns its malformed rows (all counted, the first ones listed). */
async function findBadRows(file: string): Promise<{ errors: ImportRowError[]; count: number }> {
  const errors: ImportRowError[] = [];
  let count = 0;
  for await (const item of readSantanderFile(file)) {
    if (item.ok) continue;
    count += 1;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(toRowError(item));
  }
  return { errors, count };
}

export async function importSantander(db: Db, file: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer (got ${batchSize})`);
  if (opts.strict) {
    const bad = await findBadRows(file);
    if (bad.count > 0) throw new StrictImportError(bad.errors, bad.count);
  }

  const items = readSantanderFile(file)[Symbol.asyncIterator]();
  try {
    // Read the header before touching the store: a file of another format fails with nothing written.
    const first = await items.next();
    await ensureCatalog(db);
    const productIds = await catalogIds(db);
    if (opts.atomic) return await inOneTransaction(db, (tx) => importRows(db, items, first, productIds, batchSize, opts, tx));
    return await importRows(db, items, first, productIds, batchSize, opts);
  } finally {
    await items.return?.(undefined); // closes the file when a write failed half-way
  }
}

/** The rows after the header, written batch by batch (inside `tx` when given). */
async function importRows(
  db: Db, items: AsyncIterator<ReadItem>, first: IteratorResult<ReadItem>, productIds: ReadonlyMap<string, string>,
  batchSize: number, opts: ImportOptions, tx?: Tx,
): Promise<ImportSummary> {
  let next = first;
  const summary: ImportSummary = {
    rows: 0, imported: 0, skipped: 0, customersCreated: 0, customersUpdated: 0, interactionsCreated: 0, errors: [],
  };
  let batch: SantanderRecord[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length > 0) {
      const counts = await writeBatch(db, batch, productIds, tx);
      summary.imported += batch.length;
      summary.customersCreated += counts.customersCreated;
      summary.customersUpdated += counts.customersUpdated;
      summary.interactionsCreated += counts.interactionsCreated;
      batch = [];
    }
    opts.onProgress?.(summary.rows, opts.totalRows);
  };

  for (; !next.done; next = await items.next()) {
    const item = next.value;
    summary.rows += 1;
    if (item.ok) {
      batch.push(item.record);
      if (batch.length >= batchSize) await flush();
    } else {
      summary.skipped += 1;
      if (summary.errors.length < MAX_REPORTED_ERRORS) summary.errors.push(toRowError(item));
    }
  }
  await flush();
  return summary;
}

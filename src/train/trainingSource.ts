// Training data from a Santander additions file (.csv / .csv.gz, the format `npm run import` reads)
// instead of the store, without importing it: the file's customers, their states and addition
// examples, built exactly as the import + loadTrainingData would build them, and keyed by the store's
// product ids so that the trained model scores the store's catalog like one trained on the database.
// Rows are validated by the Santander reader; malformed ones are reported by line and skipped
// (strict: nothing is trained if any row is malformed).
import { existsSync, statSync } from 'node:fs';
import type { RowError } from '../ingest/santander/format';
import { readCustomerHistories } from '../ingest/santander/toHistory';
import { additionExamples, buildCustomerState } from '../recommend/customerState';
import type { TrainingData } from '../recommend/types';
import type { Db } from '../store/db';
import { loadProducts } from '../store/snapshot';

export interface FileTrainingData {
  data: TrainingData;
  /** Data rows read (header excluded) and those skipped as malformed. */
  rows: number;
  errors: RowError[];
  ms: number;
}

/** Malformed rows in strict mode, or a file without a single valid row. */
export class TrainingFileError extends Error {
  constructor(message: string, readonly errors: readonly RowError[]) { super(message); }
}

export async function trainingDataFromFile(
  db: Db, file: string, opts: { strict?: boolean; onProgress?: (rows: number) => void } = {},
): Promise<FileTrainingData> {
  if (!existsSync(file)) throw new Error(`file not found: ${file}`);
  if (!statSync(file).isFile()) throw new Error(`not a file: ${file}`);
  const started = performance.now();
  const products = await loadProducts(db, { linesOnly: true });
  const byCode = new Map(products.map((p) => [p.code, p.id]));
  // A code the store's catalog does not know keeps its code as id: the ranker ignores such products.
  const { customers, errors, rows } = await readCustomerHistories(file, { productId: (code) => byCode.get(code) ?? code, onProgress: opts.onProgress });
  if (opts.strict && errors.length > 0) throw new TrainingFileError(`${errors.length} of ${rows} rows of ${file} are malformed (strict: nothing trained)`, errors);
  if (customers.length === 0) {
    throw new TrainingFileError(rows === 0 ? `${file} has no data rows` : `${file}: none of its ${rows} rows is valid`, errors);
  }
  const data: TrainingData = {
    products,
    customers: customers.map((c) => buildCustomerState(c.profile, c.history)),
    examples: customers.flatMap((c) => additionExamples(c.profile, c.history)),
  };
  return { data, rows, errors, ms: performance.now() - started };
}

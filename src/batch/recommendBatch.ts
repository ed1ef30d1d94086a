// Batch scoring of a Santander additions file into the Kaggle submission format
// (`ncodpers,added_products`, ranked product codes space-separated). The customers in the file are
// scored from the file's own history (labels, if any, are ignored) with the engine fitted on what
// the store holds; they are never written to the store. Same pipeline as the live API.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { buildCustomerState } from '../recommend/customerState';
import type { RecommendationEngine } from '../recommend/engine';
import type { ProductInfo } from '../recommend/types';
import { readCustomerHistories } from '../ingest/santander/toHistory';
import type { RowError } from '../ingest/santander/format';

export interface BatchOptions {
  input: string;
  out: string;
  n: number;
  onProgress?: (done: number, total: number) => void;
}

export interface BatchSummary { rows: number; customers: number; written: number; errors: RowError[] }

export async function recommendBatch(engine: RecommendationEngine, products: readonly ProductInfo[], opts: BatchOptions): Promise<BatchSummary> {
  const byCode = new Map(products.map((p) => [p.code, p]));
  const codeOf = new Map(products.map((p) => [p.id, p.code]));
  // Codes the catalog does not know (a product retired from the store) keep their code as id:
  // they still count as held, so they are never recommended back.
  const { customers, errors, rows } = await readCustomerHistories(opts.input, {
    productId: (code) => byCode.get(code)?.id ?? code,
    includeLabels: false,
  });
  // Written next to the target and renamed over it when complete: a run that fails or is killed
  // half-way never leaves a truncated submission where the previous one was.
  const partial = path.join(path.dirname(opts.out), `.${path.basename(opts.out)}.partial-${process.pid}`);
  let written = 0;
  async function* lines(): AsyncGenerator<string[]> {
    for (const c of customers) {
      const state = buildCustomerState(c.profile, c.history);
      const list = engine.recommend(state, products, { first: opts.n });
      yield [c.profile.id, list.items.map((item) => codeOf.get(item.product.id) ?? item.product.code).join(' ')];
      written += 1;
      if (opts.onProgress && (written % 500 === 0 || written === customers.length)) opts.onProgress(written, customers.length);
    }
  }
  try {
    // pipeline() owns every stream's errors (an unwritable path is a rejection, not a crash).
    await pipeline(lines(), stringify({ header: true, columns: ['ncodpers', 'added_products'] }), createWriteStream(partial));
    await rename(partial, opts.out);
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
  return { rows, customers: customers.length, written, errors };
}

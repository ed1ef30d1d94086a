// Batch scoring of a Santander additions file into the Kaggle submission format
// (`ncodpers,added_products`, ranked product codes space-separated). The customers in the file are
// scored from the file's own history (labels, if any, are ignored) with the engine fitted on what
// the store holds; they are never written to the store. Same pipeline as the live API.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
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
  const sink = stringify({ header: true, columns: ['ncodpers', 'added_products'] });
  const file = createWriteStream(opts.out);
  sink.pipe(file);
  let written = 0;
  for (const c of customers) {
    const state = buildCustomerState(c.profile, c.history);
    const list = engine.recommend(state, products, { first: opts.n });
    const codes = list.items.map((item) => codeOf.get(item.product.id) ?? item.product.code);
    if (!sink.write([c.profile.id, codes.join(' ')])) await once(sink, 'drain');
    written += 1;
    if (opts.onProgress && (written % 500 === 0 || written === customers.length)) opts.onProgress(written, customers.length);
  }
  sink.end();
  await once(file, 'finish');
  return { rows, customers: customers.length, written, errors };
}

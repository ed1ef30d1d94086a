// Retrieval for the needs evaluation: the same parse → embed → rankForNeed path the API serves
// (NeedService.rank), over a catalog of the bank's product lines and funds, for a customer with no
// history. By default a throwaway SQLite store holding the 24 lines and the bundled fund slice
// (embedded on the way, with progress); or an existing store (`databaseUrl`), e.g. one where the
// full fund catalog was imported and embedded (`npm run import:funds`, `npm run embed`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config } from '../config';
import { ensureCatalog } from '../ingest/catalog/ensureCatalog';
import { ensureFundsSeeded } from '../ingest/funds/seed';
import { createChatProvider } from '../llm';
import { LocalEmbeddingProvider } from '../llm/localEmbeddings';
import { sharedEmbeddingProvider } from '../llm/sharedEmbeddings';
import { silentLogger } from '../log';
import { anonymousCustomer, NeedService } from '../needs/needService';
import { ProductSearch } from '../search/productSearch';
import { createDb } from '../store/db';
import { migrate } from '../store/migrate';
import { tfRuntime } from '../train/backend';
import type { RetrievedItem } from './needs';

/** Whom the lists are for: a customer profiled at the top risk tolerance (what the need alone asks
 *  for), or one with no risk profile (what a cold-start customer is actually offered). */
export type EvaluatedCustomer = 'profiled' | 'unprofiled';

/** Gross yearly household income (EUR) of the evaluated customer: about the Spanish median. */
export const EVALUATED_INCOME = 45_000;

export interface NeedsRetriever {
  retrieve(text: string): Promise<RetrievedItem[]>;
  /** Products the lists were drawn from. */
  products: number;
  close(): Promise<void>;
}

export async function needsRetriever(
  config: Config, opts: { databaseUrl?: string; customer: EvaluatedCustomer; k: number; onProgress?: (done: number, total: number) => void },
): Promise<NeedsRetriever> {
  const dir = opts.databaseUrl ? null : mkdtempSync(path.join(tmpdir(), 'finrec-needs-'));
  const url = opts.databaseUrl ?? `file:${path.join(dir!, 'needs.db')}`;
  await migrate(url);
  const db = createDb(url);
  try {
    await ensureCatalog(db);
    await ensureFundsSeeded(db, silentLogger);
    const provider = sharedEmbeddingProvider(config);
    if (provider instanceof LocalEmbeddingProvider) await tfRuntime(config.FINREC_TF_BACKEND);
    const search = await ProductSearch.start({ db, log: silentLogger, provider, onProgress: opts.onProgress });
    const rules = { unprofiledMaxRisk: config.UNPROFILED_MAX_RISK, homeCurrency: config.HOME_CURRENCY };
    const needs = new NeedService({ db, lineRanking: async () => [], catalog: search, chat: createChatProvider(config), rules });
    // An adult (age 40) with a known income and no history: age-bound products (investment, credit)
    // are open to them, and the suitability rules can check credit for affordability (a customer of
    // unknown income is offered no loan or mortgage at all: LOAN_NOT_AFFORDABLE).
    const customer = anonymousCustomer({ age: 40, income: EVALUATED_INCOME, ...(opts.customer === 'profiled' ? { riskTolerance: 7 } : {}) });
    return {
      products: search.info.indexed,
      async retrieve(text) {
        const { ranked } = await needs.rank(text, customer, Promise.resolve([]), opts.k);
        return ranked.items.map((it) => ({ category: it.product.category, riskLevel: it.product.riskLevel }));
      },
      async close() {
        await search.stop();
        await db.$disconnect();
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await db.$disconnect();
    if (dir) rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

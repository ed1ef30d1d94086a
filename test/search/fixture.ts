// What the search tests share: one real local embedding model per test file, and a small real
// catalog (the bank's 24 product lines) plus a few fund instruments within its FUND line.
import type { EmbeddingProvider } from '../../src/llm/providers';
import { LocalEmbeddingProvider } from '../../src/llm/localEmbeddings';
import { ensureCatalog } from '../../src/ingest/catalog/ensureCatalog';
import type { Db } from '../../src/store/db';
import { tfRuntime } from '../../src/train/backend';

export const local = new LocalEmbeddingProvider();

/**
 * The app's TensorFlow.js backend made ready before the model's first call, as the server and the
 * CLI do: TF's engine is process-global, and a backend registered but not yet initialised (by an
 * earlier test file in the same worker) made the model's first call fail now and then.
 */
export async function readyLocal(): Promise<void> {
  await tfRuntime();
}

/** The same model under another version: every stored vector of the real one is stale for it. */
export function withVersion(provider: EmbeddingProvider, version: string): EmbeddingProvider {
  return { name: provider.name, version, dimension: provider.dimension, embed: (texts) => provider.embed(texts) };
}

export const FUNDS = [
  { code: 'FUND-GLOBAL-EQ', name: 'Global Equity Index Fund', subcategory: 'Global Large-Cap Blend Equity', issuer: 'Acme Asset Management', riskLevel: 5,
    description: 'Tracks an index of large companies in developed markets worldwide. Invests in shares for long-term growth; the value can fall sharply in market downturns.' },
  { code: 'FUND-EUR-GOV', name: 'Euro Government Bond Fund', subcategory: 'EUR Government Bond', issuer: 'Acme Asset Management', riskLevel: 3,
    description: 'Invests in bonds issued by euro-area governments, paying regular interest. Less volatile than shares, but prices fall when interest rates rise.' },
  { code: 'FUND-MONEY', name: 'Euro Money Market Fund', subcategory: 'EUR Money Market', issuer: 'Acme Asset Management', riskLevel: 1,
    description: 'Invests in very short-term deposits and high-quality debt to preserve capital with a modest return.' },
  { code: 'FUND-CLEAN', name: 'Clean Energy Fund', subcategory: 'Sector Equity Alternative Energy', issuer: 'Verde Investors', riskLevel: 6,
    description: 'Invests in companies producing solar and wind power, batteries and electric vehicles worldwide.' },
] as const;

export async function seedCatalog(db: Db): Promise<void> {
  await ensureCatalog(db);
  for (const f of FUNDS) {
    await db.product.create({ data: { ...f, category: 'FUND', lineCode: 'ind_fond_fin_ult1', source: 'test' } });
  }
}

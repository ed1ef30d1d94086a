// Catalog writes that keep search in step: the product is written through the scoring service
// (which reloads its catalog and clears cached lists), then re-embedded, so it is searchable when
// the call returns. A failing embedding provider does not fail the write (the refresh logs it and
// the next refresh retries).
import type { ScoringService } from '../recommend/service';
import type { ProductInfo } from '../recommend/types';
import type { ProductInput } from '../recommend/writes';
import type { ProductSearch } from './productSearch';

export async function upsertProduct(services: { scoring: ScoringService; search: ProductSearch }, input: ProductInput): Promise<ProductInfo> {
  const product = await services.scoring.upsertProduct(input);
  await services.search.refresh();
  return product;
}

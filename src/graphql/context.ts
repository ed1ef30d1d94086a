// Per-request context: the long-lived services, and a fresh set of DataLoaders for every request
// (batching within the request, no cache shared between two requests or two users).
import DataLoader from 'dataloader';
import type { Principal } from '../auth/principal';
import { Explainer } from '../explain/explainer';
import type { NeedService } from '../needs/needService';
import type { RecommendationsRequest, ScoringService, Served } from '../recommend/service';
import type { ProductSearch } from '../search/productSearch';
import type { CustomerState, ProductInfo } from '../recommend/types';
import type { Db } from '../store/db';
import { loadCustomerStates } from '../store/snapshot';
import { ProductService } from './product/product.service';
import { UserService } from './user/user.service';

export interface Services {
  scoring: ScoringService;
  users: UserService;
  products: ProductService;
  /** Semantic product search (embeddings), also re-synced after catalog writes. */
  search: ProductSearch;
  db: Db;
  /** Explanations of recommended items: LLM-written when configured and checked, else templates. */
  explainer: Explainer;
  /** Need-based recommendation (recommendForNeed). */
  needs: NeedService;
}

export interface Loaders {
  /** Served lists: every `recommendations` field of one request (aliases) is served in one batch. */
  recommendations: DataLoader<RecommendationsRequest, Served, string>;
  /** Product by id: one query per tick of the request, whatever the number of items. */
  product: DataLoader<string, ProductInfo | null>;
  /** A customer's current state (holdings), batched the same way. */
  customerState: DataLoader<string, CustomerState | null>;
}

export interface Context extends Services {
  loaders: Loaders;
  /** The caller, from the request's API key; null when none (or an invalid one) was sent. */
  principal: Principal | null;
}

export function createServices(db: Db, scoring: ScoringService, search: ProductSearch, needs: NeedService, explainer = new Explainer({ chat: null })): Services {
  return { scoring, users: new UserService(db), products: new ProductService(db), search, db, explainer, needs };
}

export function createLoaders(services: Services): Loaders {
  return {
    recommendations: new DataLoader((requests) => services.scoring.recommendMany(requests), {
      cacheKeyFn: (r) => JSON.stringify([r.customerId, r.first ?? null, r.category ?? null]),
    }),
    product: new DataLoader((ids) => services.products.byIds(ids), { maxBatchSize: 500 }),
    customerState: new DataLoader(async (ids) => {
      const states = await loadCustomerStates(services.db, ids);
      return ids.map((id) => states.get(id) ?? null);
    }, { maxBatchSize: 500 }),
  };
}

export function createContext(services: Services, principal: Principal | null = null): Context {
  return { ...services, loaders: createLoaders(services), principal };
}

/** A product the API refers to by id; products are never deleted, so a miss is a server error. */
export async function loadProduct(ctx: Context, id: string): Promise<ProductInfo> {
  const product = await ctx.loaders.product.load(id);
  if (!product) throw new Error(`product ${id} referenced but not found`);
  return product;
}

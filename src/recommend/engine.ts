// What the rest of the application needs from the recommendation layer: a fitted engine.
// The GraphQL scoring service, the batch scorer and evaluation all use this and nothing deeper.
import type { CustomerState, ProductInfo, RankedList, Reason, RecommendRequest } from './types';

export interface SimilarProduct { product: ProductInfo; score: number; reasons: Reason[] }

export interface RecommendationEngine {
  /** e.g. "blend(popularity,item-cf,user-cf,content,activity)" */
  readonly name: string;
  /** Digest of every recommender's config and the blend weights. */
  readonly configHash: string;
  /** The saved model version (ModelVersion id) it scores with, or null when all models were fitted in-process. */
  readonly modelVersion?: string | null;
  /** Candidates → suitability gate → score → blend → Top-N → reasons (pipeline.ts). */
  recommend(customer: CustomerState, products: readonly ProductInfo[], request: RecommendRequest): RankedList;
  /** Products most like the given one (co-ownership and content), never the product itself. */
  similarProducts(productId: string, products: readonly ProductInfo[], first: number): SimilarProduct[];
}

// The recommendation pipeline. Batch scoring, evaluation and the live API all call this code.
//   candidates (category filter) → suitability gate → score with each recommender → blend → Top-N → reasons
// (eligible products added to the catalog since the fit close the list, score 0).
// The gate runs before scoring so that recommenders score, and the blender normalises over, only
// products the customer can actually be offered (a held product must not set another's scale);
// every product it removes is still reported in RankedList.excluded with its rule.
import { digest, type Config } from '../config';
import { blend, type Normalisation, type ScoredBy } from './blender';
import type { RecommendationEngine, SimilarProduct } from './engine';
import { buildReasons, signalReason } from './reasons';
import { ContentRecommender, createRecommenders, ItemCfRecommender, NeuralRecommender, type RecommenderSettings, type Weighted } from './recommenders';
import { suitabilityGate } from './suitability';
import type { CustomerState, ProductInfo, RankedItem, RankedList, RecommendRequest, TrainingData } from './types';

export interface EngineOptions {
  normalisation: Normalisation;
  /** Defaults to "blend(<recommenders with weight > 0>)", or the recommender's name when it is alone. */
  name?: string;
  /** Products the recommenders were fitted with; eligible products outside it (new since the fit)
   *  close each list with score 0 and the NEW_PRODUCT reason. Omitted: no such filling. */
  fittedProducts?: ReadonlySet<string>;
  /** The saved model version (ModelVersion id) among the recommenders, reported on every list. */
  modelVersion?: string | null;
}

/** A neural ranker loaded from a saved model version, used instead of training one in-process. */
export interface Pretrained { neural: NeuralRecommender; version: string }

export type PipelineSettings = RecommenderSettings & Pick<Config, 'BLEND_NORMALISATION'>;

/** Fit every recommender on the same data; `onFitted` reports each one's fit time. */
export async function fitRecommenders(parts: readonly Weighted[], data: TrainingData, onFitted?: (name: string, ms: number) => void): Promise<void> {
  for (const { recommender } of parts) {
    const t0 = performance.now();
    await recommender.fit(data);
    onFitted?.(recommender.name, performance.now() - t0);
  }
}

/** An engine over already-fitted recommenders (evaluation builds several engines from one fit). */
export function createEngine(parts: readonly Weighted[], options: EngineOptions): RecommendationEngine {
  const active = parts.filter((p) => p.weight > 0);
  const name = options.name ?? (active.length === 1 ? active[0].recommender.name : `blend(${active.map((p) => p.recommender.name).join(',')})`);
  const modelVersion = options.modelVersion ?? null;
  const configHash = digest({
    normalisation: options.normalisation,
    recommenders: active.map((p) => ({ name: p.recommender.name, weight: p.weight, config: p.recommender.config })),
    ...(modelVersion ? { modelVersion } : {}),
  });
  const itemCf = parts.find((p) => p.recommender instanceof ItemCfRecommender);
  const content = parts.find((p) => p.recommender instanceof ContentRecommender);

  function recommend(customer: CustomerState, products: readonly ProductInfo[], request: RecommendRequest): RankedList {
    const candidates = request.category ? products.filter((p) => p.category === request.category) : products;
    const gate = suitabilityGate(customer, candidates);
    const eligible = gate.kept.map((k) => k.product);
    const scored: ScoredBy[] = active.map(({ recommender, weight }) => ({ recommender, weight, signals: recommender.score(customer, eligible) }));
    const byId = new Map(gate.kept.map((k) => [k.product.id, k]));
    const items: RankedItem[] = [];
    for (const b of blend(scored, options.normalisation)) {
      if (items.length >= request.first) break;
      const kept = byId.get(b.productId);
      if (!kept) continue; // a recommender must score only candidates; never rank anything else
      byId.delete(b.productId);
      items.push({ product: kept.product, score: b.score, reasons: buildReasons(customer, kept.product, b.contributions, kept.passed) });
    }
    // Eligible products added to the catalog since the fit close the list, so a new product can be
    // offered before the next refit.
    for (const kept of byId.values()) {
      if (items.length >= request.first || !options.fittedProducts || options.fittedProducts.has(kept.product.id)) continue;
      items.push({ product: kept.product, score: 0, reasons: [signalReason('NEW_PRODUCT', 0), ...buildReasons(customer, kept.product, [], kept.passed)] });
    }
    return { items, excluded: gate.excluded, recommender: name, configHash, modelVersion };
  }

  function similarProducts(productId: string, products: readonly ProductInfo[], first: number): SimilarProduct[] {
    const source = products.find((p) => p.id === productId);
    if (!source) return [];
    const wCo = itemCf?.weight ?? 0;
    const wContent = content?.weight ?? 0;
    const [a, b] = wCo + wContent > 0 ? [wCo, wContent] : [1, 1];
    const out: SimilarProduct[] = [];
    for (const p of products) {
      if (p.id === productId || !p.active) continue;
      const co = itemCf ? (itemCf.recommender as ItemCfRecommender).coOwnership(productId, p.id) : 0;
      const ct = content ? Math.max(0, (content.recommender as ContentRecommender).similarity(productId, p.id)) : 0;
      const score = (a * co + b * ct) / (a + b);
      if (!(score > 0)) continue;
      const reasons = [];
      if (co > 0) reasons.push(signalReason('OFTEN_HELD_WITH', (a * co) / (a + b), source.name));
      if (ct > 0) reasons.push(signalReason('SIMILAR_FEATURES', (b * ct) / (a + b), source.name));
      out.push({ product: p, score, reasons: reasons.sort((x, y) => y.weight - x.weight) });
    }
    return out.sort((x, y) => y.score - x.score || (x.product.id < y.product.id ? -1 : 1)).slice(0, first);
  }

  return { name, configHash, modelVersion, recommend, similarProducts };
}

/**
 * Fit the configured blend on the training data: the engine the API, batch scoring and evaluation use.
 * With `pretrained` (the active saved model version), its loaded neural ranker takes the neural
 * ranker's place and is not trained again; the other recommenders are fitted in-process.
 */
export async function fitEngine(data: TrainingData, config: PipelineSettings, pretrained?: Pretrained | null): Promise<RecommendationEngine> {
  // A switched-off neural ranker is not trained: it would cost up to a minute per refit for nothing.
  const all = createRecommenders(config).filter((p) => p.weight > 0 || !(p.recommender instanceof NeuralRecommender));
  const useLoaded = pretrained && all.some((p) => p.recommender instanceof NeuralRecommender && p.weight > 0);
  const parts = useLoaded ? all.map((p) => (p.recommender instanceof NeuralRecommender ? { ...p, recommender: pretrained.neural } : p)) : all;
  await fitRecommenders(parts.filter((p) => !(useLoaded && p.recommender === pretrained.neural)), data);
  return createEngine(parts, {
    normalisation: config.BLEND_NORMALISATION, fittedProducts: new Set(data.products.map((p) => p.id)),
    modelVersion: useLoaded ? pretrained.version : null,
  });
}

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
import { ContentRecommender, createRecommenders, ItemCfRecommender, TwoTowerRecommender, type RecommenderSettings, type Weighted } from './recommenders';
import { FULL_RULE_SET, gateNotices, type GateRuleSet } from './rules';
import { suitabilityGate } from './suitability';
import type { ModelBundle } from '../train/modelArtifact';
import type { CustomerState, ProductInfo, RankedItem, RankedList, Recommender, RecommendRequest, TrainingData } from './types';

export interface EngineOptions {
  normalisation: Normalisation;
  /** Defaults to "blend(<recommenders with weight > 0>)", or the recommender's name when it is alone. */
  name?: string;
  /** Products the recommenders were fitted with; eligible products outside it (new since the fit)
   *  close each list with score 0 and the NEW_PRODUCT reason. Omitted: no such filling. */
  fittedProducts?: ReadonlySet<string>;
  /** The saved model version (ModelVersion id) among the recommenders, reported on every list. */
  modelVersion?: string | null;
  /** The suitability rules the gate applies, and their version (recorded on every list). Defaults to
   *  the full rule set — what customers are served; offline evaluation passes RANKING_RULE_SET. */
  rules?: GateRuleSet;
}

interface SimilarityTerm { code: string; weight: number; of: (other: string) => number }

/** The active saved model version, loaded: its learned recommenders and learned blend (train/modelArtifact.ts). */
export interface Pretrained extends ModelBundle { version: string }

export type PipelineSettings = RecommenderSettings & Pick<Config, 'BLEND_NORMALISATION' | 'BLEND_WEIGHTS'>;

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
  const ruleSet = options.rules ?? FULL_RULE_SET;
  // The rule-set version is part of the digest: lists gated by an older rule set are stale.
  const configHash = digest({
    ruleSetVersion: ruleSet.version,
    normalisation: options.normalisation,
    recommenders: active.map((p) => ({ name: p.recommender.name, weight: p.weight, config: p.recommender.config })),
    ...(modelVersion ? { modelVersion } : {}),
  });
  const itemCf = parts.find((p) => p.recommender instanceof ItemCfRecommender);
  const content = parts.find((p) => p.recommender instanceof ContentRecommender);
  const twoTower = parts.find((p) => p.recommender instanceof TwoTowerRecommender && p.recommender.fitted);
  const learned = twoTower && { model: twoTower.recommender as TwoTowerRecommender, weight: twoTower.weight };

  function recommend(customer: CustomerState, products: readonly ProductInfo[], request: RecommendRequest): RankedList {
    const candidates = request.category ? products.filter((p) => p.category === request.category) : products;
    const gate = suitabilityGate(customer, candidates, ruleSet.rules);
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
    return {
      items, excluded: gate.excluded, recommender: name, configHash, modelVersion,
      ruleSetVersion: ruleSet.version, notices: gateNotices(customer, ruleSet),
    };
  }

  // Product similarity: co-ownership (item-CF), described features (content) and, with a two-tower
  // model, how close the products sit in its learned embedding space (they attract the same
  // customers). Each available term counts by its blend weight; a two-tower fitted or loaded but
  // unweighted in the blend still counts as much as the stronger of the other two.
  function similarProducts(productId: string, products: readonly ProductInfo[], first: number): SimilarProduct[] {
    const source = products.find((p) => p.id === productId);
    if (!source) return [];
    const terms = [
      itemCf && { code: 'OFTEN_HELD_WITH', weight: itemCf.weight, of: (b: string) => (itemCf.recommender as ItemCfRecommender).coOwnership(productId, b) },
      content && { code: 'SIMILAR_FEATURES', weight: content.weight, of: (b: string) => (content.recommender as ContentRecommender).similarity(productId, b) },
    ].filter((t): t is SimilarityTerm => Boolean(t));
    if (learned) terms.push({ code: 'SAME_CUSTOMERS_AS', weight: learned.weight || Math.max(1, ...terms.map((t) => t.weight)), of: (b) => learned.model.similarity(productId, b) });
    if (terms.every((t) => t.weight <= 0)) for (const t of terms) t.weight = 1;
    const total = terms.reduce((a, t) => a + t.weight, 0);
    const out: SimilarProduct[] = [];
    for (const p of products) {
      if (p.id === productId || !p.active) continue;
      const parts = terms.map((t) => ({ code: t.code, value: (t.weight * Math.max(0, t.of(p.id))) / total }));
      const score = parts.reduce((a, x) => a + x.value, 0);
      if (!(score > 0)) continue;
      const reasons = parts.filter((x) => x.value > 0).map((x) => signalReason(x.code, x.value, source.name));
      out.push({ product: p, score, reasons: reasons.sort((x, y) => y.weight - x.weight) });
    }
    return out.sort((x, y) => y.score - x.score || (x.product.id < y.product.id ? -1 : 1)).slice(0, first);
  }

  return { name, configHash, modelVersion, recommend, similarProducts };
}

/**
 * Fit the blend on the training data: the engine the API, batch scoring and evaluation use.
 * With `pretrained` (the active saved model version) its learned recommenders take their place and
 * are not trained again, and — unless BLEND_WEIGHTS=config — its learned blend weights replace the
 * configured ones; the hand-built recommenders are fitted in-process. A recommender with weight 0
 * is not fitted unless similarProducts uses it (a learned one would cost up to a minute per refit).
 */
export async function fitEngine(data: TrainingData, config: PipelineSettings, pretrained?: Pretrained | null): Promise<RecommendationEngine> {
  const learnedBlend = pretrained?.blend && config.BLEND_WEIGHTS === 'learned' ? pretrained.blend : null;
  const weighted = createRecommenders(config, { includeUnweighted: Boolean(pretrained) }).map((p) => ({
    recommender: pretrained?.models.get(p.recommender.name) ?? p.recommender,
    weight: learnedBlend ? learnedBlend.weights[p.recommender.name] ?? 0 : p.weight,
  }));
  const isLoaded = (r: Recommender): boolean => pretrained?.models.get(r.name) === r;
  // Unweighted recommenders are fitted only when similarProducts uses them: co-ownership, content
  // and a loaded two-tower's embeddings (a trained model is never fitted just for that).
  const servesSimilarity = (r: Recommender): boolean => r instanceof ItemCfRecommender || r instanceof ContentRecommender
    || (r instanceof TwoTowerRecommender && isLoaded(r));
  const parts = weighted.filter((p) => p.weight > 0 || servesSimilarity(p.recommender));
  await fitRecommenders(parts.filter((p) => !isLoaded(p.recommender)), data);
  const uses = learnedBlend !== null || parts.some((p) => isLoaded(p.recommender));
  return createEngine(parts, {
    normalisation: learnedBlend?.normalisation ?? config.BLEND_NORMALISATION, fittedProducts: new Set(data.products.map((p) => p.id)),
    modelVersion: uses ? pretrained!.version : null,
  });
}

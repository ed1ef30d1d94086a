// The recommenders FinRec blends, built from the one configuration (config.ts).
import type { Config } from '../../config';
import type { LearnedRecommender, Recommender } from '../types';
import { ActivityWeightedRecommender, DEFAULT_ACTIVITY } from './activityWeighted';
import { ContentRecommender, DEFAULT_CONTENT } from './content';
import { DEFAULT_ITEM_CF, ItemCfRecommender } from './itemCf';
import { DEFAULT_NEURAL, NeuralRecommender, type NeuralConfig } from './neural';
import { DEFAULT_POPULARITY, PopularityRecommender } from './popularity';
import { DEFAULT_TWO_TOWER, TwoTowerRecommender } from './twoTower';
import { DEFAULT_USER_CF, UserCfRecommender } from './userCf';

export { ActivityWeightedRecommender, ContentRecommender, ItemCfRecommender, NeuralRecommender, PopularityRecommender, TwoTowerRecommender, UserCfRecommender };

export type RecommenderConfigKeys =
  | 'WEIGHT_POPULARITY' | 'WEIGHT_ITEM_CF' | 'WEIGHT_USER_CF' | 'WEIGHT_CONTENT' | 'WEIGHT_ACTIVITY' | 'WEIGHT_NEURAL' | 'WEIGHT_TWO_TOWER'
  | 'MODEL_USE_AGE' | 'ACTIVITY_K' | 'USER_CF_NEIGHBOURS';
export type RecommenderSettings = Pick<Config, RecommenderConfigKeys>;

export interface CreateOptions {
  /**
   * Also create the trained recommenders whose weight is 0 (evaluation and conformance tests rank each
   * recommender alone). Without it the two-tower is only created when weighted, so a refit does not
   * train a model the blend ignores. (The neural ranker is always created; fitEngine skips it at 0.)
   */
  includeUnweighted?: boolean;
  /** Hyper-parameter overrides of the learned recommenders, by name (`npm run train` passes its seed). */
  overrides?: { neural?: Partial<NeuralConfig>; 'two-tower'?: Record<string, unknown> };
}

export interface Weighted { recommender: Recommender; weight: number }

/** All recommenders (unfitted), each with its blend weight. */
export function createRecommenders(config: RecommenderSettings, options: CreateOptions = {}): Weighted[] {
  const twoTower = config.WEIGHT_TWO_TOWER;
  return [
    { recommender: new PopularityRecommender(DEFAULT_POPULARITY), weight: config.WEIGHT_POPULARITY },
    { recommender: new ItemCfRecommender(DEFAULT_ITEM_CF), weight: config.WEIGHT_ITEM_CF },
    {
      recommender: new UserCfRecommender({ ...DEFAULT_USER_CF, neighbours: config.USER_CF_NEIGHBOURS, useAge: config.MODEL_USE_AGE }),
      weight: config.WEIGHT_USER_CF,
    },
    { recommender: new ContentRecommender(DEFAULT_CONTENT), weight: config.WEIGHT_CONTENT },
    {
      recommender: new ActivityWeightedRecommender({ ...DEFAULT_ACTIVITY, k: config.ACTIVITY_K, useAge: config.MODEL_USE_AGE }),
      weight: config.WEIGHT_ACTIVITY,
    },
    { recommender: new NeuralRecommender({ ...DEFAULT_NEURAL, useAge: config.MODEL_USE_AGE, ...options.overrides?.neural }), weight: config.WEIGHT_NEURAL },
    ...(twoTower > 0 || options.includeUnweighted
      ? [{ recommender: new TwoTowerRecommender({ ...DEFAULT_TWO_TOWER, useAge: config.MODEL_USE_AGE, ...options.overrides?.['two-tower'] }), weight: twoTower }] : []),
  ];
}

/** Whether a recommender is a trained model (neural ranker, two-tower): saved in model versions, costly to fit. */
export function isLearned(r: Recommender): r is LearnedRecommender {
  return typeof (r as Partial<LearnedRecommender>).toState === 'function';
}

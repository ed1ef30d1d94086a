// The recommenders FinRec blends, built from the one configuration (config.ts).
import type { Config } from '../../config';
import type { Recommender } from '../types';
import { ActivityWeightedRecommender, DEFAULT_ACTIVITY } from './activityWeighted';
import { ContentRecommender, DEFAULT_CONTENT } from './content';
import { DEFAULT_ITEM_CF, ItemCfRecommender } from './itemCf';
import { DEFAULT_NEURAL, NeuralRecommender } from './neural';
import { DEFAULT_POPULARITY, PopularityRecommender } from './popularity';
import { DEFAULT_USER_CF, UserCfRecommender } from './userCf';

export { ActivityWeightedRecommender, ContentRecommender, ItemCfRecommender, NeuralRecommender, PopularityRecommender, UserCfRecommender };

export type RecommenderConfigKeys =
  | 'WEIGHT_POPULARITY' | 'WEIGHT_ITEM_CF' | 'WEIGHT_USER_CF' | 'WEIGHT_CONTENT' | 'WEIGHT_ACTIVITY' | 'WEIGHT_NEURAL'
  | 'MODEL_USE_AGE' | 'ACTIVITY_K' | 'USER_CF_NEIGHBOURS';
export type RecommenderSettings = Pick<Config, RecommenderConfigKeys>;

export interface Weighted { recommender: Recommender; weight: number }

/** All recommenders (unfitted), each with its blend weight. */
export function createRecommenders(config: RecommenderSettings): Weighted[] {
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
    { recommender: new NeuralRecommender({ ...DEFAULT_NEURAL, useAge: config.MODEL_USE_AGE }), weight: config.WEIGHT_NEURAL },
  ];
}

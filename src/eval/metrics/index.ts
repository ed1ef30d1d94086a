// Ranking metrics share one shape: (ranked, relevant, k) → number.
export { averagePrecision } from './averagePrecision';
export { precision } from './precision';
export { recall } from './recall';
export { ndcg } from './ndcg';
export { coverage } from './coverage';
export { novelty, itemPopularity } from './novelty';
export { diversity } from './diversity';

export type RankingMetric = (ranked: readonly string[], relevant: ReadonlySet<string>, k: number) => number;

// Every recommender FinRec ships passes the same conformance suite.
import { recommenderConformance } from './recommender';
import { createRecommenders } from '../../src/recommend/recommenders';
import { loadConfig } from '../../src/config';

const config = loadConfig({});
for (const { recommender } of createRecommenders(config, { includeUnweighted: true })) {
  const name = recommender.name;
  recommenderConformance(name, () => createRecommenders(config, { includeUnweighted: true }).find((w) => w.recommender.name === name)!.recommender);
}

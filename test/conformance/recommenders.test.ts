// Every recommender FinRec ships passes the same conformance suite.
import { recommenderConformance } from './recommender';
import { createRecommenders } from '../../src/recommend/recommenders';
import { loadConfig } from '../../src/config';

const config = loadConfig({});
for (const { recommender } of createRecommenders(config)) {
  const name = recommender.name;
  recommenderConformance(name, () => createRecommenders(config).find((w) => w.recommender.name === name)!.recommender);
}

// Benchmark of the two-tower recommender: fit on a seeded 70 % customer split of a Santander additions
// file, print per-epoch progress, fit wall time and rows/s, then MAP@7 of the two-tower alone (through
// the full pipeline, gate included) on the 30 % holdout, the per-customer scoring time, and the
// nearest products by learned embedding for a few products.
//   npm run build && node dist/bench/twoTower.js [FILE] [--dim 32] [--hidden 256,128] [--product-hidden 64] [--lr 0.002] [--dropout 0.3] ...
import { DEFAULT_TWO_TOWER as d, TwoTowerRecommender } from '../src/recommend/recommenders/twoTower';
import { benchArgs, holdoutBench, runBench } from './holdout';

runBench(async () => {
  const a = benchArgs();
  const model = new TwoTowerRecommender({
    ...d, dim: a.flag('dim', d.dim), maxEpochs: a.flag('epochs', d.maxEpochs), dropout: a.flag('dropout', d.dropout), learningRate: a.flag('lr', d.learningRate),
    batchSize: a.flag('batch', d.batchSize), l2: a.flag('l2', d.l2), patience: a.flag('patience', d.patience),
    hidden: a.list('hidden', d.hidden), productHidden: a.list('product-hidden', d.productHidden),
  });
  const products = await holdoutBench(a.file, model);
  const name = new Map(products.map((p) => [p.id, `${p.name} [${p.category}]`]));
  const probes = ['ind_cco_fin_ult1', 'ind_plan_fin_ult1', 'ind_fond_fin_ult1', 'ind_recibo_ult1', 'ind_tjcr_fin_ult1', 'ind_deco_fin_ult1'];
  for (const id of probes.filter((p) => name.has(p))) {
    const near = products.filter((p) => p.id !== id).map((p) => [p.id, model.similarity(id, p.id)] as const).sort((a, b) => b[1] - a[1]).slice(0, 3);
    process.stdout.write(`most similar to ${name.get(id)}: ${near.map(([p, s]) => `${name.get(p)} ${s.toFixed(3)}`).join('; ')}\n`);
  }
});

// Benchmark of the two-tower recommender: fit on a seeded 70 % customer split of a Santander additions
// file, print per-epoch progress, fit wall time and rows/s, then MAP@7 of the two-tower alone (through
// the full pipeline, gate included) on the 30 % holdout, the per-customer scoring time, and the
// nearest products by learned embedding for a few products.
//   npm run build && node dist/bench/twoTower.js [FILE] [--dim 32] [--hidden 256,128] [--product-hidden 64] [--lr 0.002] [--dropout 0.3] ...
import path from 'node:path';
import { catalogProducts } from '../src/eval/catalog';
import { evaluationCases, trainingData } from '../src/eval/cases';
import { averagePrecision } from '../src/eval/metrics';
import { splitByCustomer } from '../src/eval/split';
import { readCustomerHistories } from '../src/ingest/santander/toHistory';
import { createEngine } from '../src/recommend/pipeline';
import { DEFAULT_TWO_TOWER, TwoTowerRecommender } from '../src/recommend/recommenders/twoTower';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--')) ?? path.resolve('../shared/data/santander_may2016_additions/santander_additions_2016-05_train70.csv.gz');
  const flag = (name: string, dflt: number): number => { const i = args.indexOf(`--${name}`); return i >= 0 ? Number(args[i + 1]) : dflt; };
  const list = (name: string, dflt: number[]): number[] => {
    const i = args.indexOf(`--${name}`);
    return i < 0 ? dflt : args[i + 1] === 'none' ? [] : args[i + 1].split(',').map(Number);
  };
  const { customers } = await readCustomerHistories(file);
  const products = catalogProducts();
  const { train, test } = splitByCustomer(customers, (c) => c.profile.id, { testFraction: 0.3, seed: 42 });
  const data = trainingData(train, products);
  const d = DEFAULT_TWO_TOWER;
  const config = {
    ...d, dim: flag('dim', d.dim), maxEpochs: flag('epochs', d.maxEpochs), dropout: flag('dropout', d.dropout), learningRate: flag('lr', d.learningRate),
    batchSize: flag('batch', d.batchSize), l2: flag('l2', d.l2), patience: flag('patience', d.patience),
    hidden: list('hidden', d.hidden), productHidden: list('product-hidden', d.productHidden),
  };
  const model = new TwoTowerRecommender(config);
  model.onEpoch = (p) => process.stdout.write(`epoch ${p.epoch}/${p.maxEpochs} loss ${p.loss.toFixed(4)} val MAP@7 ${p.validation?.toFixed(4) ?? '-'} (${(p.ms / 1000).toFixed(1)} s)\n`);
  const t0 = performance.now();
  await model.fit(data);
  const fitS = (performance.now() - t0) / 1000;
  const f = model.lastFit!;
  process.stdout.write(`${customers.length} customers: ${train.length} train (${data.examples.length} examples) / ${test.length} test; config ${JSON.stringify(config)}\n`);
  process.stdout.write(`fit ${fitS.toFixed(1)} s on ${f.backend}: ${f.rows} training rows × ${f.epochs} epochs (best ${f.bestEpoch}, validation MAP@7 ${f.validationMap?.toFixed(4)}), ${Math.round(f.rowsPerSecond)} rows/s\n`);
  const engine = createEngine([{ recommender: model, weight: 1 }], { normalisation: 'max' });
  const cases = evaluationCases(test);
  let map = 0;
  const t1 = performance.now();
  for (const c of cases) map += averagePrecision(engine.recommend(c.state, products, { first: 7 }).items.map((i) => i.product.id), c.relevant, 7);
  const ms = (performance.now() - t1) / Math.max(cases.length, 1);
  process.stdout.write(`test MAP@7 ${(map / Math.max(cases.length, 1)).toFixed(4)} over ${cases.length} customers; ${ms.toFixed(3)} ms per customer (pipeline incl. gate)\n`);

  const name = new Map(products.map((p) => [p.id, `${p.name} [${p.category}]`]));
  const probes = ['ind_cco_fin_ult1', 'ind_plan_fin_ult1', 'ind_fond_fin_ult1', 'ind_recibo_ult1', 'ind_tjcr_fin_ult1', 'ind_deco_fin_ult1'];
  for (const id of probes.filter((p) => name.has(p))) {
    const near = products.filter((p) => p.id !== id).map((p) => [p.id, model.similarity(id, p.id)] as const).sort((a, b) => b[1] - a[1]).slice(0, 3);
    process.stdout.write(`most similar to ${name.get(id)}: ${near.map(([p, s]) => `${name.get(p)} ${s.toFixed(3)}`).join('; ')}\n`);
  }
}

main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack}\n`); process.exitCode = 1; });

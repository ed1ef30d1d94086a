// Benchmark of the neural ranker: fit on a seeded 70 % customer split of a Santander additions file,
// print per-epoch progress, fit wall time and rows/s, then MAP@7 of the neural ranker alone (through
// the full pipeline, gate included) on the 30 % holdout, and the per-customer scoring time.
//   npm run build && node dist/bench/neural.js [FILE] [--augment N]
import path from 'node:path';
import { catalogProducts } from '../src/eval/catalog';
import { evaluationCases, trainingData } from '../src/eval/cases';
import { averagePrecision } from '../src/eval/metrics';
import { splitByCustomer } from '../src/eval/split';
import { readCustomerHistories } from '../src/ingest/santander/toHistory';
import { createEngine } from '../src/recommend/pipeline';
import { DEFAULT_NEURAL, NeuralRecommender } from '../src/recommend/recommenders/neural';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--')) ?? path.resolve('../shared/data/santander_may2016_additions/santander_additions_2016-05_train70.csv.gz');
  const flag = (name: string, dflt: number): number => { const i = args.indexOf(`--${name}`); return i >= 0 ? Number(args[i + 1]) : dflt; };
  const { customers } = await readCustomerHistories(file);
  const products = catalogProducts();
  const { train, test } = splitByCustomer(customers, (c) => c.profile.id, { testFraction: 0.3, seed: 42 });
  const data = trainingData(train, products);
  const config = { ...DEFAULT_NEURAL, augmentSteps: flag('augment', DEFAULT_NEURAL.augmentSteps), maxEpochs: flag('epochs', DEFAULT_NEURAL.maxEpochs),
    dropout: flag('dropout', DEFAULT_NEURAL.dropout), learningRate: flag('lr', DEFAULT_NEURAL.learningRate), batchSize: flag('batch', DEFAULT_NEURAL.batchSize),
    l2: flag('l2', DEFAULT_NEURAL.l2), members: flag('members', DEFAULT_NEURAL.members), hidden: args.includes('--hidden') ? args[args.indexOf('--hidden') + 1].split(',').map(Number) : DEFAULT_NEURAL.hidden };
  const neural = new NeuralRecommender(config);
  neural.onEpoch = (p) => process.stdout.write(`epoch ${p.epoch}/${p.maxEpochs} loss ${p.loss.toFixed(4)} val MAP@7 ${p.validation?.toFixed(4) ?? '-'} (${(p.ms / 1000).toFixed(1)} s)\n`);
  const t0 = performance.now();
  await neural.fit(data);
  const fitS = (performance.now() - t0) / 1000;
  const f = neural.lastFit!;
  process.stdout.write(`${customers.length} customers: ${train.length} train (${data.examples.length} examples) / ${test.length} test; config ${JSON.stringify(config)}\n`);
  process.stdout.write(`fit ${fitS.toFixed(1)} s on ${f.backend}: ${f.rows} training rows × ${f.epochs} epochs (best ${f.bestEpoch}, validation MAP@7 ${f.validationMap?.toFixed(4)}), ${Math.round(f.rowsPerSecond)} rows/s\n`);
  const engine = createEngine([{ recommender: neural, weight: 1 }], { normalisation: 'max' });
  const cases = evaluationCases(test);
  let map = 0;
  const t1 = performance.now();
  for (const c of cases) map += averagePrecision(engine.recommend(c.state, products, { first: 7 }).items.map((i) => i.product.id), c.relevant, 7);
  const ms = (performance.now() - t1) / Math.max(cases.length, 1);
  process.stdout.write(`test MAP@7 ${(map / Math.max(cases.length, 1)).toFixed(4)} over ${cases.length} customers; ${ms.toFixed(3)} ms per customer (pipeline incl. gate)\n`);
}

main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack}\n`); process.exitCode = 1; });

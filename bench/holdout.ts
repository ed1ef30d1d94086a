// What bench/neural.ts and bench/twoTower.ts share: the command line (FILE, --name value flags), the
// seeded 70/30 customer split of a Santander additions file, fitting one learned model on the 70 %
// with per-epoch progress, and its MAP@7 alone (through the full pipeline, gate included) on the
// 30 % holdout, with fit time, rows/s and per-customer scoring time.
import path from 'node:path';
import { catalogProducts } from '../src/eval/catalog';
import { evaluationCases, trainingData } from '../src/eval/cases';
import { averagePrecision } from '../src/eval/metrics';
import { splitByCustomer } from '../src/eval/split';
import { readCustomerHistories } from '../src/ingest/santander/toHistory';
import { createEngine } from '../src/recommend/pipeline';
import type { LearnedRecommender, ProductInfo } from '../src/recommend/types';
import type { EpochProgress } from '../src/train/trainLoop';

export const DEFAULT_FILE = path.resolve('../shared/data/santander_may2016_additions/santander_additions_2016-05_train70.csv.gz');

export interface BenchArgs { file: string; flag(name: string, dflt: number): number; list(name: string, dflt: number[]): number[] }

export function benchArgs(argv = process.argv.slice(2)): BenchArgs {
  const at = (name: string): string | undefined => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
  return {
    file: argv.find((a, i) => !a.startsWith('--') && !(argv[i - 1] ?? '').startsWith('--')) ?? DEFAULT_FILE,
    flag: (name, dflt) => { const v = at(name); return v === undefined ? dflt : Number(v); },
    list: (name, dflt) => { const v = at(name); return v === undefined ? dflt : v === 'none' ? [] : v.split(',').map(Number); },
  };
}

/** Fit `model` on the 70 % and print its holdout MAP@7; returns the products (for model-specific extras). */
export async function holdoutBench(file: string, model: LearnedRecommender & { onEpoch?: (p: EpochProgress) => void }): Promise<ProductInfo[]> {
  const { customers } = await readCustomerHistories(file);
  const products = catalogProducts();
  const { train, test } = splitByCustomer(customers, (c) => c.profile.id, { testFraction: 0.3, seed: 42 });
  const data = trainingData(train, products);
  model.onEpoch = (p) => process.stdout.write(`epoch ${p.epoch}/${p.maxEpochs} loss ${p.loss.toFixed(4)} val MAP@7 ${p.validation?.toFixed(4) ?? '-'} (${(p.ms / 1000).toFixed(1)} s)\n`);
  const t0 = performance.now();
  await model.fit(data);
  const fitS = (performance.now() - t0) / 1000;
  const f = model.lastFit!;
  process.stdout.write(`${customers.length} customers: ${train.length} train (${data.examples.length} examples) / ${test.length} test; config ${JSON.stringify(model.config)}\n`);
  process.stdout.write(`fit ${fitS.toFixed(1)} s on ${f.backend}: ${f.rows} training rows × ${f.epochs} epochs (validation MAP@7 ${f.validationMap?.toFixed(4)}), ${Math.round(f.rowsPerSecond)} rows/s\n`);
  const engine = createEngine([{ recommender: model, weight: 1 }], { normalisation: 'max' });
  const cases = evaluationCases(test);
  let map = 0;
  const t1 = performance.now();
  for (const c of cases) map += averagePrecision(engine.recommend(c.state, products, { first: 7 }).items.map((i) => i.product.id), c.relevant, 7);
  const ms = (performance.now() - t1) / Math.max(cases.length, 1);
  process.stdout.write(`test MAP@7 ${(map / Math.max(cases.length, 1)).toFixed(4)} over ${cases.length} customers; ${ms.toFixed(3)} ms per customer (pipeline incl. gate)\n`);
  return products;
}

export function runBench(main: () => Promise<void>): void {
  main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack}\n`); process.exitCode = 1; });
}

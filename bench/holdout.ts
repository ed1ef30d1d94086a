// What the benches share: the command line (FILE, --name value flags), the seeded 70/30 customer
// split of a Santander additions file (the same as `npm run evaluate`), a throwaway SQLite database,
// and fitting one learned model on the 70 % with its MAP@7 alone (through the full pipeline, gate
// included) on the 30 % holdout, with fit time, rows/s and per-customer scoring time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { catalogProducts } from '../src/eval/catalog';
import { evaluationCases, trainingData, type EvaluationCase } from '../src/eval/cases';
import { averagePrecision } from '../src/eval/metrics';
import { splitByCustomer } from '../src/eval/split';
import { readCustomerHistories, type CustomerHistory } from '../src/ingest/santander/toHistory';
import { createEngine } from '../src/recommend/pipeline';
import type { LearnedRecommender, ProductInfo, TrainingData } from '../src/recommend/types';
import { createDb, type Db } from '../src/store/db';
import { migrate } from '../src/store/migrate';
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

export interface Holdout {
  customers: CustomerHistory[]; train: CustomerHistory[]; test: CustomerHistory[];
  products: ProductInfo[]; data: TrainingData; cases: EvaluationCase[];
}

/** Read the file and split its customers 70/30 (seed 42): training data of the 70 %, test cases of the 30 %. */
export async function loadHoldout(file: string): Promise<Holdout> {
  const { customers } = await readCustomerHistories(file);
  const products = catalogProducts();
  const { train, test } = splitByCustomer(customers, (c) => c.profile.id, { testFraction: 0.3, seed: 42 });
  return { customers, train, test, products, data: trainingData(train, products), cases: evaluationCases(test) };
}

/** MAP@7 of a ranking over the holdout cases. */
export function holdoutMap(rank: (c: EvaluationCase) => string[], cases: readonly EvaluationCase[]): number {
  return cases.reduce((sum, c) => sum + averagePrecision(rank(c), c.relevant, 7), 0) / Math.max(cases.length, 1);
}

/** Run `fn` with a migrated SQLite database in a temporary directory, removed afterwards unless `keep`. */
export async function withTempDb<T>(fn: (db: Db, dir: string) => Promise<T>, keep = false): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'finrec-bench-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  await migrate(url);
  const db = createDb(url);
  try {
    return await fn(db, dir);
  } finally {
    await db.$disconnect();
    if (keep) process.stdout.write(`kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** Fit `model` on the 70 % and print its holdout MAP@7; returns the products (for model-specific extras). */
export async function holdoutBench(file: string, model: LearnedRecommender & { onEpoch?: (p: EpochProgress) => void }): Promise<ProductInfo[]> {
  const { customers, train, test, products, data, cases } = await loadHoldout(file);
  model.onEpoch = (p) => process.stdout.write(`epoch ${p.epoch}/${p.maxEpochs} loss ${p.loss.toFixed(4)} val MAP@7 ${p.validation?.toFixed(4) ?? '-'} (${(p.ms / 1000).toFixed(1)} s)\n`);
  const t0 = performance.now();
  await model.fit(data);
  const fitS = (performance.now() - t0) / 1000;
  const f = model.lastFit!;
  process.stdout.write(`${customers.length} customers: ${train.length} train (${data.examples.length} examples) / ${test.length} test; config ${JSON.stringify(model.config)}\n`);
  process.stdout.write(`fit ${fitS.toFixed(1)} s on ${f.backend}: ${f.rows} training rows × ${f.epochs} epochs (validation MAP@7 ${f.validationMap?.toFixed(4)}), ${Math.round(f.rowsPerSecond)} rows/s\n`);
  const engine = createEngine([{ recommender: model, weight: 1 }], { normalisation: 'max' });
  const t1 = performance.now();
  const map = holdoutMap((c) => engine.recommend(c.state, products, { first: 7 }).items.map((i) => i.product.id), cases);
  const ms = (performance.now() - t1) / Math.max(cases.length, 1);
  process.stdout.write(`test MAP@7 ${map.toFixed(4)} over ${cases.length} customers; ${ms.toFixed(3)} ms per customer (pipeline incl. gate)\n`);
  return products;
}

export function runBench(main: () => Promise<void>): void {
  main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack}\n`); process.exitCode = 1; });
}

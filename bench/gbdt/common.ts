// Shared by export.ts and score.ts: the same file, split and cases as bench/neural.ts.
import path from 'node:path';
import { catalogProducts } from '../../src/eval/catalog';
import { evaluationCases, trainingData, type EvaluationCase } from '../../src/eval/cases';
import { splitByCustomer } from '../../src/eval/split';
import { readCustomerHistories, type CustomerHistory } from '../../src/ingest/santander/toHistory';
import type { CustomerState, ProductInfo, TrainingData } from '../../src/recommend/types';

export const DEFAULT_FILE = path.resolve('../shared/data/santander_may2016_additions/santander_additions_2016-05_train70.csv.gz');

export interface Loaded {
  customers: CustomerHistory[]; train: CustomerHistory[]; test: CustomerHistory[];
  products: ProductInfo[]; data: TrainingData; cases: EvaluationCase[];
}

/** Read the file and split exactly like bench/neural.ts (testFraction 0.3, seed 42). */
export async function load(file: string): Promise<Loaded> {
  const { customers } = await readCustomerHistories(file);
  const products = catalogProducts();
  const { train, test } = splitByCustomer(customers, (c) => c.profile.id, { testFraction: 0.3, seed: 42 });
  return { customers, train, test, products, data: trainingData(train, products), cases: evaluationCases(test) };
}

/** A test case's key: customer id and the moment of the state (a customer could have several cases). */
export const caseKey = (s: CustomerState): string => `${s.profile.id}|${s.asOf.toISOString()}`;

export function parseArgs(argv: string[]): { file: string; dir: string } {
  const flag = (name: string): string | undefined => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
  const dir = flag('dir');
  if (!dir) throw new Error('--dir DIR is required');
  return { file: flag('file') ?? DEFAULT_FILE, dir };
}

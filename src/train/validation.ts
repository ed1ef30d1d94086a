// What every learned model does with its validation customers: which examples it trains on and which
// it early-stops on, and the MAP@k of its probabilities on the latter.
import { averagePrecision } from '../eval/metrics';
import { foldsByCustomer, splitByCustomer } from '../eval/split';
import type { AdditionExample } from '../recommend/types';

export interface ValidationConfig { validationFraction: number; minValidation: number; seed: number }

/**
 * Examples to train on and to early-stop on: the caller's validation customers when given, else a
 * seeded share of the customers; below `minValidation` validation examples, all train (fixed epochs).
 */
export function validationSplit(
  examples: readonly AdditionExample[], validationCustomers: ReadonlySet<string> | undefined,
  cfg: ValidationConfig,
): [AdditionExample[], AdditionExample[]] {
  const split = validationCustomers
    ? { train: examples.filter((e) => !validationCustomers.has(e.state.profile.id)), test: examples.filter((e) => validationCustomers.has(e.state.profile.id)) }
    : splitByCustomer(examples, (e) => e.state.profile.id, { testFraction: cfg.validationFraction, seed: cfg.seed ^ 0x2545f491 });
  if (split.test.length >= cfg.minValidation) return [split.train, split.test];
  // Too few to early-stop on: train on all, except customers the caller keeps for tuning the blend.
  return [validationCustomers && split.train.length > 0 ? split.train : [...examples], []];
}

/**
 * Cross-fitting: `folds` (train, validation) pairs whose validation parts are disjoint customer folds
 * covering every example, so members that each early-stop on their own fold together train on all.
 */
export function crossFitSplits(examples: readonly AdditionExample[], folds: number, seed: number): [AdditionExample[], AdditionExample[]][] {
  const parts = foldsByCustomer(examples, (e) => e.state.profile.id, folds, seed ^ 0x2545f491);
  const foldOf = new Map(parts.flatMap((p, m) => p.map((e) => [e, m] as const)));
  return parts.map((val, m) => [examples.filter((e) => foldOf.get(e) !== m), val]); // input order kept
}

/** Mean AP@k over validation examples; `probabilities(e, row)` are in `products` order, 0 = not rankable. */
export function validationMap(
  examples: readonly AdditionExample[], products: readonly string[], k: number,
  probabilities: (e: AdditionExample, row: number) => ArrayLike<number>,
): number {
  let total = 0;
  examples.forEach((e, r) => {
    const probs = probabilities(e, r);
    const idx = Array.from({ length: products.length }, (_, i) => i).filter((i) => probs[i] > 0);
    const ranked = idx.sort((a, b) => probs[b] - probs[a]).slice(0, k).map((i) => products[i]);
    total += averagePrecision(ranked, e.added, k);
  });
  return examples.length > 0 ? total / examples.length : 0;
}

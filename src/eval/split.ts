// Seeded split by customer (cf. LensKit splitting/_users.py): each customer goes wholly to train or
// test. The draw for a customer comes from a small seeded PRNG (mulberry32) seeded with the split
// seed and a hash of the customer id, so it is deterministic and independent of input order.

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface SplitOptions { testFraction: number; seed: number }

export interface TrainTest<T> { train: T[]; test: T[] }

/** Each customer's fixed uniform draw in [0, 1) for a seed: the split and the folds cut the same line. */
function draw(id: string, seed: number): number {
  return mulberry32(fnv1a(id) ^ Math.imul(seed, 0x9e3779b1))();
}

export function splitByCustomer<T>(items: readonly T[], customerId: (item: T) => string, opts: SplitOptions): TrainTest<T> {
  if (!(opts.testFraction >= 0 && opts.testFraction <= 1)) throw new RangeError(`testFraction must be within 0…1, got ${opts.testFraction}`);
  const train: T[] = [];
  const test: T[] = [];
  for (const item of items) (draw(customerId(item), opts.seed) < opts.testFraction ? test : train).push(item);
  return { train, test };
}

/** `folds` disjoint groups by customer (fold m: draw in [m/folds, (m+1)/folds)); all of a customer's items share a fold. */
export function foldsByCustomer<T>(items: readonly T[], customerId: (item: T) => string, folds: number, seed: number): T[][] {
  const out: T[][] = Array.from({ length: folds }, () => []);
  for (const item of items) out[Math.min(folds - 1, Math.floor(draw(customerId(item), seed) * folds))].push(item);
  return out;
}

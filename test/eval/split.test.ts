import { describe, expect, it } from 'vitest';
import { foldsByCustomer, mulberry32, splitByCustomer } from '../../src/eval/split';

const ids = Array.from({ length: 2000 }, (_, i) => `c${i}`);

describe('seeded customer split', () => {
  it('is deterministic and independent of input order', () => {
    const a = splitByCustomer(ids, (x) => x, { testFraction: 0.3, seed: 42 });
    const b = splitByCustomer([...ids].reverse(), (x) => x, { testFraction: 0.3, seed: 42 });
    expect(new Set(b.test)).toEqual(new Set(a.test));
  });

  it('puts about the requested fraction in test, disjoint from train, covering everyone', () => {
    const { train, test } = splitByCustomer(ids, (x) => x, { testFraction: 0.3, seed: 42 });
    expect(train.length + test.length).toBe(ids.length);
    expect(test.filter((t) => train.includes(t))).toEqual([]);
    expect(test.length / ids.length).toBeGreaterThan(0.26);
    expect(test.length / ids.length).toBeLessThan(0.34);
  });

  it('another seed gives another split; fractions 0 and 1 are all-train and all-test', () => {
    const a = splitByCustomer(ids, (x) => x, { testFraction: 0.3, seed: 42 }).test;
    const b = splitByCustomer(ids, (x) => x, { testFraction: 0.3, seed: 7 }).test;
    expect(a).not.toEqual(b);
    expect(splitByCustomer(ids, (x) => x, { testFraction: 0, seed: 1 }).test).toEqual([]);
    expect(splitByCustomer(ids, (x) => x, { testFraction: 1, seed: 1 }).train).toEqual([]);
    expect(() => splitByCustomer(ids, (x) => x, { testFraction: 1.5, seed: 1 })).toThrow(RangeError);
  });

  it('mulberry32 is a deterministic stream in [0, 1)', () => {
    const r1 = mulberry32(123);
    const r2 = mulberry32(123);
    const xs = Array.from({ length: 1000 }, () => r1());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => r2()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
});

describe('foldsByCustomer (cross-fitting)', () => {
  it('cuts disjoint folds that cover every item, keep each customer whole, and agree with splitByCustomer', () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({ customer: `c${i % 1000}`, i }));
    const folds = foldsByCustomer(items, (x) => x.customer, 5, 7);
    expect(folds).toHaveLength(5);
    expect(folds.reduce((n, f) => n + f.length, 0)).toBe(items.length);
    const foldOf = new Map<string, number>();
    folds.forEach((f, m) => f.forEach((x) => {
      expect(foldOf.get(x.customer) ?? m).toBe(m);
      foldOf.set(x.customer, m);
    }));
    for (const f of folds) expect(f.length).toBeGreaterThan(450); // about 600 each
    // The first fold is exactly the test part of a 1/5 split with the same seed: one line, cut twice.
    expect(new Set(folds[0])).toEqual(new Set(splitByCustomer(items, (x) => x.customer, { testFraction: 0.2, seed: 7 }).test));
  });
});

import { describe, expect, it } from 'vitest';
import { mulberry32, splitByCustomer } from '../../src/eval/split';

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

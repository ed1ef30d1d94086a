// Precision@k: relevant items among the first k, divided by k (a list shorter than k is not excused).
export function precision(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (k <= 0) return 0;
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i += 1) if (relevant.has(ranked[i])) hits += 1;
  return hits / k;
}

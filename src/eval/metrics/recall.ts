// Recall@k: relevant items among the first k, divided by the number of relevant items (0 if none).
export function recall(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0 || k <= 0) return 0;
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i += 1) if (relevant.has(ranked[i])) hits += 1;
  return hits / relevant.size;
}

// AP@k as in the Kaggle Santander competition: Σ_{i≤k} P(i)·rel(i) / min(|relevant|, k).
// MAP@k is its mean over customers. No relevant items → 0 (such customers are left out of MAP).
export function averagePrecision(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0 || k <= 0) return 0;
  let hits = 0;
  let sum = 0;
  const n = Math.min(k, ranked.length);
  for (let i = 0; i < n; i += 1) {
    if (relevant.has(ranked[i])) {
      hits += 1;
      sum += hits / (i + 1);
    }
  }
  return sum / Math.min(relevant.size, k);
}

// nDCG@k with binary relevance: DCG = Σ_{i≤k} rel(i)/log2(i+1), divided by the ideal DCG of
// min(|relevant|, k) relevant items at the top. No relevant items → 0.
export function ndcg(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0 || k <= 0) return 0;
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i += 1) if (relevant.has(ranked[i])) dcg += 1 / Math.log2(i + 2);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i += 1) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}

// Intra-list diversity (list-level): 1 − the mean pairwise similarity of a list's items, averaged over
// lists. FinRec passes the content similarity of productVectors.ts (cosine of TF-IDF+category+risk
// +term PCA vectors, negatives clipped to 0), so two products of the same kind lower diversity.
// Lists with fewer than two items are left out.
export function diversity(lists: readonly (readonly string[])[], similarity: (a: string, b: string) => number): number {
  let total = 0;
  let n = 0;
  for (const list of lists) {
    if (list.length < 2) continue;
    let s = 0;
    let pairs = 0;
    for (let i = 0; i < list.length; i += 1) {
      for (let j = i + 1; j < list.length; j += 1) {
        s += Math.min(1, Math.max(0, similarity(list[i], list[j])));
        pairs += 1;
      }
    }
    total += 1 - s / pairs;
    n += 1;
  }
  return n > 0 ? total / n : 0;
}

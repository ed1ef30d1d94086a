// Novelty (list-level): mean self-information −log2 p(item) of the recommended items, where p(item)
// is the item's popularity (share of training customers holding it, smoothed, see itemPopularity).
// Higher = less obvious recommendations. Averaged over items of a list, then over lists.
export function novelty(lists: readonly (readonly string[])[], popularity: ReadonlyMap<string, number>): number {
  let total = 0;
  let n = 0;
  for (const list of lists) {
    if (list.length === 0) continue;
    let s = 0;
    for (const id of list) s += -Math.log2(popularity.get(id) ?? popularity.get('') ?? 1);
    total += s / list.length;
    n += 1;
  }
  return n > 0 ? total / n : 0;
}

/** p(item) = (customers holding it + 1) / (customers + 2); the key '' holds p for an unseen item. */
export function itemPopularity(holdings: Iterable<ReadonlySet<string>>, catalog: readonly string[]): Map<string, number> {
  const counts = new Map(catalog.map((id) => [id, 0]));
  let customers = 0;
  for (const held of holdings) {
    customers += 1;
    for (const id of held) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const out = new Map([...counts].map(([id, c]) => [id, (c + 1) / (customers + 2)]));
  out.set('', 1 / (customers + 2));
  return out;
}

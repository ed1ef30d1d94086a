// Catalog coverage (list-level): the share of the catalog that appears in at least one list.
export function coverage(lists: readonly (readonly string[])[], catalogSize: number): number {
  if (catalogSize <= 0) return 0;
  const seen = new Set<string>();
  for (const list of lists) for (const id of list) seen.add(id);
  return seen.size / catalogSize;
}

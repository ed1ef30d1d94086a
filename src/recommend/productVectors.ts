// Product feature vectors, the seed article's formulation: TF-IDF of the description, plus category
// (one-hot), risk level and term, reduced with PCA to a few dimensions and scaled to unit length.
// Used by the content recommender, similarProducts and the intra-list diversity metric.
import { normalise, symmetricEigen } from './linalg';
import { PRODUCT_CATEGORIES, type ProductInfo } from './types';

const STOPWORDS = new Set(('a an and are as at be by can for from has have if in into is it its may more not of on or ' +
  'our such than that the their them they this to up use used when which who will with you your').split(' '));

export function tokenise(text: string): string[] {
  return text.toLowerCase().split(/[^a-záéíóúñü]+/).filter((w) => w.length > 2 && !STOPWORDS.has(w));
}

/** Raw (unreduced) features: L2-normalised TF-IDF of the description ⊕ category one-hot ⊕ risk ⊕ term. */
function rawFeatures(products: readonly ProductInfo[]): Float64Array[] {
  const docs = products.map((p) => tokenise(p.description));
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d)) df.set(w, (df.get(w) ?? 0) + 1);
  const vocab = [...df.keys()].sort();
  const index = new Map(vocab.map((w, i) => [w, i]));
  const n = products.length;
  const extra = PRODUCT_CATEGORIES.length + 2;
  return products.map((p, r) => {
    const v = new Float64Array(vocab.length + extra);
    for (const w of docs[r]) v[index.get(w)!] += 1 / docs[r].length;
    for (const [w, i] of index) if (v[i] > 0) v[i] *= Math.log((1 + n) / (1 + df.get(w)!)) + 1;
    normalise(v.subarray(0, vocab.length));
    const base = vocab.length;
    v[base + PRODUCT_CATEGORIES.indexOf(p.category as (typeof PRODUCT_CATEGORIES)[number])] = 1;
    v[base + PRODUCT_CATEGORIES.length] = (p.riskLevel - 1) / 6;
    v[base + PRODUCT_CATEGORIES.length + 1] = p.termMonths ? Math.log1p(p.termMonths) / Math.log1p(360) : 0;
    return v;
  });
}

/** PCA (via the eigen-decomposition of the centred Gram matrix) to at most `dims` dimensions, unit length. */
export function productVectors(products: readonly ProductInfo[], dims: number): Map<string, Float64Array> {
  const x = rawFeatures(products);
  const n = x.length;
  if (n === 0) return new Map();
  const d = x[0].length;
  const mean = new Float64Array(d);
  for (const row of x) for (let j = 0; j < d; j += 1) mean[j] += row[j] / n;
  for (const row of x) for (let j = 0; j < d; j += 1) row[j] -= mean[j];
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let k = i; k < n; k += 1) {
      let s = 0;
      for (let j = 0; j < d; j += 1) s += x[i][j] * x[k][j];
      gram[i * n + k] = s;
      gram[k * n + i] = s;
    }
  }
  const { values, vectors } = symmetricEigen(gram, n);
  const kept = [...values.keys()].filter((c) => values[c] > 1e-9 * Math.max(values[0], 1e-12)).slice(0, dims);
  return new Map(products.map((p, i) => [p.id, normalise(Float64Array.from(kept, (c) => vectors[c][i] * Math.sqrt(values[c])))]));
}

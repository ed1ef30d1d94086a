// An in-memory index of L2-normalised product vectors in one contiguous Float32Array (row i =
// product ids[i]): cosine = dot product, brute force. ~5,000 × 512 scores in a few ms (bench/embeddings.ts).
import { normalise } from './vectors';

export interface ScoredId { productId: string; score: number }

export class EmbeddingIndex {
  readonly ids: readonly string[];
  readonly dimension: number;
  private readonly matrix: Float32Array;
  private readonly rows: Map<string, number>;

  /** `vectors` need not be normalised; they are copied (normalised) into the matrix. */
  constructor(entries: Iterable<readonly [string, Float32Array]>, dimension: number) {
    const list = [...entries];
    this.dimension = dimension;
    this.ids = list.map(([id]) => id);
    this.rows = new Map(this.ids.map((id, i) => [id, i]));
    this.matrix = new Float32Array(list.length * dimension);
    list.forEach(([id, v], i) => {
      if (v.length !== dimension) throw new Error(`vector of product ${id} has ${v.length} dimensions, expected ${dimension}`);
      this.matrix.set(normalise(v), i * dimension);
    });
  }

  get size(): number { return this.ids.length; }

  has(productId: string): boolean { return this.rows.has(productId); }

  /** The stored (normalised) vector of a product, a view into the matrix; undefined if not indexed. */
  vector(productId: string): Float32Array | undefined {
    const row = this.rows.get(productId);
    return row === undefined ? undefined : this.matrix.subarray(row * this.dimension, (row + 1) * this.dimension);
  }

  /** Cosine of a product and a normalised query vector; undefined if the product is not indexed. */
  similarity(productId: string, query: Float32Array): number | undefined {
    this.checkQuery(query);
    const row = this.rows.get(productId);
    return row === undefined ? undefined : this.dot(row, query);
  }

  /** Cosine of every indexed product with a normalised query, aligned with `ids`. */
  scoreAll(query: Float32Array): Float32Array {
    this.checkQuery(query);
    const out = new Float32Array(this.ids.length);
    for (let r = 0; r < out.length; r++) out[r] = this.dot(r, query);
    return out;
  }

  /** The `k` products most similar to a normalised query, best first; `accept` filters products. */
  topK(query: Float32Array, k: number, accept?: (productId: string) => boolean): ScoredId[] {
    const scores = this.scoreAll(query);
    // A sorted list of at most k (k ≤ 100): O(n) compares in the usual case where few beat the k-th.
    const best: ScoredId[] = [];
    for (let r = 0; r < scores.length; r++) {
      const s = scores[r]!;
      if (best.length === k && s <= best[k - 1]!.score) continue;
      const id = this.ids[r]!;
      if (accept && !accept(id)) continue;
      let at = best.length;
      while (at > 0 && best[at - 1]!.score < s) at--;
      best.splice(at, 0, { productId: id, score: s });
      if (best.length > k) best.pop();
    }
    return best;
  }

  private checkQuery(query: Float32Array): void {
    if (query.length !== this.dimension) throw new Error(`query vector has ${query.length} dimensions, the index ${this.dimension}`);
  }

  /** Four partial sums: independent additions the CPU can overlap (~2× a plain loop at 512-d). */
  private dot(row: number, query: Float32Array): number {
    const m = this.matrix;
    const d = this.dimension;
    const base = row * d;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let i = 0;
    for (; i + 3 < d; i += 4) {
      s0 += m[base + i]! * query[i]!;
      s1 += m[base + i + 1]! * query[i + 1]!;
      s2 += m[base + i + 2]! * query[i + 2]!;
      s3 += m[base + i + 3]! * query[i + 3]!;
    }
    for (; i < d; i++) s0 += m[base + i]! * query[i]!;
    return s0 + s1 + s2 + s3;
  }
}

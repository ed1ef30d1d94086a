// Cosine k-nearest-neighbour search over weighted sparse token vectors (features.ts), with an
// inverted index in typed arrays: a query touches only the customers sharing a token with it, so
// scoring stays in the low milliseconds for tens of thousands of customers.

export interface Neighbours { rows: Int32Array; sims: Float32Array }

export class NeighbourIndex {
  private readonly vocab = new Map<string, number>();
  private readonly start: Int32Array;
  private readonly postRows: Int32Array;
  private readonly postVals: Float32Array;
  private readonly norms: Float32Array;
  private readonly acc: Float32Array;
  private readonly touched: Int32Array;
  readonly size: number;

  private readonly idf: Float32Array;
  private readonly unknownIdf: number;

  /** `idf`: weight each token by log(1 + N/df), so that tokens most customers share count less. */
  constructor(rows: readonly ReadonlyMap<string, number>[], readonly options: { idf?: boolean } = {}) {
    this.size = rows.length;
    const counts: number[] = [];
    for (const row of rows) {
      for (const token of row.keys()) {
        let id = this.vocab.get(token);
        if (id === undefined) this.vocab.set(token, (id = counts.push(0) - 1));
        counts[id] += 1;
      }
    }
    this.start = new Int32Array(counts.length + 1);
    for (let t = 0; t < counts.length; t += 1) this.start[t + 1] = this.start[t] + counts[t];
    const fill = this.start.slice(0, counts.length);
    this.postRows = new Int32Array(this.start[counts.length]);
    this.postVals = new Float32Array(this.start[counts.length]);
    this.norms = new Float32Array(rows.length);
    this.idf = Float32Array.from(counts, (df) => (options.idf ? Math.log(1 + rows.length / df) : 1));
    this.unknownIdf = options.idf ? Math.log(1 + rows.length) : 1;
    rows.forEach((row, r) => {
      let sq = 0;
      for (const [token, raw] of row) {
        const id = this.vocab.get(token)!;
        const at = fill[id]++;
        const v = raw * this.idf[id];
        this.postRows[at] = r;
        this.postVals[at] = v;
        sq += v * v;
      }
      this.norms[r] = Math.sqrt(sq);
    });
    this.acc = new Float32Array(rows.length);
    this.touched = new Int32Array(rows.length);
  }

  /**
   * The k rows most cosine-similar to `query` (similarity > 0), most similar first; ties go to the
   * lower row, so results are deterministic. `skip` leaves rows out (e.g. the customer themself).
   */
  nearest(query: ReadonlyMap<string, number>, k: number, skip?: (row: number) => boolean): Neighbours {
    let qsq = 0;
    let postings = 0;
    const ids: number[] = [];
    const vals: number[] = [];
    for (const [token, raw] of query) {
      const id = this.vocab.get(token);
      const v = raw * (id === undefined ? this.unknownIdf : this.idf[id]);
      qsq += v * v;
      if (id === undefined) continue;
      ids.push(id);
      vals.push(v);
      postings += this.start[id + 1] - this.start[id];
    }
    // Dense queries touch most rows: skip the touched list and make one linear pass instead.
    const dense = postings > this.size / 2;
    let nTouched = 0;
    const { acc, touched, postRows, postVals } = this;
    for (let q = 0; q < ids.length; q += 1) {
      const v = vals[q];
      const end = this.start[ids[q] + 1];
      if (dense) {
        for (let i = this.start[ids[q]]; i < end; i += 1) acc[postRows[i]] += v * postVals[i];
      } else {
        for (let i = this.start[ids[q]]; i < end; i += 1) {
          const r = postRows[i];
          if (acc[r] === 0) touched[nTouched++] = r;
          acc[r] += v * postVals[i];
        }
      }
    }
    const qn = Math.sqrt(qsq);
    const best = new Int32Array(k);
    const bestSim = new Float32Array(k);
    let n = 0;
    const consider = (r: number): void => {
      if (k === 0) { acc[r] = 0; return; }
      const dot = acc[r];
      acc[r] = 0;
      if (dot <= 0 || (skip && skip(r))) return;
      const sim = Math.fround(dot / (qn * this.norms[r]));
      // Better = more similar, or as similar and a lower row (deterministic whatever the visit order).
      if (n === k && (sim < bestSim[k - 1] || (sim === bestSim[k - 1] && r > best[k - 1]))) return;
      let j = n < k ? n++ : k - 1;
      while (j > 0 && (sim > bestSim[j - 1] || (sim === bestSim[j - 1] && r < best[j - 1]))) {
        best[j] = best[j - 1];
        bestSim[j] = bestSim[j - 1];
        j -= 1;
      }
      best[j] = r;
      bestSim[j] = sim;
    };
    if (dense) {
      for (let r = 0; r < this.size; r += 1) if (acc[r] !== 0) consider(r);
    } else {
      for (let t = 0; t < nTouched; t += 1) consider(touched[t]);
    }
    return { rows: best.slice(0, n), sims: bestSim.slice(0, n) };
  }
}

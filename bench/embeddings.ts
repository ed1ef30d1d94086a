// Embedding throughput and search latency of product search:
//  1. texts/s of the local USE-lite provider on N real product texts (productEmbeddingText of the fund
//     catalog: data/funds if present, else ../shared/data; the bank's 24 products when neither is),
//     at batch sizes 1, 16 and 64;
//  2. a catalog sync into a throwaway SQLite database (24 product lines + the N funds): first run,
//     idle re-run, and ProductSearch.start / an idle refresh;
//  3. index search latency, p50/p99 over 1,000 queries on a 5,000 × 512 random index, against the
//     single-dot-product baseline (one 512-d dot product × 5,000).
//   npm run build && node dist/bench/embeddings.js [--n 256] [--index 5000] [--queries 1000]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ensureCatalog } from '../src/ingest/catalog/ensureCatalog';
import { SANTANDER_CATALOG } from '../src/ingest/catalog/santanderProducts';
import { loadFundCatalog } from '../src/ingest/funds/catalog';
import type { FundRecord } from '../src/ingest/funds/record';
import { LocalEmbeddingProvider } from '../src/llm/localEmbeddings';
import { silentLogger } from '../src/log';
import { EmbeddingIndex } from '../src/search/embeddingIndex';
import { productEmbeddingText } from '../src/search/embeddingText';
import { ProductSearch } from '../src/search/productSearch';
import { syncProductEmbeddings } from '../src/search/syncEmbeddings';
import { tfRuntime } from '../src/train/backend';
import { benchArgs, runBench, withTempDb } from './holdout';

const out = (line: string) => process.stdout.write(`${line}\n`);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function fundRecords(n: number): Promise<{ records: FundRecord[]; from: string }> {
  for (const dir of [path.resolve('data/funds'), path.resolve('../shared/data')]) {
    if (!existsSync(dir)) continue;
    const { records } = await loadFundCatalog(dir, { limit: n });
    if (records.length > 0) return { records, from: dir };
  }
  return { records: [], from: 'none' };
}

/** A seeded generator of unit vectors (mulberry32 + Box–Muller). */
function randomUnitVectors(count: number, dim: number, seed: number): Float32Array[] {
  let s = seed >>> 0;
  const rand = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  return Array.from({ length: count }, () => {
    const v = new Float32Array(dim);
    let sq = 0;
    for (let i = 0; i < dim; i++) { v[i] = Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand()); sq += v[i]! * v[i]!; }
    const norm = Math.sqrt(sq);
    for (let i = 0; i < dim; i++) v[i]! /= norm;
    return v;
  });
}

function latency(label: string, runs: number, fn: (i: number) => void): void {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) { const t0 = performance.now(); fn(i); ms.push(performance.now() - t0); }
  ms.sort((a, b) => a - b);
  out(`  ${label.padEnd(34)} p50 ${pct(ms, 50).toFixed(3)} ms  p99 ${pct(ms, 99).toFixed(3)} ms`);
}

runBench(async () => {
  const a = benchArgs();
  const n = a.flag('n', 256);

  // 1. Throughput
  const t0 = performance.now();
  const { records, from } = await fundRecords(n);
  const products = records.length > 0 ? records : Array.from({ length: n }, (_, i) => SANTANDER_CATALOG[i % SANTANDER_CATALOG.length]!);
  const texts = products.slice(0, n).map((p) => productEmbeddingText(p));
  const words = texts.reduce((s, t) => s + t.split(/\s+/).length, 0) / texts.length;
  const chars = texts.reduce((s, t) => s + t.length, 0) / texts.length;
  out(`${texts.length} product texts from ${records.length > 0 ? from : 'the bank catalog (cycled)'} (read in ${((performance.now() - t0) / 1000).toFixed(1)} s): mean ${words.toFixed(0)} words, ${chars.toFixed(0)} characters`);
  const tf = await tfRuntime();
  const provider = new LocalEmbeddingProvider();
  const t1 = performance.now();
  await provider.embed(['warm up']);
  out(`local provider ${provider.name} ${provider.version} on TensorFlow.js ${tf.backend}: loaded in ${((performance.now() - t1) / 1000).toFixed(2)} s`);
  for (const batch of a.list('batch', [1, 16, 64])) {
    const start = performance.now();
    for (let i = 0; i < texts.length; i += batch) await provider.embed(texts.slice(i, i + batch));
    const s = (performance.now() - start) / 1000;
    out(`  batch ${String(batch).padStart(3)}: ${(texts.length / s).toFixed(1)} texts/s (${s.toFixed(1)} s, ${((s * 1000 * batch) / texts.length).toFixed(0)} ms per call)`);
  }
  const queries = ['somewhere to keep my savings', 'borrow money to buy a flat', 'low cost index fund tracking the S&P 500', 'bonds paying regular income'];
  const q: number[] = [];
  for (let r = 0; r < 5; r++) for (const text of queries) { const s = performance.now(); await provider.embed([`${text} ${r}`]); q.push(performance.now() - s); }
  q.sort((x, y) => x - y);
  out(`  one short query: p50 ${pct(q, 50).toFixed(1)} ms, max ${q[q.length - 1]!.toFixed(1)} ms`);

  // 2. Catalog sync
  await withTempDb(async (db) => {
    await ensureCatalog(db);
    if (records.length > 0) await db.product.createMany({ data: records.slice(0, n) });
    const count = await db.product.count();
    const first = await syncProductEmbeddings(db, provider, { batchSize: 64 });
    out(`sync of ${count} products (SQLite, batch 64): ${first.embedded} embedded in ${(first.ms / 1000).toFixed(1)} s (${(first.embedded / (first.ms / 1000)).toFixed(1)} products/s incl. writes; provider ${(first.embedMs / 1000).toFixed(1)} s)`);
    const again = await syncProductEmbeddings(db, provider);
    out(`  idle re-sync: ${again.embedded} embedded, ${again.upToDate} up to date in ${again.ms.toFixed(0)} ms`);
    const s0 = performance.now();
    const search = await ProductSearch.start({ db, provider, log: silentLogger });
    out(`  ProductSearch.start (sync check + index load of ${search.info.indexed}): ${(performance.now() - s0).toFixed(0)} ms`);
    const idle = await search.refresh();
    out(`  idle refresh (signature unchanged): ${idle.ms.toFixed(1)} ms`);
    await db.product.update({ where: { code: 'ind_reca_fin_ult1' }, data: { description: 'Pay your taxes and social security from your account, with reminders.' } });
    const one = await search.refresh();
    out(`  refresh after one product changed: ${one.sync?.embedded} embedded, ${one.ms.toFixed(0)} ms`);
    const hits = await search.search('borrow money to buy a flat', { first: 3 });
    out(`  "borrow money to buy a flat" → ${hits.map((h) => `${h.product.name} (${h.score.toFixed(3)})`).join(', ')}`);
    await search.stop();
  });

  // 3. Index latency
  const size = a.flag('index', 5000);
  const runs = a.flag('queries', 1000);
  const dim = 512;
  const vectors = randomUnitVectors(size, dim, 42);
  const queriesV = randomUnitVectors(runs, dim, 7);
  const b0 = performance.now();
  const index = new EmbeddingIndex(vectors.map((v, i) => [`p${i}`, v] as const), dim);
  out(`index of ${size} × ${dim} random unit vectors built in ${(performance.now() - b0).toFixed(0)} ms; ${runs} queries:`);
  let sink = 0;
  latency('topK(10)', runs, (i) => { sink += index.topK(queriesV[i]!, 10)[0]!.score; });
  latency('topK(10), half filtered out', runs, (i) => { sink += index.topK(queriesV[i]!, 10, (id) => id.charCodeAt(id.length - 1) % 2 === 0)[0]!.score; });
  latency('scoreAll', runs, (i) => { sink += index.scoreAll(queriesV[i]!)[0]!; });
  const dots: number[] = [];
  for (let i = 0; i < runs; i++) {
    const x = vectors[i % size]!, y = queriesV[i]!;
    const s = performance.now();
    for (let rep = 0; rep < 100; rep++) { let d = 0; for (let k = 0; k < dim; k++) d += x[k]! * y[k]!; sink += d; }
    dots.push((performance.now() - s) / 100);
  }
  dots.sort((x, y) => x - y);
  out(`  baseline: one ${dim}-d dot product p50 ${(pct(dots, 50) * 1e6).toFixed(0)} ns → × ${size} = ${(pct(dots, 50) * size).toFixed(3)} ms`);
  if (Number.isNaN(sink)) out('');
});

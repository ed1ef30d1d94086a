// Product embeddings kept fresh in the store, with the real local model, on every test backend:
// missing ones embedded, a second run embeds nothing, a changed description re-embeds only that
// product, a new provider version re-embeds all, bad provider output writes nothing; vectors
// round-trip exactly through the Bytes column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddingProvider } from '../../src/llm/providers';
import { productEmbeddingText, textHash, truncateWords } from '../../src/search/embeddingText';
import { EmbeddingOutputError, syncProductEmbeddings } from '../../src/search/syncEmbeddings';
import { decodeVector, encodeVector, normalise } from '../../src/search/vectors';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { local, readyLocal, seedCatalog, withVersion } from './fixture';

describe('productEmbeddingText', () => {
  it('is the name, the category words and a bounded description', () => {
    const long = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    const text = productEmbeddingText({ name: 'Euro Bond Fund', category: 'FUND', subcategory: 'EUR Government Bond', issuer: 'Acme', description: long });
    expect(text.startsWith('Euro Bond Fund by Acme (investment fund, EUR Government Bond). word0 word1')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThan(500);
    expect(truncateWords('short and sweet')).toBe('short and sweet');
    expect(truncateWords('a b c d', 2)).toBe('a b…');
  });
});

describe.each(backends)('syncProductEmbeddings on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    await readyLocal();
    t = await createTestDb(backend);
    await seedCatalog(t.db);
  });
  afterAll(async () => { await t?.close(); });

  const stored = async (embedder = local.name) => new Map((await t.db.productEmbedding.findMany({ where: { embedder } })).map((r) => [r.productId, r]));

  it('embeds every active product once; a second run embeds nothing', async () => {
    const progress: [number, number][] = [];
    const first = await syncProductEmbeddings(t.db, local, { batchSize: 16, onProgress: (d, n) => progress.push([d, n]) });
    expect(first).toMatchObject({ embedded: 28, upToDate: 0 });
    expect(progress).toEqual([[0, 28], [16, 28], [28, 28]]);
    const rows = await stored();
    expect(rows.size).toBe(28);
    const mortgage = await t.db.product.findUniqueOrThrow({ where: { code: 'ind_hip_fin_ult1' } });
    expect(rows.get(mortgage.id)).toMatchObject({ version: '0.2.0', dimension: 512, textHash: textHash(productEmbeddingText(mortgage)) });

    expect(await syncProductEmbeddings(t.db, local)).toMatchObject({ embedded: 0, upToDate: 28 });
  });

  it('stores unit vectors that round-trip exactly through the Bytes column', async () => {
    const mortgage = await t.db.product.findUniqueOrThrow({ where: { code: 'ind_hip_fin_ult1' } });
    const [raw] = await local.embed([productEmbeddingText(mortgage)]);
    const expected = normalise(raw!);
    const row = await t.db.productEmbedding.findUniqueOrThrow({ where: { productId_embedder: { productId: mortgage.id, embedder: local.name } } });
    expect(row.vector.byteLength).toBe(512 * 4);
    const back = decodeVector(row.vector);
    expect(Array.from(back)).toEqual(Array.from(expected));
    let norm = 0;
    for (const x of back) norm += x * x;
    expect(norm).toBeCloseTo(1, 5);
    // Exact bits, not just close: awkward values survive the store unchanged.
    const odd = Float32Array.from([Math.PI, -0, 1e-38, -3.4e38, 1 / 3, Number.MIN_VALUE, ...new Array(506).fill(0.5)]);
    await t.db.productEmbedding.update({ where: { productId_embedder: { productId: mortgage.id, embedder: local.name } }, data: { vector: encodeVector(odd) } });
    const again = await t.db.productEmbedding.findUniqueOrThrow({ where: { productId_embedder: { productId: mortgage.id, embedder: local.name } } });
    expect(Buffer.from(again.vector).equals(Buffer.from(odd.buffer))).toBe(true);
    await t.db.productEmbedding.update({ where: { productId_embedder: { productId: mortgage.id, embedder: local.name } }, data: { vector: encodeVector(expected) } });
  });

  it('re-embeds only the product whose description changed', async () => {
    const before = await stored();
    const loan = await t.db.product.update({ where: { code: 'ind_pres_fin_ult1' }, data: { description: 'A personal loan for a new car, with fixed monthly repayments.' } });
    expect(await syncProductEmbeddings(t.db, local)).toMatchObject({ embedded: 1, upToDate: 27 });
    const after = await stored();
    for (const [id, row] of after) {
      if (id === loan.id) expect(row.textHash).not.toBe(before.get(id)!.textHash);
      else expect(row.updatedAt).toEqual(before.get(id)!.updatedAt);
    }
  });

  it('skips inactive products and re-embeds everything for a new provider version', async () => {
    await t.db.product.update({ where: { code: 'FUND-CLEAN' }, data: { active: false, description: 'Changed while inactive.' } });
    const next = withVersion(local, '0.2.0-retrained');
    expect(await syncProductEmbeddings(t.db, next, { batchSize: 64 })).toMatchObject({ embedded: 27, upToDate: 0 });
    const rows = await stored();
    const clean = await t.db.product.findUniqueOrThrow({ where: { code: 'FUND-CLEAN' } });
    expect(rows.get(clean.id)!.version).toBe('0.2.0'); // kept, not embedded while inactive
    expect([...rows.values()].filter((r) => r.version === '0.2.0-retrained')).toHaveLength(27);
    expect(await syncProductEmbeddings(t.db, next)).toMatchObject({ embedded: 0, upToDate: 27 });
  });

  it('writes nothing of a batch with an unusable vector', async () => {
    const product = await t.db.product.update({ where: { code: 'ind_ecue_fin_ult1' }, data: { description: 'An app-only account with no fees.' } });
    const broken = (corrupt: (v: Float32Array[]) => Float32Array[]): EmbeddingProvider => ({
      name: local.name, version: '0.2.0-retrained', dimension: 512, embed: async (texts) => corrupt(await local.embed(texts)),
    });
    const before = await stored();
    await expect(syncProductEmbeddings(t.db, broken((vs) => vs.map((v) => { v[3] = Number.NaN; return v; })))).rejects.toThrow(EmbeddingOutputError);
    await expect(syncProductEmbeddings(t.db, broken((vs) => vs.map((v) => v.subarray(0, 100))))).rejects.toThrow(/100 dimensions, expected 512/);
    await expect(syncProductEmbeddings(t.db, broken(() => []))).rejects.toThrow(/0 vectors for 1 texts/);
    expect((await stored()).get(product.id)).toEqual(before.get(product.id));
  });
});

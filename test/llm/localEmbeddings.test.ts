// The offline sentence encoder really loads from node_modules and gives usable 512-d vectors.
import { describe, expect, it } from 'vitest';
import { LocalEmbeddingProvider } from '../../src/llm/localEmbeddings';

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) { dot += a[i]! * b[i]!; na += a[i]! * a[i]!; nb += b[i]! * b[i]!; }
  return dot / Math.sqrt(na * nb);
}

describe('LocalEmbeddingProvider (USE lite)', () => {
  const provider = new LocalEmbeddingProvider();

  it('embeds to 512 dimensions, paraphrases closer than unrelated texts, deterministically', async () => {
    expect(provider).toMatchObject({ name: 'use-lite', version: '0.2.0', dimension: 512 });
    const texts = ['safe place to keep my savings', 'low-risk savings account', 'credit card with travel rewards'];
    const [query, paraphrase, unrelated] = await provider.embed(texts);
    for (const v of [query!, paraphrase!, unrelated!]) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(512);
    }
    expect(cosine(query!, paraphrase!)).toBeGreaterThan(cosine(query!, unrelated!));

    const [again] = await provider.embed([texts[0]!]);
    expect(Array.from(again!)).toEqual(Array.from(query!));
  }, 20_000);

  it('returns nothing for no texts and keeps order across batches', async () => {
    expect(await provider.embed([])).toEqual([]);
    const many = Array.from({ length: 70 }, (_, i) => `savings account number ${i}`);
    const vectors = await provider.embed(many);
    expect(vectors).toHaveLength(70);
    const [last] = await provider.embed([many[69]!]);
    expect(cosine(vectors[69]!, last!)).toBeCloseTo(1, 5);
  }, 20_000);
});

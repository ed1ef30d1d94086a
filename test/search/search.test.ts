// Semantic search over a small real catalog with the real local model: paraphrased needs find the
// right product (ranks asserted, never exact scores).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log';
import { ProductSearch } from '../../src/search/productSearch';
import { createTestDb, type TestDb } from '../helpers/db';
import { local, readyLocal, seedCatalog } from './fixture';

describe('ProductSearch over the bank catalog and a few funds', () => {
  let t: TestDb;
  let search: ProductSearch;
  beforeAll(async () => {
    await readyLocal();
    t = await createTestDb();
    await seedCatalog(t.db);
    search = await ProductSearch.start({ db: t.db, provider: local, log: silentLogger });
  });
  afterAll(async () => { await search?.stop(); await t?.close(); });

  const codes = async (text: string, first = 5, category?: 'FUND') => (await search.search(text, { first, category })).map((h) => h.product.code);

  it('indexes every active product', () => {
    expect(search.info).toMatchObject({ embedder: 'use-lite', indexed: 28, dimension: 512, synced: true });
  });

  it.each([
    ['somewhere to keep my savings I can withdraw any time', ['ind_ahor_fin_ult1', 'ind_cco_fin_ult1', 'ind_ecue_fin_ult1'], 3],
    ['borrow money to buy a flat', ['ind_hip_fin_ult1'], 1],
    ['put money aside for when I retire', ['ind_plan_fin_ult1'], 3],
    ['invest in solar and wind companies', ['FUND-CLEAN'], 1],
    ['pay my electricity and phone bills automatically', ['ind_recibo_ult1'], 3],
    ['a card to buy things online and spread the cost', ['ind_tjcr_fin_ult1'], 3],
  ])('"%s" → one of %j in the top %i', async (text, expected, within) => {
    const top = await codes(text, within);
    expect(top.some((c) => expected.includes(c)), `top ${within}: ${top.join(', ')}`).toBe(true);
  });

  it('filters by category and orders by score', async () => {
    const hits = await search.search('safe investment with low risk', { first: 10, category: 'FUND' });
    expect(hits.length).toBe(5); // the FUND line and the four funds
    expect(hits.every((h) => h.product.category === 'FUND')).toBe(true);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
  });

  it('scores every indexed product with a query vector, as search does', async () => {
    const q = await search.embedQuery('borrow money to buy a flat');
    expect(await search.embedQuery('  borrow money to buy a flat ')).toBe(q); // trimmed, cached
    const scores = search.scores(q);
    expect(scores.size).toBe(28);
    const [best] = await search.search('borrow money to buy a flat', { first: 1 });
    expect(scores.get(best!.product.id)).toBeCloseTo(best!.score, 6);
    expect(search.similarity(best!.product.id, q)).toBeCloseTo(best!.score, 6);
    expect(Math.max(...scores.values())).toBeCloseTo(best!.score, 6);
  });

  it('rejects blank and long texts and out-of-range first, naming the field', async () => {
    await expect(search.search('   ')).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    await expect(search.search('x'.repeat(501))).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    await expect(search.search('loan', { first: 0 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    await expect(search.search('loan', { first: 101 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('leaves deactivated products out after a refresh, and a cheap refresh changes nothing', async () => {
    const idle = await search.refresh();
    expect(idle.changed).toBe(false);
    await t.db.product.update({ where: { code: 'ind_hip_fin_ult1' }, data: { active: false } });
    const after = await search.refresh();
    expect(after).toMatchObject({ changed: true, indexed: 27, sync: { embedded: 0 } });
    expect(await codes('borrow money to buy a flat', 28)).not.toContain('ind_hip_fin_ult1');
    await t.db.product.update({ where: { code: 'ind_hip_fin_ult1' }, data: { active: true } });
    expect((await search.refresh()).sync).toMatchObject({ embedded: 0 }); // its stored vector is reused
    expect(await codes('borrow money to buy a flat', 1)).toEqual(['ind_hip_fin_ult1']);
  });

  it('shares concurrent refreshes: one run, and one queued run for every call made during it', async () => {
    await t.db.product.update({ where: { code: 'ind_reca_fin_ult1' }, data: { description: 'Pay your taxes from your account, with reminders and receipts.' } });
    const first = search.refresh();
    const second = search.refresh();
    expect(search.refresh()).toBe(second);
    const [a, b] = await Promise.all([first, second]);
    expect(a).toMatchObject({ changed: true, sync: { embedded: 1 } });
    expect(b).toMatchObject({ changed: false }); // the queued run saw nothing new
  });
});

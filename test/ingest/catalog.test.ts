import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogIds, ensureCatalog } from '../../src/ingest/catalog/ensureCatalog';
import { SANTANDER_CATALOG } from '../../src/ingest/catalog/santanderProducts';
import { backends, createTestDb, type TestDb } from '../helpers/db';

describe.each(backends)('ensureCatalog (%s)', (provider) => {
  let t: TestDb;
  beforeAll(async () => { t = await createTestDb(provider); });
  afterAll(async () => { await t?.close(); });

  it('creates the 24 Santander products once, as written in the catalog', async () => {
    expect(await ensureCatalog(t.db)).toEqual({ created: SANTANDER_CATALOG.length, existing: 0 });
    expect(await ensureCatalog(t.db)).toEqual({ created: 0, existing: SANTANDER_CATALOG.length });
    const rows = await t.db.product.findMany({ orderBy: { code: 'asc' } });
    expect(rows).toHaveLength(SANTANDER_CATALOG.length);
    const seed = SANTANDER_CATALOG.find((p) => p.code === 'ind_deco_fin_ult1')!;
    expect(rows.find((p) => p.code === seed.code)).toMatchObject({
      name: seed.name, category: seed.category, riskLevel: seed.riskLevel, termMonths: seed.termMonths ?? null,
      minAmount: seed.minAmount ?? null, minAge: null, description: seed.description, active: true, currency: 'EUR',
    });
    expect((await catalogIds(t.db)).size).toBe(SANTANDER_CATALOG.length);
  });

  it('recreates only what is missing and leaves an operator\'s edits alone', async () => {
    await t.db.product.update({ where: { code: 'ind_tjcr_fin_ult1' }, data: { name: 'Visa Classic', riskLevel: 3, active: false } });
    await t.db.product.delete({ where: { code: 'ind_hip_fin_ult1' } });
    await expect(catalogIds(t.db)).rejects.toThrow('catalog incomplete: no product with code ind_hip_fin_ult1');

    expect(await ensureCatalog(t.db)).toEqual({ created: 1, existing: SANTANDER_CATALOG.length - 1 });
    expect(await t.db.product.findUniqueOrThrow({ where: { code: 'ind_tjcr_fin_ult1' } })).toMatchObject({ name: 'Visa Classic', riskLevel: 3, active: false });
    expect(await t.db.product.findUniqueOrThrow({ where: { code: 'ind_hip_fin_ult1' } })).toMatchObject({ name: 'Mortgage', maxAge: 75 });
    expect(await t.db.product.count()).toBe(SANTANDER_CATALOG.length);
  });
});

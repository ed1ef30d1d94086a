// Importing fund catalogs into a real store (SQLite, and PostgreSQL when TEST_POSTGRES_URL is set):
// the bundled slice end to end, idempotent re-import, updates only of what changed, the bank's own
// products never touched, one transaction per batch, and first-start seeding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCatalog } from '../../src/ingest/catalog/ensureCatalog';
import { SANTANDER_CATALOG } from '../../src/ingest/catalog/santanderProducts';
import { BUNDLED_FUNDS_DIR, loadFundCatalog } from '../../src/ingest/funds/catalog';
import { importFundCatalog, importFundRecords } from '../../src/ingest/funds/import';
import type { FundRecord } from '../../src/ingest/funds/record';
import { ensureFundsSeeded } from '../../src/ingest/funds/seed';
import { backends, createTestDb, type TestDb } from '../helpers/db';

const LINES = ['ind_fond_fin_ult1', 'ind_plan_fin_ult1', 'ind_valo_fin_ult1'];

describe('the bundled fund slice', () => {
  it('is a real mix: every source, euro funds, risk levels 1–7, funds and pensions, skipped rows with reasons', async () => {
    const c = await loadFundCatalog(BUNDLED_FUNDS_DIR);
    expect(c.missing).toEqual([]);
    expect(c.records.length).toBeGreaterThanOrEqual(250);
    expect(c.records.length).toBeLessThanOrEqual(400);
    const sources = new Set(c.records.map((r) => r.source));
    expect([...sources].sort()).toEqual(['financedatabase', 'india-mf', 'yahoo-us-etf-2019', 'yahoo-us-mf-2021']);
    expect(new Set(c.records.map((r) => r.riskLevel))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    expect(new Set(c.records.map((r) => r.riskBasis))).toEqual(new Set(['volatility-3y', 'morningstar-risk', 'sebi-riskometer', 'category']));
    expect(new Set(c.records.map((r) => r.category))).toEqual(new Set(['FUND', 'PENSION']));
    expect(new Set(c.records.map((r) => r.lineCode))).toEqual(new Set(LINES));
    expect(c.records.filter((r) => r.currency === 'EUR').length).toBeGreaterThan(100);
    expect(c.records.some((r) => r.code.endsWith('.MC') && r.isin?.startsWith('ES'))).toBe(true);
    expect(new Set(c.records.map((r) => r.code)).size).toBe(c.records.length);
    expect(c.skipped).toEqual({ 'financedatabase: no summary': 3, 'financedatabase: duplicate': 4 });
    for (const r of c.records) {
      expect(r.description.length, r.code).toBeGreaterThan(20);
      expect(r.description.length, r.code).toBeLessThanOrEqual(1_500);
    }
  });

  it('stops at the limit, in the same deterministic order', async () => {
    const all = await loadFundCatalog(BUNDLED_FUNDS_DIR);
    const some = await loadFundCatalog(BUNDLED_FUNDS_DIR, { limit: 10 });
    expect(some.records).toEqual(all.records.slice(0, 10));
  });
});

describe.each(backends)('fund import (%s)', (provider) => {
  let t: TestDb;
  let total: number;
  beforeAll(async () => {
    t = await createTestDb(provider);
    await ensureCatalog(t.db);
    total = (await loadFundCatalog(BUNDLED_FUNDS_DIR)).records.length;
  });
  afterAll(async () => { await t?.close(); });

  it('imports the bundled slice in batches with progress, and leaves the bank\'s lines alone', async () => {
    const before = await t.db.product.findMany({ where: { source: 'catalog' }, orderBy: { code: 'asc' } });
    const progress: number[] = [];
    const s = await importFundCatalog(t.db, BUNDLED_FUNDS_DIR, { batchSize: 100, onProgress: (done) => progress.push(done) });
    expect(s).toMatchObject({ created: total, updated: 0, unchanged: 0 });
    expect(progress).toEqual([100, 200, 300, total].filter((n, i, a) => n <= total && a.indexOf(n) === i));
    expect(Object.values(s.bySource).reduce((a, b) => a + b, 0)).toBe(total);
    expect(Object.keys(s.byRiskLevel).sort()).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(await t.db.product.count()).toBe(SANTANDER_CATALOG.length + total);
    expect(await t.db.product.findMany({ where: { source: 'catalog' }, orderBy: { code: 'asc' } })).toEqual(before);
    const spy = await t.db.product.findUnique({ where: { code: 'fund:us-etf:SPY' } });
    expect(spy).toMatchObject({ category: 'FUND', lineCode: 'ind_valo_fin_ult1', managementFeePercent: 0.09, currency: 'USD', active: true });
    expect(await t.db.product.count({ where: { lineCode: { notIn: LINES } } })).toBe(0);
    expect(await t.db.product.count({ where: { lineCode: null } })).toBe(SANTANDER_CATALOG.length);
  });

  it('a second run creates and updates nothing, and leaves updatedAt alone', async () => {
    const stamps = await t.db.product.findMany({ select: { code: true, updatedAt: true }, orderBy: { code: 'asc' } });
    const s = await importFundCatalog(t.db, BUNDLED_FUNDS_DIR);
    expect(s).toMatchObject({ created: 0, updated: 0, unchanged: total });
    expect(await t.db.product.findMany({ select: { code: true, updatedAt: true }, orderBy: { code: 'asc' } })).toEqual(stamps);
  });

  it('updates only the products whose imported fields changed', async () => {
    const spy = (await loadFundCatalog(BUNDLED_FUNDS_DIR)).records.find((r) => r.code === 'fund:us-etf:SPY')!;
    await t.db.product.update({ where: { code: spy.code }, data: { name: 'edited', riskLevel: spy.riskLevel === 7 ? 1 : 7 } });
    const s = await importFundCatalog(t.db, BUNDLED_FUNDS_DIR);
    expect(s).toMatchObject({ created: 0, updated: 1, unchanged: total - 1 });
    expect(await t.db.product.findUnique({ where: { code: spy.code } })).toMatchObject({ name: 'SPDR S&P 500 ETF', riskLevel: spy.riskLevel });
  });

  it('never touches a product of another source under a fund\'s code', async () => {
    const code = 'fund:in:aditya-birla-sl-arbitrage-fund';
    const mine = await t.db.product.update({ where: { code }, data: { source: 'api', name: 'Operator copy' } });
    const s = await importFundCatalog(t.db, BUNDLED_FUNDS_DIR);
    expect(s.skipped['india-mf: code taken by a "api" product']).toBe(1);
    expect(s.unchanged).toBe(total - 1);
    expect(await t.db.product.findUnique({ where: { code } })).toEqual(mine);
  });

  it('writes each batch in one transaction: a failing write leaves nothing of its batch', async () => {
    const [a, b, c] = (await loadFundCatalog(BUNDLED_FUNDS_DIR, { limit: 3 })).records;
    const fresh = (code: string, r: FundRecord): FundRecord => ({ ...r, code });
    const records = [
      fresh('fund:test:one', a), fresh('fund:test:two', b), fresh('fund:test:three', c), // batch 1: commits
      { ...a, description: 'changed in the failing batch' }, // batch 2: an update of a stored fund…
      fresh('fund:test:four', b), fresh('fund:test:four', c), // …then a create that violates the unique code
    ];
    await expect(importFundRecords(t.db, records, { batchSize: 3 })).rejects.toThrow();
    expect(await t.db.product.count({ where: { code: { in: ['fund:test:one', 'fund:test:two', 'fund:test:three'] } } })).toBe(3);
    expect(await t.db.product.count({ where: { code: 'fund:test:four' } })).toBe(0);
    expect((await t.db.product.findUnique({ where: { code: a.code } }))?.description).toBe(a.description);
  });
});

describe('first-start fund seeding', () => {
  let t: TestDb;
  beforeAll(async () => { t = await createTestDb('sqlite'); });
  afterAll(async () => { await t?.close(); });

  it('imports the bundled slice when there are no imported funds, and only then', async () => {
    const messages: string[] = [];
    const log = { info: (_o: unknown, msg?: string) => { messages.push(msg ?? ''); } };
    expect(await ensureFundsSeeded(t.db, log)).toBe(true);
    const count = await t.db.product.count();
    expect(count).toBeGreaterThanOrEqual(250);
    expect(messages).toEqual(['seed: imported the bundled fund catalog slice']);
    expect(await ensureFundsSeeded(t.db, log)).toBe(false);
    expect(await t.db.product.count()).toBe(count);
    expect(messages).toHaveLength(1);
  });
});

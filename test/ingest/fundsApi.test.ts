// The fund fields over GraphQL: Product exposes lineCode, subcategory, issuer, isin, riskBasis and
// source; upsertProduct accepts lineCode, subcategory, issuer and isin, and refuses a lineCode that
// is not an existing product line (BAD_USER_INPUT, field lineCode) with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_FUNDS_DIR, loadFundCatalog } from '../../src/ingest/funds/catalog';
import { importFundCatalog } from '../../src/ingest/funds/import';
import type { FundRecord } from '../../src/ingest/funds/record';
import { startApi, type Api } from '../helpers/api';
import { createTestDb, type TestDb } from '../helpers/db';
import { seedSmallBank } from '../helpers/smallBank';

const FIELDS = 'code name category riskLevel lineCode subcategory issuer isin riskBasis source';
const UPSERT = `mutation($i: UpsertProductInput!) { upsertProduct(input: $i) { ${FIELDS} } }`;

describe('fund fields over GraphQL', () => {
  let t: TestDb;
  let api: Api;
  let etf: FundRecord;
  beforeAll(async () => {
    t = await createTestDb('sqlite');
    await seedSmallBank(t.db);
    // A few funds only: the server embeds every product for search when it starts.
    await importFundCatalog(t.db, BUNDLED_FUNDS_DIR, { limit: 3 });
    etf = (await loadFundCatalog(BUNDLED_FUNDS_DIR, { limit: 1 })).records[0];
    api = await startApi(t.db);
  });
  afterAll(async () => {
    await api?.stop();
    await t?.close();
  });

  it('an imported fund (its code has ":") can be corrected and withdrawn through the API, keeping its source; a re-import does not bring it back', async () => {
    const res = await api.gql(UPSERT, { i: { code: etf.code, riskLevel: 7, active: false } });
    expect(res.errors).toBeUndefined();
    expect(res.data.upsertProduct).toMatchObject({ code: etf.code, riskLevel: 7, source: 'yahoo-us-etf-2019' });
    const found = await api.gql(`query($t: String!) { searchProducts(text: $t, first: 20) { product { code } } }`, { t: etf.name });
    expect(found.data.searchProducts.map((m: { product: { code: string } }) => m.product.code)).not.toContain(etf.code);
    await importFundCatalog(t.db, BUNDLED_FUNDS_DIR, { limit: 3 });
    expect((await t.db.product.findUniqueOrThrow({ where: { code: etf.code } })).active).toBe(false);
  });

  it('shows imported funds and the bank\'s lines with their line, issuer and how the risk was set', async () => {
    const id = async (code: string) => (await t.db.product.findUniqueOrThrow({ where: { code } })).id;
    const res = await api.gql(`query($a: ID!, $b: ID!) { a: product(id: $a) { ${FIELDS} } b: product(id: $b) { ${FIELDS} } }`,
      { a: await id(etf.code), b: await id('ind_fond_fin_ult1') });
    expect(res.errors).toBeUndefined();
    expect(res.data.a).toEqual({
      code: etf.code, name: etf.name, category: etf.category, riskLevel: etf.riskLevel, lineCode: 'ind_valo_fin_ult1', subcategory: etf.subcategory,
      issuer: etf.issuer, isin: etf.isin, riskBasis: etf.riskBasis, source: 'yahoo-us-etf-2019',
    });
    expect(res.data.b).toMatchObject({ lineCode: null, subcategory: null, riskBasis: 'catalog', source: 'catalog' });
  });

  it('creates an instrument within a line, and makes it a line again with lineCode null', async () => {
    const input = {
      code: 'SAN-RF-CP', name: 'Santander Renta Fija Corto Plazo', category: 'FUND', riskLevel: 2, description: 'A short-term euro bond fund.',
      lineCode: 'ind_fond_fin_ult1', subcategory: 'Short-Term Bond', issuer: 'Santander Asset Management', isin: 'ES0138783032',
    };
    const created = await api.gql(UPSERT, { i: input });
    expect(created.errors).toBeUndefined();
    expect(created.data.upsertProduct).toEqual({ ...input, description: undefined, riskBasis: 'catalog', source: 'api' });
    const cleared = await api.gql(UPSERT, { i: { code: 'SAN-RF-CP', lineCode: null } });
    expect(cleared.data.upsertProduct).toMatchObject({ lineCode: null, issuer: 'Santander Asset Management', source: 'api' });
  });

  it('refuses a lineCode that is not an existing product line, naming the field, and writes nothing', async () => {
    const base = { code: 'NEW-1', name: 'New', category: 'FUND', riskLevel: 3, description: 'd' };
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...base, lineCode: 'ind_nothing_ult1' }, 'lineCode', /not the code of an existing product line/],
      [{ ...base, lineCode: 'SAN-RF-CP-2' }, 'lineCode', /is an instrument of the line "ind_fond_fin_ult1"/],
      [{ ...base, code: 'NEW-1', lineCode: 'NEW-1' }, 'lineCode', /its own product line/],
      [{ code: 'ind_fond_fin_ult1', lineCode: 'ind_valo_fin_ult1' }, 'lineCode', /product line of other products/],
      [{ ...base, isin: 'ES01' }, 'isin', /isin must be 12 characters/],
      [{ ...base, issuer: '  ' }, 'issuer', /blank/],
    ];
    const instrument = { ...base, code: 'SAN-RF-CP-2', lineCode: 'ind_fond_fin_ult1' };
    expect((await api.gql(UPSERT, { i: instrument })).errors).toBeUndefined();
    const before = await t.db.product.count();
    for (const [input, field, message] of cases) {
      const res = await api.gql(UPSERT, { i: input });
      expect(res.errors?.[0].extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(res.errors?.[0].message).toMatch(message);
    }
    expect(await t.db.product.count()).toBe(before);
    expect((await t.db.product.findUnique({ where: { code: 'ind_fond_fin_ult1' } }))?.lineCode).toBeNull();
  });
});

import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANTANDER_CATALOG } from '../../src/ingest/catalog/santanderProducts';
import { importSantander, StrictImportError } from '../../src/ingest/santander/import';
import { monthsBefore, REQUIRED_COLUMNS } from '../../src/ingest/santander/format';
import { IMPORT_SOURCE } from '../../src/ingest/santander/writeBatch';
import type { Db } from '../../src/store/db';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { expectedCounts, fieldOf, idOf, sampleLines, writeFixture, writeTemp, type Fixture } from './santanderFixture';

async function storeCounts(db: Db) {
  const [customers, holds, purchases, products] = await Promise.all([
    db.customer.count(),
    db.interaction.count({ where: { kind: 'HOLD', source: IMPORT_SOURCE } }),
    db.interaction.count({ where: { kind: 'PURCHASE', source: IMPORT_SOURCE } }),
    db.product.count(),
  ]);
  return { customers, holds, purchases, products };
}

describe.each(backends)('Santander import (%s)', (provider) => {
  let t: TestDb;
  let fx: Fixture;
  beforeAll(async () => {
    t = await createTestDb(provider);
    fx = writeFixture();
  });
  afterAll(async () => {
    await t?.close();
    rmSync(fx.dir, { recursive: true, force: true });
  });

  it('imports the good rows, reports each malformed row by line number, field and reason', async () => {
    const want = expectedCounts(fx.good);
    const progress: number[] = [];
    // Small batches, so that the customer whose rows are apart lands in two different batches.
    const s = await importSantander(t.db, fx.file, { batchSize: 4, onProgress: (done) => progress.push(done) });

    expect(s.rows).toBe(fx.good.length + fx.bad.length);
    expect(s.imported).toBe(fx.good.length);
    expect(s.skipped).toBe(fx.bad.length);
    expect(s.errors.map((e) => [e.line, e.field])).toEqual(fx.bad.map((b) => [b.line, b.field]));
    s.errors.forEach((e, i) => expect(e.message).toMatch(fx.bad[i].reason));
    expect(s.customersCreated).toBe(want.customers);
    expect(s.customersUpdated).toBe(0);
    expect(s.interactionsCreated).toBe(want.interactions);
    expect(progress.at(-1)).toBe(s.rows);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    expect(await storeCounts(t.db)).toEqual({ customers: want.customers, holds: want.holds, purchases: want.purchases, products: SANTANDER_CATALOG.length });
    // Malformed rows wrote nothing: their customers appear nowhere else in the file.
    const badIds = fx.bad.map((b) => b.customer);
    expect(await t.db.customer.count({ where: { id: { in: badIds } } })).toBe(0);
  });

  it('stores the profile, protected attributes, dated HOLD snapshots and the PURCHASE of each row', async () => {
    const rows = fx.good.filter((l) => idOf(l) === fx.splitCustomer);
    const line = rows[0];
    const c = await t.db.customer.findUniqueOrThrow({ where: { id: fx.splitCustomer } });
    expect(c.age).toBe(Number(fieldOf(line, 'age')));
    expect(c.seniorityMonths).toBe(Number(fieldOf(line, 'antiguedad')));
    expect(c.segment).toBe(fieldOf(line, 'segmento') || null);
    expect(c.sex).toBe(fieldOf(line, 'sexo'));
    expect(c.residenceCountry).toBe(fieldOf(line, 'pais_residencia'));
    expect(c.foreignBorn).toBe(fieldOf(line, 'indext') === 'S');
    expect(c.joinedAt?.toISOString().slice(0, 10)).toBe(fieldOf(line, 'fecha_alta'));
    expect(c.riskTolerance).toBeNull();

    const snapshot = new Date(`${fieldOf(line, 'fecha_dato')}T00:00:00Z`);
    const purchases = await t.db.interaction.findMany({ where: { customerId: c.id, kind: 'PURCHASE' }, include: { product: true } });
    expect(purchases.map((p) => p.product.code).sort()).toEqual(rows.map((l) => fieldOf(l, 'added_products')).sort());
    expect(purchases.every((p) => p.occurredAt.getTime() === snapshot.getTime())).toBe(true);

    const holds = await t.db.interaction.findMany({ where: { customerId: c.id, kind: 'HOLD' }, include: { product: true } });
    const held = (k: number) => holds.filter((h) => h.occurredAt.getTime() === monthsBefore(snapshot, k).getTime()).map((h) => h.product.code).sort();
    for (const k of [1, 2, 3, 4, 5]) {
      const expected = SANTANDER_CATALOG.map((p) => p.code).filter((code) => fieldOf(line, `${code}_Tminus${k}`) === '1').sort();
      expect(held(k)).toEqual(expected);
    }
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await storeCounts(t.db);
    const s = await importSantander(t.db, fx.file, { batchSize: 7 });
    expect(s).toMatchObject({ imported: fx.good.length, skipped: fx.bad.length, customersCreated: 0, customersUpdated: 0, interactionsCreated: 0 });
    expect(await storeCounts(t.db)).toEqual(before);
  });

  it('keeps the financial profile on re-import and restores file fields an earlier write changed', async () => {
    const id = fx.splitCustomer;
    await t.db.customer.update({ where: { id }, data: { riskTolerance: 5, investmentHorizonMonths: 60, liquidityNeed: 'LOW', age: 1 } });
    const s = await importSantander(t.db, fx.file);
    expect(s.customersUpdated).toBe(1);
    expect(s.interactionsCreated).toBe(0);
    const c = await t.db.customer.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({ riskTolerance: 5, investmentHorizonMonths: 60, liquidityNeed: 'LOW' });
    expect(c.age).toBe(Number(fieldOf(fx.good.find((l) => idOf(l) === id)!, 'age')));
  });

  it('a row that was skipped is imported once fixed, without duplicating anything else', async () => {
    const before = await storeCounts(t.db);
    const fixedLine = sampleLines().lines.find((l) => idOf(l) === fx.bad[0].customer)!;
    const { header } = sampleLines();
    const file = writeTemp('fixed.csv', `${header}\n${fx.good[0]}\n${fixedLine}\n`);
    const s = await importSantander(t.db, file);
    const want = expectedCounts([fixedLine]);
    expect(s).toMatchObject({ rows: 2, skipped: 0, customersCreated: 1, interactionsCreated: want.interactions });
    expect((await storeCounts(t.db)).customers).toBe(before.customers + 1);
  });
});

describe.each(backends)('Santander import refusals (%s)', (provider) => {
  let t: TestDb;
  beforeAll(async () => { t = await createTestDb(provider); });
  afterAll(async () => { await t?.close(); });

  it('strict mode fails on the first bad rows and writes nothing', async () => {
    const fx = writeFixture();
    const err = await importSantander(t.db, fx.file, { strict: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StrictImportError);
    const strict = err as StrictImportError;
    expect(strict.badRows).toBe(fx.bad.length);
    expect(strict.errors.map((e) => e.line)).toEqual(fx.bad.map((b) => b.line));
    expect(strict.message).toContain(`line ${fx.bad[0].line}: age:`);
    expect(await storeCounts(t.db)).toEqual({ customers: 0, holds: 0, purchases: 0, products: 0 });
    rmSync(fx.dir, { recursive: true, force: true });
  });

  it('a file of another format fails fast with a clear message and writes nothing', async () => {
    const file = writeTemp('other.csv', 'customer_id,age,product\n1,40,card\n');
    await expect(importSantander(t.db, file)).rejects.toThrow(`not a Santander additions file: missing ${REQUIRED_COLUMNS.length} column(s): ncodpers, fecha_dato,`);
    const empty = writeTemp('empty.csv', '');
    await expect(importSantander(t.db, empty)).rejects.toThrow(/not a Santander additions file: the file is empty/);
    await expect(importSantander(t.db, `${empty}.absent`)).rejects.toThrow(/ENOENT/);
    expect(await storeCounts(t.db)).toEqual({ customers: 0, holds: 0, purchases: 0, products: 0 });
  });

  it('strict mode imports a clean file', async () => {
    const { header, lines } = sampleLines();
    const good = lines.slice(0, 30);
    const s = await importSantander(t.db, writeTemp('clean.csv', `${header}\n${good.join('\n')}\n`), { strict: true });
    const want = expectedCounts(good);
    expect(s).toMatchObject({ rows: 30, skipped: 0, customersCreated: want.customers, interactionsCreated: want.interactions });
  });
});

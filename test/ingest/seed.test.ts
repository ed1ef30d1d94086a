import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANTANDER_CATALOG } from '../../src/ingest/catalog/santanderProducts';
import { ensureSeeded, SAMPLE_FILE } from '../../src/ingest/seed';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { expectedCounts, sampleLines, writeTemp } from './santanderFixture';

/** Collects what ensureSeeded logs, through the same info(obj, msg) call pino takes. */
function recordingLog() {
  const messages: string[] = [];
  return { messages, info: (_obj: unknown, msg?: string) => { messages.push(msg ?? ''); } };
}

describe.each(backends)('ensureSeeded (%s)', (provider) => {
  let t: TestDb;
  beforeAll(async () => { t = await createTestDb(provider); });
  afterAll(async () => { await t?.close(); });

  it('imports the bundled sample into an empty database, with progress in the log', async () => {
    // The whole bundled file on SQLite (the default start-up path); on PostgreSQL, whose import is
    // covered by import.test.ts, a real 400-row slice of it keeps this file fast.
    const { header, lines } = sampleLines();
    const slice = provider === 'sqlite' ? lines : lines.slice(0, 400);
    const file = provider === 'sqlite' ? undefined : writeTemp('seed.csv', `${header}\n${slice.join('\n')}\n`);
    const log = recordingLog();
    expect(await ensureSeeded(t.db, log, { file })).toBe(true);
    const want = expectedCounts(slice);
    expect(await t.db.customer.count()).toBe(want.customers);
    expect(await t.db.interaction.count({ where: { kind: 'HOLD' } })).toBe(want.holds);
    expect(await t.db.interaction.count({ where: { kind: 'PURCHASE' } })).toBe(want.purchases);
    expect(await t.db.product.count()).toBe(SANTANDER_CATALOG.length);
    expect(log.messages[0]).toMatch(/^catalog: created/);
    expect(log.messages.some((m) => m.startsWith('seed: empty database'))).toBe(true);
    expect(log.messages.at(-1)).toBe('seed: done');
    expect(SAMPLE_FILE).toMatch(/data[/\\]santander_sample\.csv\.gz$/);
  }, 60_000);

  it('does not import again once there are customers, but still restores a missing catalog product', async () => {
    await t.db.product.delete({ where: { code: 'ind_aval_fin_ult1' } }); // cascades to its interactions, if any
    const customers = await t.db.customer.count();
    const interactions = await t.db.interaction.count();

    const log = recordingLog();
    expect(await ensureSeeded(t.db, log)).toBe(false);
    expect(await t.db.customer.count()).toBe(customers);
    expect(await t.db.interaction.count()).toBe(interactions);
    expect(await t.db.product.count()).toBe(SANTANDER_CATALOG.length);
    expect(log.messages).toEqual(['catalog: created missing products']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { ScoringService } from '../../src/recommend/service';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { fitForTests } from '../helpers/engine';
import { customerId, seedSmallBank, type SmallBank } from '../helpers/smallBank';

const config = loadConfig({ NODE_ENV: 'test', REFIT_INTERVAL_SECONDS: '0', CACHE_TTL_SECONDS: '60' });

describe.each(backends)('scoring service (%s)', (provider) => {
  let t: TestDb;
  let bank: SmallBank;
  let now = 1_000_000;
  let service: ScoringService;

  beforeAll(async () => {
    t = await createTestDb(provider);
    bank = await seedSmallBank(t.db);
    service = await ScoringService.start({ db: t.db, config, log: silentLogger, fit: fitForTests, now: () => now });
  });
  afterAll(async () => {
    await service?.stop();
    await t?.close();
  });

  it('logs every served list with its items, reasons, recommender, config digest and request', async () => {
    const { list, cached } = await service.recommendations(customerId(1), { first: 5 });
    expect(cached).toBe(false);
    expect(list.items.length).toBe(5);
    const row = await t.db.recommendationList.findUniqueOrThrow({ where: { id: list.id }, include: { items: { orderBy: { rank: 'asc' } } } });
    expect(row.customerId).toBe(customerId(1));
    expect(row.recommender).toBe(list.recommender);
    expect(row.configHash).toBe(list.configHash);
    expect(JSON.parse(row.request)).toEqual({ first: 5, category: null });
    expect(row.items.map((i) => [i.rank, i.productId, i.score])).toEqual(list.items.map((i) => [i.rank, i.productId, i.score]));
    expect(JSON.parse(row.items[0].reasons)).toEqual(list.items[0].reasons);
    expect(list.items[0].reasons.length).toBeGreaterThan(0);
  });

  it('a cached serve of the same variant returns the list already logged; other variants are sliced from the cache and logged', async () => {
    const c = customerId(2);
    const first = await service.recommendations(c, { first: 7 });
    const again = await service.recommendations(c, { first: 7 });
    expect(again.cached).toBe(true);
    expect(again.list.id).toBe(first.list.id);
    const shorter = await service.recommendations(c, { first: 3 });
    expect(shorter.cached).toBe(true);
    expect(shorter.list.id).not.toBe(first.list.id);
    expect(shorter.list.items).toEqual(first.list.items.slice(0, 3));
    const accounts = await service.recommendations(c, { first: 7, category: 'ACCOUNT' });
    expect(accounts.cached).toBe(true);
    const categories = await t.db.product.findMany({ where: { id: { in: accounts.list.items.map((i) => i.productId) } }, select: { category: true } });
    expect(new Set(categories.map((p) => p.category))).toEqual(new Set(['ACCOUNT']));
    expect(accounts.list.items.map((i) => i.rank)).toEqual(accounts.list.items.map((_, k) => k + 1));
    expect(await t.db.recommendationList.count({ where: { customerId: c } })).toBe(3);
  });

  it('concurrent first requests compute once and log one list', async () => {
    const c = customerId(3);
    const [a, b] = await Promise.all([service.recommendations(c, { first: 4 }), service.recommendations(c, { first: 4 })]);
    expect(a.list.id).toBe(b.list.id);
    expect(await t.db.recommendationList.count({ where: { customerId: c } })).toBe(1);
  });

  it('an expired entry is recomputed (TTL)', async () => {
    const c = customerId(4);
    await service.recommendations(c, { first: 3 });
    expect((await service.recommendations(c, { first: 3 })).cached).toBe(true);
    now += 60_000;
    expect((await service.recommendations(c, { first: 3 })).cached).toBe(false);
  });

  it('invalidates a customer on an interaction, feedback and a profile change — and only that customer', async () => {
    const c = customerId(5);
    const other = customerId(6);
    const product = bank.productIds.get('ind_ctju_fin_ult1')!;
    const warm = async () => { await service.recommendations(c, {}); await service.recommendations(other, {}); };

    await warm();
    await service.recordInteraction({ userId: c, productId: product, kind: 'VIEW' });
    expect((await service.recommendations(c, {})).cached).toBe(false);
    expect((await service.recommendations(other, {})).cached).toBe(true);

    await warm();
    await service.submitFeedback({ userId: c, productId: product, kind: 'CLICK' });
    expect((await service.recommendations(c, {})).cached).toBe(false);

    await warm();
    await service.upsertUser({ id: c, riskTolerance: 7 });
    expect((await service.recommendations(c, {})).cached).toBe(false);
    expect((await service.recommendations(other, {})).cached).toBe(true);
  });

  it('a product change clears every customer', async () => {
    await service.recommendations(customerId(7), {});
    await service.recommendations(customerId(8), {});
    await service.upsertProduct({ code: 'ind_reca_fin_ult1', description: 'Pay your taxes from your account, on time, at no cost.' });
    expect((await service.recommendations(customerId(7), {})).cached).toBe(false);
    expect((await service.recommendations(customerId(8), {})).cached).toBe(false);
  });

  it.each(['DISMISS', 'PURCHASE'] as const)('a %s through submitFeedback is reflected in the very next call', async (kind) => {
    const c = customerId(kind === 'DISMISS' ? 9 : 10);
    const before = await service.recommendations(c, { first: 3 });
    const top = before.list.items[0].productId;
    await service.submitFeedback({ userId: c, productId: top, kind, recommendationListId: before.list.id });
    const after = await service.recommendations(c, { first: 3 });
    expect(after.cached).toBe(false);
    expect(after.list.items.map((i) => i.productId)).not.toContain(top);
    const full = await service.recommendations(c, { first: 100 });
    expect(full.list.items.map((i) => i.productId)).not.toContain(top);
  });

  it('refits in the background without blocking requests, then swaps the engine and clears the cache', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let fits = 0;
    const slow = await ScoringService.start({
      db: t.db, config, log: silentLogger, now: () => now,
      fit: async (data) => { if (fits++ > 0) await gate; return fitForTests(data); },
    });
    try {
      const c = customerId(11);
      await slow.recommendations(c, {});
      const refit = slow.refit();
      const during = await slow.recommendations(c, {}); // answered while the refit waits
      expect(during.cached).toBe(true);
      release();
      await refit;
      expect(fits).toBe(2);
      expect((await slow.recommendations(c, {})).cached).toBe(false);
    } finally {
      await slow.stop();
    }
  });

  it('answers unknown customers and products with NOT_FOUND on the field', async () => {
    await expect(service.recommendations('nobody', {})).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
    await expect(service.similarProducts('nothing', 3)).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'productId' });
    await expect(service.recommendations(customerId(1), { first: 0 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

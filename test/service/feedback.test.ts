import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { ScoringService } from '../../src/recommend/service';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { fitForTests } from '../helpers/engine';
import { customerId, seedSmallBank, type SmallBank } from '../helpers/smallBank';

const config = loadConfig({ NODE_ENV: 'test', REFIT_INTERVAL_SECONDS: '0' });

describe.each(backends)('writes through the scoring service (%s)', (provider) => {
  let t: TestDb;
  let bank: SmallBank;
  let service: ScoringService;
  const counts = async () => ({
    feedback: await t.db.feedback.count(),
    interactions: await t.db.interaction.count(),
    customers: await t.db.customer.count(),
    products: await t.db.product.count(),
  });

  beforeAll(async () => {
    t = await createTestDb(provider);
    bank = await seedSmallBank(t.db);
    service = await ScoringService.start({ db: t.db, config, log: silentLogger, fit: fitForTests });
  });
  afterAll(async () => {
    await service?.stop();
    await t?.close();
  });

  it('stores feedback and the matching interaction (source "feedback") together', async () => {
    const product = bank.productIds.get('ind_plan_fin_ult1')!;
    const { feedback, replayed } = await service.submitFeedback({ userId: customerId(12), productId: product, kind: 'RATING', value: 4 });
    expect(replayed).toBe(false);
    expect(feedback).toMatchObject({ customerId: customerId(12), productId: product, kind: 'RATING', value: 4 });
    const interaction = await t.db.interaction.findFirstOrThrow({ where: { customerId: customerId(12), source: 'feedback' } });
    expect(interaction).toMatchObject({ productId: product, kind: 'RATING', value: 4 });
  });

  it('the same idempotency key twice is one feedback; the second call writes nothing', async () => {
    const input = { userId: customerId(13), productId: bank.productIds.get('ind_deco_fin_ult1')!, kind: 'CLICK' as const, idempotencyKey: 'k-seq' };
    const first = await service.submitFeedback(input);
    const before = await counts();
    const second = await service.submitFeedback(input);
    expect(second.replayed).toBe(true);
    expect(second.feedback.id).toBe(first.feedback.id);
    expect(await counts()).toEqual(before);
  });

  it('concurrent calls with the same key store one feedback and one interaction', async () => {
    const input = { userId: customerId(14), productId: bank.productIds.get('ind_deme_fin_ult1')!, kind: 'PURCHASE' as const, idempotencyKey: 'k-race' };
    const results = await Promise.all(Array.from({ length: 6 }, () => service.submitFeedback(input)));
    expect(new Set(results.map((r) => r.feedback.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed).length).toBe(1);
    expect(await t.db.feedback.count({ where: { idempotencyKey: 'k-race' } })).toBe(1);
    expect(await t.db.interaction.count({ where: { customerId: customerId(14), source: 'feedback' } })).toBe(1);
  });

  it('the same key with a different content is refused', async () => {
    const base = { userId: customerId(15), productId: bank.productIds.get('ind_deme_fin_ult1')!, kind: 'CLICK' as const, idempotencyKey: 'k-conflict' };
    await service.submitFeedback(base);
    const before = await counts();
    await expect(service.submitFeedback({ ...base, kind: 'DISMISS' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(await counts()).toEqual(before);
  });

  it('rejects invalid feedback before writing anything', async () => {
    const c = customerId(16);
    const product = bank.productIds.get('ind_fond_fin_ult1')!;
    const served = await service.recommendations(customerId(17), { first: 3 });
    const before = await counts();
    await expect(service.submitFeedback({ userId: 'nobody', productId: product, kind: 'CLICK' })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
    await expect(service.submitFeedback({ userId: c, productId: 'nothing', kind: 'CLICK' })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'productId' });
    await expect(service.submitFeedback({ userId: c, productId: product, kind: 'RATING', value: 6 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
    await expect(service.submitFeedback({ userId: c, productId: product, kind: 'RATING' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
    await expect(service.submitFeedback({ userId: c, productId: product, kind: 'CLICK', recommendationListId: 'no-list' }))
      .rejects.toMatchObject({ code: 'NOT_FOUND', field: 'recommendationListId' });
    await expect(service.submitFeedback({ userId: c, productId: served.list.items[0].productId, kind: 'CLICK', recommendationListId: served.list.id }))
      .rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'recommendationListId' });
    expect(await counts()).toEqual(before);
  });

  it('feedback on a product outside the answered list is refused', async () => {
    const c = customerId(18);
    const served = await service.recommendations(c, { first: 1 });
    const notServed = [...bank.productIds.values()].find((p) => p !== served.list.items[0].productId)!;
    await expect(service.submitFeedback({ userId: c, productId: notServed, kind: 'CLICK', recommendationListId: served.list.id }))
      .rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'productId' });
  });

  it('records interactions idempotently by their natural key and refuses HOLD, bad ratings and future times', async () => {
    const c = customerId(19);
    const p = bank.productIds.get('ind_viv_fin_ult1')!;
    const at = new Date('2016-06-01T10:00:00Z');
    const a = await service.recordInteraction({ userId: c, productId: p, kind: 'VIEW', occurredAt: at });
    const b = await service.recordInteraction({ userId: c, productId: p, kind: 'VIEW', occurredAt: at });
    expect(b.id).toBe(a.id);
    expect(a.source).toBe('api');
    const before = await counts();
    await expect(service.recordInteraction({ userId: c, productId: p, kind: 'HOLD' as never })).rejects.toMatchObject({ field: 'kind' });
    await expect(service.recordInteraction({ userId: c, productId: p, kind: 'RATING', value: 0 })).rejects.toMatchObject({ field: 'value' });
    await expect(service.recordInteraction({ userId: c, productId: p, kind: 'VIEW', occurredAt: new Date(Date.now() + 3_600_000) })).rejects.toMatchObject({ field: 'occurredAt' });
    await expect(service.recordInteraction({ userId: 'nobody', productId: p, kind: 'VIEW' })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
    expect(await counts()).toEqual(before);
  });

  it('upserts users: creates, then updates only the fields sent (null clears)', async () => {
    await service.upsertUser({ id: 'new-1', age: 30, riskTolerance: 3, liquidityNeed: 'HIGH' });
    await service.upsertUser({ id: 'new-1', riskTolerance: 5, liquidityNeed: null });
    expect(await t.db.customer.findUniqueOrThrow({ where: { id: 'new-1' } })).toMatchObject({ age: 30, riskTolerance: 5, liquidityNeed: null });
    expect((await service.recommendations('new-1', {})).list.items.length).toBeGreaterThan(0);
    const before = await counts();
    await expect(service.upsertUser({ id: 'new-2', riskTolerance: 9 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'riskTolerance' });
    await expect(service.upsertUser({ id: ' ' })).rejects.toMatchObject({ field: 'id' });
    expect(await counts()).toEqual(before);
  });

  it('upserts products: required fields on create, consistent age bounds, partial updates', async () => {
    const before = await counts();
    await expect(service.upsertProduct({ code: 'NEW-FUND', name: 'Green Fund', category: 'FUND', riskLevel: 4 }))
      .rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'description' });
    await expect(service.upsertProduct({ code: 'ind_hip_fin_ult1', minAge: 80 })).rejects.toMatchObject({ field: 'minAge' });
    await expect(service.upsertProduct({ code: 'ind_hip_fin_ult1', riskLevel: 0 })).rejects.toMatchObject({ field: 'riskLevel' });
    expect(await counts()).toEqual(before);
    const created = await service.upsertProduct({ code: 'NEW-FUND', name: 'Green Fund', category: 'FUND', riskLevel: 4, description: 'A sustainable equity fund.' });
    expect(created).toMatchObject({ code: 'NEW-FUND', active: true, currency: 'EUR' });
    const updated = await service.upsertProduct({ code: 'NEW-FUND', riskLevel: 5, active: false });
    expect(updated).toMatchObject({ id: created.id, name: 'Green Fund', riskLevel: 5, active: false });
  });
});

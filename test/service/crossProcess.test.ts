// Two servers on one database (two scoring services, each with its own client on the same SQLite
// file — as two API processes, or an API and a CLI import, are): a change written by one, or straight
// into the store by another process, is honoured by the other's very next request, however fresh its
// cached ranking (the per-customer stamp, src/store/customerStamps.ts); an erased customer is
// NOT_FOUND there, never their old list and never an internal error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { eraseCustomer } from '../../src/privacy/erase';
import { NotFoundError, ServiceUnavailableError } from '../../src/recommend/errors';
import { logServedListsEach } from '../../src/recommend/servedLists';
import { ScoringService } from '../../src/recommend/service';
import { createDb, type Db } from '../../src/store/db';
import { startApi, type Api } from '../helpers/api';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { fitForTests } from '../helpers/engine';
import { customerId, seedSmallBank } from '../helpers/smallBank';

const config = loadConfig({ NODE_ENV: 'test', REFIT_INTERVAL_SECONDS: '0', CACHE_TTL_SECONDS: '900' });
const ALL = 24; // the whole catalog: every suitable product

describe.each(backends)('two scoring services on one database (%s)', (provider) => {
  let t: TestDb;
  let db2: Db;
  let one: ScoringService;
  let two: ScoringService;
  let riskOf: Map<string, number>;

  beforeAll(async () => {
    t = await createTestDb(provider);
    await seedSmallBank(t.db);
    db2 = createDb(t.url);
    one = await ScoringService.start({ db: t.db, config, log: silentLogger, fit: fitForTests });
    two = await ScoringService.start({ db: db2, config, log: silentLogger, fit: fitForTests });
    riskOf = new Map((await t.db.product.findMany({ select: { id: true, riskLevel: true } })).map((p) => [p.id, p.riskLevel ?? 0]));
  }, 120_000);
  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await db2?.$disconnect();
    await t?.close();
  });

  const maxRisk = (items: readonly { productId: string }[]) => Math.max(...items.map((i) => riskOf.get(i.productId)!));

  it('a profile change through the other server is honoured at once (no product above the new tolerance)', async () => {
    const c = customerId(6); // risk tolerance 7
    const before = await two.recommendations(c, { first: ALL });
    expect(maxRisk(before.list.items)).toBeGreaterThan(1);
    expect((await two.recommendations(c, { first: ALL })).cached).toBe(true); // the entry is fresh in server 2

    await one.upsertUser({ id: c, riskTolerance: 1 });
    const after = await two.recommendations(c, { first: ALL });
    expect(after.list.id).not.toBe(before.list.id);
    expect(after.cached).toBe(false);
    expect(maxRisk(after.list.items)).toBeLessThanOrEqual(1);
  });

  it('a profile written straight into the store by another process (no updatedAt change) is honoured too', async () => {
    const c = customerId(13); // risk tolerance 7
    const before = await two.recommendations(c, { first: ALL });
    expect(maxRisk(before.list.items)).toBeGreaterThan(1);
    await t.db.$executeRaw`UPDATE "Customer" SET "riskTolerance" = 1 WHERE "id" = ${c}`;
    const after = await two.recommendations(c, { first: ALL });
    expect(maxRisk(after.list.items)).toBeLessThanOrEqual(1);
  });

  it('a DISMISS recorded by the other server removes the product from the next list', async () => {
    const c = customerId(20);
    const before = await two.recommendations(c, { first: 5 });
    const dismissed = before.list.items[0].productId;
    await one.recordInteraction({ userId: c, productId: dismissed, kind: 'DISMISS' });
    const after = await two.recommendations(c, { first: 5 });
    expect(after.list.items.map((i) => i.productId)).not.toContain(dismissed);
  });

  it('an interaction written by another process (an import, straight into the store) is seen too', async () => {
    const c = customerId(21);
    const before = await two.recommendations(c, { first: 5 });
    const dismissed = before.list.items[1].productId;
    await t.db.interaction.create({ data: { customerId: c, productId: dismissed, kind: 'DISMISS', occurredAt: new Date(), source: 'import:partner' } });
    const after = await two.recommendations(c, { first: 5 });
    expect(after.list.items.map((i) => i.productId)).not.toContain(dismissed);
  });

  it('a customer erased through the other server is NOT_FOUND (cached variant, new variant, line ranking), never the old list', async () => {
    const c = customerId(27);
    await two.recommendations(c, { first: 5 });
    expect((await two.recommendations(c, { first: 5 })).cached).toBe(true);
    await eraseCustomer(t.db, c);
    one.forget(c);
    for (const first of [5, 3]) {
      const error = await two.recommendations(c, { first }).catch((e: unknown) => e);
      expect(error, `first ${first}`).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).field).toBe('userId');
    }
    await expect(two.lineRanking(c)).rejects.toBeInstanceOf(NotFoundError);
    expect(await t.db.recommendationList.count({ where: { customerId: c } })).toBe(0);
  });

  it('logging a list for a customer deleted meanwhile is NOT_FOUND on userId for that list; the others are logged', async () => {
    const gone = 'c-deleted-meanwhile';
    const kept = customerId(30);
    const list = (customer: string) => ({
      customerId: customer, recommender: 'test', configHash: 'h', request: { first: 1, category: null }, items: [],
      ruleSetVersion: '', modelVersion: null, exclusions: [], notices: [],
    });
    const [a, b] = await logServedListsEach(t.db, [list(gone), list(kept)]);
    expect(a).toBeInstanceOf(NotFoundError);
    expect((a as NotFoundError).field).toBe('userId');
    expect(b).not.toBeInstanceOf(Error);
    expect(await t.db.recommendationList.count({ where: { id: (b as { id: string }).id, customerId: kept } })).toBe(1);
  });

  it('when the stamps cannot be read (store unavailable) the last list is re-served marked stale, not served as fresh', async () => {
    let down = false;
    // The store failing for reads as an unreachable database does, for the stamp query (the one raw read).
    const flaky = db2.$extends({ query: { async $queryRaw({ args, query }) {
      if (down) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return query(args);
    } } }) as unknown as Db;
    const three = await ScoringService.start({ db: flaky, config, log: silentLogger, fit: fitForTests });
    try {
      const c = customerId(10);
      const served = await three.recommendations(c, { first: 4 });
      down = true;
      expect(await three.recommendations(c, { first: 4 })).toMatchObject({ stale: true, list: { id: served.list.id } });
      await expect(three.recommendations(c, { first: 2 })).rejects.toBeInstanceOf(ServiceUnavailableError);
      down = false;
      expect(await three.recommendations(c, { first: 4 })).toMatchObject({ cached: true, list: { id: served.list.id } });
      expect((await three.recommendations(c, { first: 4 })).stale).toBeFalsy();
    } finally {
      await three.stop();
    }
  });
});

describe('two API servers on one database', () => {
  let t: TestDb;
  let db2: Db;
  let api1: Api;
  let api2: Api;
  const LIST = `query($u: ID!, $n: Int) { recommendations(userId: $u, first: $n) { id cached items { product { id riskLevel } } } }`;

  beforeAll(async () => {
    t = await createTestDb();
    await seedSmallBank(t.db);
    db2 = createDb(t.url);
    api1 = await startApi(t.db);
    api2 = await startApi(db2);
  }, 120_000);
  afterAll(async () => {
    await api1?.stop();
    await api2?.stop();
    await db2?.$disconnect();
    await t?.close();
  });

  it('a questionnaire on server 1 is honoured by server 2; erasure on server 1 makes server 2 answer NOT_FOUND on userId', async () => {
    const c = customerId(34); // risk tolerance 7
    const before = await api2.gql(LIST, { u: c, n: ALL });
    expect(before.errors).toBeUndefined();
    const riskiest = Math.max(...before.data.recommendations.items.map((i: any) => i.product.riskLevel));

    const q = await api1.gql(`{ riskQuestionnaire { questions { id options { id } } } }`);
    expect(q.errors).toBeUndefined();
    // The first option of every question: the most conservative answers.
    const answers = q.data.riskQuestionnaire.questions.map((x: any) => ({ questionId: x.id, optionId: x.options[0].id }));
    const submitted = await api1.gql(`mutation($u: ID!, $a: [RiskAnswerInput!]!) { submitRiskQuestionnaire(userId: $u, answers: $a) { riskTolerance } }`, { u: c, a: answers });
    expect(submitted.errors).toBeUndefined();
    const tolerance = submitted.data.submitRiskQuestionnaire.riskTolerance as number;
    expect(tolerance).toBeLessThan(riskiest); // so the cached list would be unsuitable
    const after = await api2.gql(LIST, { u: c, n: ALL });
    expect(after.errors).toBeUndefined();
    expect(Math.max(...after.data.recommendations.items.map((i: any) => i.product.riskLevel))).toBeLessThanOrEqual(tolerance);

    const erased = await api1.gql(`mutation($u: ID!) { eraseCustomer(userId: $u) { pseudonym } }`, { u: c });
    expect(erased.errors).toBeUndefined();
    for (const n of [ALL, 2]) {
      const r = await api2.gql(LIST, { u: c, n });
      expect(r.data?.recommendations ?? null).toBeNull();
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'userId' });
    }
  }, 60_000);
});

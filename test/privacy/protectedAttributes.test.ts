// Protected attributes (sex, residence country, foreign birth) are not features of any model: on the
// bundled real sample, flipping every value of them in the store and refitting every recommender
// (popularity, item-CF, user-CF, content, activity, neural ranker, two-tower — all weighted in the
// blend) from the store changes no served list: same products, ranks, scores and reasons.
// A control flips a permitted attribute (segment) the same way and does change lists, so the
// comparison can tell a feature from a non-feature.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { ensureSeeded } from '../../src/ingest/seed';
import { silentLogger } from '../../src/log';
import { createEngine, fitRecommenders } from '../../src/recommend/pipeline';
import { createRecommenders } from '../../src/recommend/recommenders';
import { ScoringService, type FitEngine } from '../../src/recommend/service';
import type { ServedItem } from '../../src/recommend/servedLists';
import { loadCustomerStates, loadTrainingData, toProfile } from '../../src/store/snapshot';
import { createTestDb, type TestDb } from '../helpers/db';

const PROTECTED = ['sex', 'residenceCountry', 'foreignBorn'] as const;
const CUSTOMERS = 250;

// Every recommender weighted, the learned ones small enough to train in seconds (seeded: two fits on
// the same data give the same model).
const settings = loadConfig({ NODE_ENV: 'test', WEIGHT_POPULARITY: '0.1', WEIGHT_ACTIVITY: '0.1', WEIGHT_NEURAL: '1', WEIGHT_TWO_TOWER: '1' });
const small = { hidden: [16], maxEpochs: 2, minSteps: 10 };
const fit: FitEngine = async (data) => {
  const parts = createRecommenders(settings, { overrides: { neural: small, 'two-tower': { ...small, dim: 4 } } });
  await fitRecommenders(parts, data);
  return createEngine(parts, { normalisation: settings.BLEND_NORMALISATION, fittedProducts: new Set(data.products.map((p) => p.id)) });
};

describe('protected attributes never change a list (bundled sample)', () => {
  let t: TestDb;
  let ids: string[];

  /** Refit from the store (a new scoring service, as a restart would) and serve every customer's list. */
  async function serveAll(): Promise<{ recommender: string; lists: Map<string, ServedItem[]> }> {
    const scoring = await ScoringService.start({
      db: t.db, log: silentLogger, fit, config: { CACHE_MAX_CUSTOMERS: 1000, CACHE_TTL_SECONDS: 3600, REFIT_INTERVAL_SECONDS: 0 },
    });
    try {
      const served = await scoring.recommendMany(ids.map((customerId) => ({ customerId, first: 7 })));
      const lists = new Map<string, ServedItem[]>();
      served.forEach((s, i) => {
        if (s instanceof Error) throw s;
        lists.set(ids[i], s.list.items);
      });
      return { recommender: scoring.engineInfo.name, lists };
    } finally {
      await scoring.stop();
    }
  }

  beforeAll(async () => {
    t = await createTestDb('sqlite');
    await ensureSeeded(t.db, silentLogger);
    ids = (await t.db.customer.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: CUSTOMERS })).map((c) => c.id);
  }, 300_000);
  afterAll(async () => { await t?.close(); });

  it('no model input carries a protected attribute', async () => {
    const row = await t.db.customer.findFirstOrThrow({ where: { sex: { not: null }, residenceCountry: { not: null } } });
    for (const k of PROTECTED) expect(Object.keys(toProfile(row))).not.toContain(k);
    const states = await loadCustomerStates(t.db, ids.slice(0, 20));
    const data = await loadTrainingData(t.db, { customerIds: new Set(ids.slice(0, 20)) });
    const profiles = [...[...states.values()].map((s) => s.profile), ...data.customers.map((c) => c.profile), ...data.examples.map((e) => e.state.profile)];
    expect(profiles.length).toBeGreaterThan(20);
    for (const p of profiles) for (const k of PROTECTED) expect(k in p, `${k} in a model's profile`).toBe(false);
  });

  it('flipping sex, residence country and foreign birth of every customer changes no list', async () => {
    const rows = async () => t.db.customer.findMany({ select: { id: true, sex: true, residenceCountry: true, foreignBorn: true }, orderBy: { id: 'asc' } });
    const before = await rows();
    expect(before.length).toBeGreaterThanOrEqual(CUSTOMERS);
    expect(new Set(before.map((r) => r.sex)).size).toBeGreaterThan(1); // the sample has both values
    const first = await serveAll();
    expect(first.recommender).toBe('blend(popularity,item-cf,user-cf,content,activity,neural,two-tower)');

    await t.db.$executeRawUnsafe(`UPDATE "Customer" SET
      sex = CASE WHEN sex = 'H' THEN 'V' ELSE 'H' END,
      residenceCountry = CASE WHEN residenceCountry = 'ES' THEN 'FR' ELSE 'ES' END,
      foreignBorn = CASE WHEN foreignBorn = 1 THEN 0 ELSE 1 END`);
    const after = await rows();
    after.forEach((r, i) => { for (const k of PROTECTED) expect(r[k], `${r.id}.${k} flipped`).not.toEqual(before[i][k]); });

    const second = await serveAll();
    expect([...second.lists.values()].filter((l) => l.length === 7).length).toBeGreaterThan(CUSTOMERS * 0.9);
    for (const id of ids) expect(second.lists.get(id), `list of ${id}`).toEqual(first.lists.get(id));
  }, 300_000);

  it('control: flipping a permitted feature (segment) the same way does change lists', async () => {
    const first = await serveAll();
    await t.db.$executeRawUnsafe(`UPDATE "Customer" SET segment = CASE WHEN segment = '02 - PARTICULARES' THEN '03 - UNIVERSITARIO' ELSE '02 - PARTICULARES' END`);
    const second = await serveAll();
    const changed = ids.filter((id) => JSON.stringify(second.lists.get(id)) !== JSON.stringify(first.lists.get(id)));
    expect(changed.length).toBeGreaterThan(CUSTOMERS * 0.1);
  }, 300_000);
});

// Two catalog writes close together (an operator's script updating products, two admins): the
// scoring service reloads its catalog after each write. A reload that STARTED first but FINISHED
// last must not put back a catalog older than the one already applied — that made a product
// deactivated by the second write recommendable again until the next refit (an hour by default).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { ScoringService } from '../../src/recommend/service';
import type { Db } from '../../src/store/db';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { fitForTests } from '../helpers/engine';
import { customerId, seedSmallBank } from '../helpers/smallBank';

const config = loadConfig({ NODE_ENV: 'test', REFIT_INTERVAL_SECONDS: '0' });

/** The store, with the answer of the next `product.findMany` held back for `ms` after it ran. */
function slowNextCatalogRead(db: Db) {
  let delayMs = 0;
  const slow = db.$extends({
    query: {
      product: {
        async findMany({ args, query }) {
          const wait = delayMs;
          delayMs = 0;
          const rows = await query(args); // read now…
          if (wait) await new Promise((r) => setTimeout(r, wait)); // …answered late
          return rows;
        },
      },
    },
  }) as unknown as Db;
  return { db: slow, delayNext: (ms: number) => { delayMs = ms; } };
}

describe.each(backends)('catalog reloads racing (%s)', (provider) => {
  let t: TestDb;
  let service: ScoringService;
  let delayNext: (ms: number) => void;

  beforeAll(async () => {
    t = await createTestDb(provider);
    await seedSmallBank(t.db);
    const slow = slowNextCatalogRead(t.db);
    delayNext = slow.delayNext;
    service = await ScoringService.start({ db: slow.db, config, log: silentLogger, fit: fitForTests });
  });
  afterAll(async () => {
    await service?.stop();
    await t?.close();
  });

  it('the catalog in use is the newest one, whatever order the reloads finish in', async () => {
    const before = service.engineInfo.products;
    delayNext(400);
    const first = service.upsertProduct({ code: 'ind_plan_fin_ult1', riskLevel: 4 }); // its reload answers late
    await new Promise((r) => setTimeout(r, 100));
    await service.upsertProduct({ code: 'ind_ecue_fin_ult1', active: false }); // reloads and applies at once
    await first;

    expect(service.engineInfo.products).toBe(before - 1);
    const ecue = (await t.db.product.findUniqueOrThrow({ where: { code: 'ind_ecue_fin_ult1' } })).id;
    for (let i = 1; i <= 10; i++) {
      const { list } = await service.recommendations(customerId(i), { first: 24 });
      expect(list.items.map((it) => it.productId)).not.toContain(ecue);
    }
  });
});

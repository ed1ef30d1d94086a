// A catalog change written by another process (a fund import, an operator's SQL) reaches the
// need-based gate within MODEL_POLL_SECONDS: the server re-reads the catalog it ranks, it does not
// keep judging suitability on the risk level it read at start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Api } from '../helpers/api';
import { createTestDb, type TestDb } from '../helpers/db';
import { seedSmallBank } from '../helpers/smallBank';

describe('recommendForNeed sees catalog changes made outside the server', () => {
  let t: TestDb;
  let api: Api;
  let customer: string;
  beforeAll(async () => {
    t = await createTestDb('sqlite');
    const bank = await seedSmallBank(t.db);
    customer = bank.customerIds[2]; // i = 3: risk tolerance 4 (smallBank)
    api = await startApi(t.db, { MODEL_POLL_SECONDS: '1' });
  }, 120_000);
  afterAll(async () => { await api?.stop(); await t?.close(); });

  const codes = async () => {
    const res = await api.gql(`{ recommendForNeed(text: "a savings account", userId: "${customer}", first: 20) { items { product { code riskLevel } } } }`);
    expect(res.errors).toBeUndefined();
    return (res.data.recommendForNeed.items as { product: { code: string } }[]).map((i) => i.product.code);
  };

  it('a risk level raised in the store above the customer\'s tolerance takes the product out of the list', async () => {
    expect((await t.db.customer.findUniqueOrThrow({ where: { id: customer } })).riskTolerance).toBe(4);
    expect(await codes()).toContain('ind_ahor_fin_ult1');
    await t.db.product.update({ where: { code: 'ind_ahor_fin_ult1' }, data: { riskLevel: 6 } });
    const deadline = Date.now() + 10_000;
    let now = await codes();
    while (now.includes('ind_ahor_fin_ult1') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      now = await codes();
    }
    expect(now).not.toContain('ind_ahor_fin_ult1');
  }, 30_000);
});

// A larger deterministic bank for the explanation tests: the real 24-product catalog and 240
// customers of varied age, risk tolerance and activity, whose holdings change over five monthly
// snapshots (additions, cancellations), so every behavioural reason and both gate rules occur.
import { catalogIds, ensureCatalog } from '../../src/ingest/catalog/ensureCatalog';
import type { Db } from '../../src/store/db';

export const MONTHS = [0, 1, 2, 3, 4].map((m) => new Date(Date.UTC(2016, m, 28)));
export const BANK_CUSTOMERS = 240;

/** mulberry32: a small seeded generator, so the bank is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Product codes with how likely a customer holds each at the start. */
const PRIOR: [string, number][] = [
  ['ind_cco_fin_ult1', 0.8], ['ind_ecue_fin_ult1', 0.3], ['ind_tjcr_fin_ult1', 0.25], ['ind_nomina_ult1', 0.2], ['ind_cno_fin_ult1', 0.2],
  ['ind_nom_pens_ult1', 0.15], ['ind_recibo_ult1', 0.3], ['ind_fond_fin_ult1', 0.1], ['ind_valo_fin_ult1', 0.08], ['ind_dela_fin_ult1', 0.08],
  ['ind_ctop_fin_ult1', 0.15], ['ind_ctpp_fin_ult1', 0.1], ['ind_reca_fin_ult1', 0.1], ['ind_plan_fin_ult1', 0.05], ['ind_hip_fin_ult1', 0.03],
  ['ind_pres_fin_ult1', 0.03], ['ind_deco_fin_ult1', 0.03], ['ind_deme_fin_ult1', 0.03], ['ind_ctma_fin_ult1', 0.05], ['ind_viv_fin_ult1', 0.02],
  ['ind_ctju_fin_ult1', 0.02], ['ind_ahor_fin_ult1', 0.02],
];

const PAIRS: [string, string, number][] = [
  ['ind_nomina_ult1', 'ind_cno_fin_ult1', 0.9], ['ind_nomina_ult1', 'ind_nom_pens_ult1', 0.7], ['ind_fond_fin_ult1', 'ind_valo_fin_ult1', 0.7],
  ['ind_ecue_fin_ult1', 'ind_tjcr_fin_ult1', 0.6], ['ind_ctpp_fin_ult1', 'ind_recibo_ult1', 0.8], ['ind_dela_fin_ult1', 'ind_deme_fin_ult1', 0.5],
];

export function bankCustomerId(i: number): string {
  return `e${String(i).padStart(3, '0')}`;
}

export async function seedBank(db: Db, customers = BANK_CUSTOMERS): Promise<string[]> {
  await ensureCatalog(db);
  const productIds = await catalogIds(db);
  const rnd = random(20261203);
  const ids: string[] = [];
  const rows = [];
  const interactions = [];
  for (let i = 1; i <= customers; i++) {
    const id = bankCustomerId(i);
    ids.push(id);
    const age = 14 + Math.floor(rnd() * 70);
    rows.push({
      id, age: i % 17 === 0 ? null : age, income: i % 6 === 0 ? null : 15_000 + Math.floor(rnd() * 90_000),
      segment: i % 3 === 0 ? '01 - TOP' : '02 - PARTICULARES', seniorityMonths: Math.floor(rnd() * 200), active: rnd() < 0.7,
      region: i % 2 ? 'MADRID' : 'BARCELONA', riskTolerance: i % 9 === 0 ? null : 1 + Math.floor(rnd() * 7), sex: i % 2 ? 'H' : 'V',
      residenceCountry: 'ES',
    });
    let held = new Set(PRIOR.filter(([, p]) => rnd() < p).map(([code]) => code));
    if (held.size === 0) held.add('ind_cco_fin_ult1');
    // Products that go together (co-ownership structure for item-CF).
    for (const [a, b, p] of PAIRS) if (held.has(a) && rnd() < p / 3) held.add(b);
    const comesBack = rnd() < 0.2 ? [...held].find((c) => c !== 'ind_cco_fin_ult1') : undefined;
    let before = held;
    for (const [m, at] of MONTHS.entries()) {
      held = new Set(held);
      if (m >= 1) for (const [a, b, p] of PAIRS) if (held.has(a) && !held.has(b) && rnd() < p / 3) held.add(b); // adds what goes with it
      if (comesBack && m === 1) held.delete(comesBack); // cancelled, then taken up again
      if (comesBack && m === 3) held.add(comesBack);
      if (m >= 2 && rnd() < 0.2) { // a random addition or cancellation between snapshots
        const [code] = PRIOR[Math.floor(rnd() * PRIOR.length)];
        if (held.has(code) && held.size > 1) held.delete(code); else held.add(code);
      }
      for (const code of held) {
        // An addition is a purchase (what the recommenders learn from) the day before the snapshot.
        if (m > 0 && !before.has(code)) interactions.push({ customerId: id, productId: productIds.get(code)!, kind: 'PURCHASE' as const, occurredAt: new Date(at.getTime() - 86_400_000), source: 'test' });
        interactions.push({ customerId: id, productId: productIds.get(code)!, kind: 'HOLD' as const, occurredAt: at, source: 'test' });
      }
      before = held;
    }
    if (i % 5 === 0) {
      interactions.push({ customerId: id, productId: productIds.get('ind_recibo_ult1')!, kind: 'PURCHASE' as const, occurredAt: MONTHS[4], source: 'test' });
    }
  }
  await db.customer.createMany({ data: rows });
  await db.interaction.createMany({ data: interactions });
  return ids;
}

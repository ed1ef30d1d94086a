// A small, deterministic bank for service and API tests: the real 24-product catalog, 40 customers
// with five monthly holding snapshots (Jan–May 2016, Santander style) and a few additions.
import { catalogIds, ensureCatalog } from '../../src/ingest/catalog/ensureCatalog';
import type { Db } from '../../src/store/db';

export const MONTHS = [0, 1, 2, 3, 4].map((m) => new Date(Date.UTC(2016, m, 28)));
export const CUSTOMERS = 40;

export function customerId(i: number): string {
  return `c${String(i).padStart(3, '0')}`;
}

/** Products held by customer i (codes); a deterministic mix so co-ownership has structure. */
export function holdingsOf(i: number): string[] {
  const held = ['ind_cco_fin_ult1'];
  if (i % 2 === 0) held.push('ind_ecue_fin_ult1');
  if (i % 3 === 0) held.push('ind_tjcr_fin_ult1');
  if (i % 4 === 0) held.push('ind_nomina_ult1', 'ind_cno_fin_ult1', 'ind_nom_pens_ult1');
  if (i % 5 === 0) held.push('ind_fond_fin_ult1', 'ind_valo_fin_ult1');
  if (i % 7 === 0) held.push('ind_dela_fin_ult1');
  return held;
}

export interface SmallBank { productIds: Map<string, string>; customerIds: string[] }

export async function seedSmallBank(db: Db): Promise<SmallBank> {
  await ensureCatalog(db);
  const productIds = await catalogIds(db);
  const customerIds: string[] = [];
  const customers = [];
  const interactions = [];
  for (let i = 1; i <= CUSTOMERS; i++) {
    const id = customerId(i);
    customerIds.push(id);
    customers.push({
      id, age: 20 + ((i * 7) % 55), income: i % 6 === 0 ? null : 20_000 + i * 1_500, segment: i % 3 === 0 ? '01 - TOP' : '02 - PARTICULARES',
      seniorityMonths: 12 * (i % 15), active: i % 4 !== 1, region: i % 2 ? 'MADRID' : 'BARCELONA',
      riskTolerance: i % 8 === 0 ? null : 1 + (i % 7), sex: i % 2 ? 'H' : 'V', residenceCountry: 'ES',
    });
    for (const at of MONTHS) {
      for (const code of holdingsOf(i)) {
        interactions.push({ customerId: id, productId: productIds.get(code)!, kind: 'HOLD' as const, occurredAt: at, source: 'test' });
      }
    }
    if (i % 6 === 0) {
      interactions.push({ customerId: id, productId: productIds.get('ind_recibo_ult1')!, kind: 'PURCHASE' as const, occurredAt: MONTHS[4], source: 'test' });
    }
  }
  await db.customer.createMany({ data: customers });
  await db.interaction.createMany({ data: interactions });
  return { productIds, customerIds };
}

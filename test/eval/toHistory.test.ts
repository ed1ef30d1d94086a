import { describe, expect, it } from 'vitest';
import { readCustomerHistories, toHistories } from '../../src/ingest/santander/toHistory';
import type { SantanderRecord } from '../../src/ingest/santander/format';
import { additionExamples, buildCustomerState } from '../../src/recommend/customerState';
import { PROFILE_KEYS } from '../conformance/recommender';
import { SAMPLE } from './realFixture';

const at = (m: number) => new Date(Date.UTC(2016, m, 28));
function record(customerId: string, added: SantanderRecord['added'], line: number): SantanderRecord {
  return {
    line, customerId, snapshotAt: at(4),
    profile: { age: 40, income: null, segment: '02 - PARTICULARES', seniorityMonths: 12, active: true, region: 'MADRID', joinedAt: null },
    protected: { sex: 'H', residenceCountry: 'ES', foreignBorn: false },
    holdings: [
      { at: at(2), held: ['ind_cco_fin_ult1', 'ind_nomina_ult1'] },
      { at: at(3), held: ['ind_cco_fin_ult1'] },
    ],
    added,
  };
}

describe('Santander records → customer histories', () => {
  // Rows of customer 1 are not contiguous.
  const records = [record('1', 'ind_nomina_ult1', 2), record('2', 'ind_recibo_ult1', 3), record('1', 'ind_tjcr_fin_ult1', 4)];

  it('groups non-contiguous rows by customer: HOLD per lag month, CANCEL when dropped, PURCHASE per added product', () => {
    const out = toHistories(records);
    expect(out.map((c) => c.profile.id)).toEqual(['1', '2']);
    const one = out[0];
    expect(one.added).toEqual(['ind_nomina_ult1', 'ind_tjcr_fin_ult1']);
    expect(one.history.filter((e) => e.kind === 'HOLD').map((e) => [e.productId, e.at.getUTCMonth()]))
      .toEqual([['ind_cco_fin_ult1', 2], ['ind_nomina_ult1', 2], ['ind_cco_fin_ult1', 3]]);
    expect(one.history.filter((e) => e.kind === 'CANCEL').map((e) => [e.productId, e.at.getUTCMonth()])).toEqual([['ind_nomina_ult1', 3]]);
    expect(one.history.filter((e) => e.kind === 'PURCHASE').map((e) => [e.productId, e.at.getTime()]))
      .toEqual([['ind_nomina_ult1', at(4).getTime()], ['ind_tjcr_fin_ult1', at(4).getTime()]]);
  });

  it('keeps protected attributes out of the profile', () => {
    expect(Object.keys(toHistories(records)[0].profile).sort()).toEqual(PROFILE_KEYS);
  });

  it('maps codes to product ids, and leaves labels out when asked (batch scoring)', () => {
    const out = toHistories(records, { productId: (c) => `id:${c}`, includeLabels: false });
    expect(out[0].added).toEqual([]);
    expect(out[0].history.every((e) => e.kind !== 'PURCHASE' && e.productId.startsWith('id:'))).toBe(true);
  });

  it('the state before the snapshot excludes the label; the addition example holds it', () => {
    const [one] = toHistories(records);
    const before = buildCustomerState(one.profile, one.history, one.snapshotAt);
    expect([...before.held]).toEqual(['ind_cco_fin_ult1']);
    const [example] = additionExamples(one.profile, one.history);
    expect([...example.added]).toEqual(['ind_nomina_ult1', 'ind_tjcr_fin_ult1']);
  });

  it('a month in which the customer held nothing is kept: the state does not resurrect old holdings', () => {
    const r = record('3', 'ind_cco_fin_ult1', 5);
    r.holdings = [{ at: at(0), held: ['ind_cco_fin_ult1'] }, { at: at(1), held: [] }, { at: at(2), held: [] }];
    const [c] = toHistories([r]);
    const before = buildCustomerState(c.profile, c.history, c.snapshotAt);
    expect(before.held.size).toBe(0);
    expect(before.snapshots.map((s) => s.held.size)).toEqual([1, 0]);
    expect([...additionExamples(c.profile, c.history)[0].added]).toEqual(['ind_cco_fin_ult1']);
  });

  it('reads the bundled sample file', async () => {
    const { customers, errors, rows } = await readCustomerHistories(SAMPLE);
    expect(errors).toEqual([]);
    expect(customers.length).toBeGreaterThan(1000);
    expect(rows).toBeGreaterThan(customers.length);
    expect(customers.every((c) => c.added.length > 0)).toBe(true);
  });
});

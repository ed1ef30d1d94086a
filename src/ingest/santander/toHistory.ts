// Santander additions records → one { profile, history } per customer, the input of
// buildCustomerState / additionExamples (recommend/customerState.ts). Used by evaluation and by
// batch scoring of customers who are not in the store.
//
// A customer appears on one row per added product, and those rows are NOT always contiguous; their
// attributes and lags are identical, only `added` differs. Protected attributes are dropped here:
// CustomerProfile has no field for them.
import type { BehaviourEvent, CustomerProfile } from '../../recommend/types';
import type { RowError, SantanderRecord } from './format';
import { readSantanderFile } from './reader';

export interface CustomerHistory {
  profile: CustomerProfile;
  /** HOLD per product held in each lag month, CANCEL when a product stops being held, PURCHASE per added product (labels only). */
  history: BehaviourEvent[];
  snapshotAt: Date;
  /** Product ids added at the snapshot date (empty when labels are excluded or the file has none). */
  added: string[];
}

export interface ToHistoryOptions {
  /** Santander code → product id (the store's ids). Default: the code itself (evaluation without a DB). */
  productId?: (code: string) => string;
  /** Emit PURCHASE events for `added_products`. Batch scoring passes false: it must not see labels. */
  includeLabels?: boolean;
}

function profileOf(r: SantanderRecord): CustomerProfile {
  const p = r.profile;
  return {
    id: r.customerId, age: p.age, income: p.income, segment: p.segment, seniorityMonths: p.seniorityMonths,
    active: p.active, region: p.region, riskTolerance: null, investmentHorizonMonths: null, liquidityNeed: null,
  };
}

/** Group records by customer (first appearance order) and turn each group into a history. */
export function toHistories(records: Iterable<SantanderRecord>, opts: ToHistoryOptions = {}): CustomerHistory[] {
  const idOf = opts.productId ?? ((code: string) => code);
  const includeLabels = opts.includeLabels ?? true;
  const byCustomer = new Map<string, { first: SantanderRecord; added: Set<string> }>();
  for (const r of records) {
    let group = byCustomer.get(r.customerId);
    if (!group) byCustomer.set(r.customerId, (group = { first: r, added: new Set() }));
    if (r.added !== null) group.added.add(idOf(r.added));
  }
  const out: CustomerHistory[] = [];
  for (const { first, added } of byCustomer.values()) {
    const labels = includeLabels ? [...added] : [];
    out.push({ profile: profileOf(first), history: recordEvents(first, idOf, labels), snapshotAt: first.snapshotAt, added: labels });
  }
  return out;
}

/**
 * The events one customer's record stands for: a HOLD per product held in each recorded lag month,
 * a CANCEL in a month for each product held in the previous recorded month but no longer (so a
 * month in which the customer held nothing is not lost, see buildCustomerState), and a PURCHASE per
 * added product at the snapshot date. The store import writes the same events.
 */
export function recordEvents(r: SantanderRecord, idOf: (code: string) => string, added: readonly string[]): BehaviourEvent[] {
  const events: BehaviourEvent[] = [];
  let previous: ReadonlySet<string> = new Set();
  for (const month of r.holdings) {
    const now = new Set(month.held.map(idOf));
    for (const productId of now) events.push({ productId, kind: 'HOLD', value: null, at: month.at });
    for (const productId of previous) if (!now.has(productId)) events.push({ productId, kind: 'CANCEL', value: null, at: month.at });
    previous = now;
  }
  for (const productId of added) events.push({ productId, kind: 'PURCHASE', value: null, at: r.snapshotAt });
  return events;
}

export interface ReadHistoriesResult { customers: CustomerHistory[]; errors: RowError[]; rows: number }

/** Read a Santander additions file into customer histories; malformed rows are returned, not thrown. */
export async function readCustomerHistories(
  file: string, opts: ToHistoryOptions & { onProgress?: (rows: number) => void } = {},
): Promise<ReadHistoriesResult> {
  const records: SantanderRecord[] = [];
  const errors: RowError[] = [];
  let rows = 0;
  for await (const item of readSantanderFile(file)) {
    rows += 1;
    if (item.ok) records.push(item.record);
    else errors.push(item.error);
    if (opts.onProgress && rows % 1000 === 0) opts.onProgress(rows);
  }
  opts.onProgress?.(rows);
  return { customers: toHistories(records, opts), errors, rows };
}

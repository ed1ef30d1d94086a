// The Santander first-adoptions file (USER_ID, ITEM_ID, TIMESTAMP; see
// ../shared/data/santander_first_adoptions/SOURCE.md) → one { profile, history } per customer.
// Each row is the FIRST month a customer held a product. Rows at the file's earliest date are the
// holdings at the first snapshot (not acquisitions) → one HOLD snapshot; every later row is a first
// adoption → a PURCHASE in that month. Drops and re-acquisitions are not in the file, so a product once
// held stays held. The file has no demographics: every CustomerProfile field but the id is null.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { CustomerHistory } from '../ingest/santander/toHistory';
import type { BehaviourEvent, CustomerProfile } from '../recommend/types';

export interface FirstAdoption { customerId: string; productId: string; at: Date }

export interface ReadFirstAdoptionsResult { events: FirstAdoption[]; errors: { line: number; message: string }[]; rows: number }

const HEADER = ['USER_ID', 'ITEM_ID', 'TIMESTAMP'];

/** Parse the CSV text lines (header first); malformed lines are returned with their line number, not thrown. */
export function parseFirstAdoptions(lines: Iterable<string>): ReadFirstAdoptionsResult {
  const events: FirstAdoption[] = [];
  const errors: { line: number; message: string }[] = [];
  let n = 0;
  let rows = 0;
  for (const raw of lines) {
    n += 1;
    const line = raw.trim();
    if (n === 1) {
      const h = line.split(',').map((s) => s.trim().toUpperCase());
      if (HEADER.some((c, i) => h[i] !== c)) throw new Error(`not a first-adoptions file: header must be ${HEADER.join(',')} (got "${line}")`);
      continue;
    }
    if (line === '') continue;
    rows += 1;
    const [user, item, ts] = line.split(',').map((s) => s.trim());
    const seconds = Number(ts);
    if (!user || !item || !/^\d+$/.test(ts ?? '') || !Number.isSafeInteger(seconds)) {
      errors.push({ line: n, message: `line ${n}: expected USER_ID,ITEM_ID,TIMESTAMP (unix seconds), got "${line}"` });
      continue;
    }
    events.push({ customerId: user, productId: item, at: new Date(seconds * 1000) });
  }
  return { events, errors, rows };
}

/** Read a first-adoptions file (.csv or .csv.gz). */
export async function readFirstAdoptions(file: string): Promise<ReadFirstAdoptionsResult> {
  const input = file.endsWith('.gz') ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  const lines: string[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) lines.push(line);
  return parseFirstAdoptions(lines);
}

export const emptyProfile = (id: string): CustomerProfile => ({
  id, age: null, income: null, segment: null, seniorityMonths: null, active: null, region: null,
  riskTolerance: null, investmentHorizonMonths: null, liquidityNeed: null,
});

/**
 * One history per customer (first-appearance order): events at `initialAt` (default: the earliest
 * date in the file) become HOLDs — the first snapshot — and every later event a PURCHASE.
 */
export function firstAdoptionHistories(events: readonly FirstAdoption[], initialAt?: Date): CustomerHistory[] {
  const first = initialAt?.getTime() ?? Math.min(...events.map((e) => e.at.getTime()));
  const byCustomer = new Map<string, BehaviourEvent[]>();
  for (const e of events) {
    let h = byCustomer.get(e.customerId);
    if (!h) byCustomer.set(e.customerId, (h = []));
    h.push({ productId: e.productId, kind: e.at.getTime() === first ? 'HOLD' : 'PURCHASE', value: null, at: e.at });
  }
  return [...byCustomer].map(([id, history]) => {
    const last = Math.max(...history.map((e) => e.at.getTime()));
    return {
      profile: emptyProfile(id), history, snapshotAt: new Date(last),
      added: history.filter((e) => e.kind === 'PURCHASE' && e.at.getTime() === last).map((e) => e.productId),
    };
  });
}

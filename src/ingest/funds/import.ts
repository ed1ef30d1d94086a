// Writes FundRecords as Product rows: upsert by code, in batches of one transaction each, idempotent.
// A product is updated only when one of the imported fields differs, so a re-import leaves
// updatedAt (and the embeddings keyed on it downstream) alone. A code held by a product of another
// source — the bank's own catalog lines ("catalog"), products written through the API — is never
// touched: that record is skipped.
import type { Db } from '../../store/db';
import type { Prisma } from '../../store/generated/sqlite/client';
import { CATALOG_FILES, loadFundCatalog, type LoadedCatalog, type LoadOptions } from './catalog';
import type { FundRecord } from './record';

export const DEFAULT_BATCH_SIZE = 500;
const TX_OPTIONS = { maxWait: 60_000, timeout: 10 * 60_000 };

/** The columns an import owns (compared to decide whether a stored product changed). */
export const IMPORTED_FIELDS = [
  'name', 'category', 'lineCode', 'subcategory', 'issuer', 'isin', 'riskLevel', 'riskBasis', 'source',
  'managementFeePercent', 'minAmount', 'currency', 'description',
] as const satisfies readonly (keyof FundRecord & keyof Prisma.ProductCreateManyInput)[];

export interface FundImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  /** Records not written, by "source: reason" (catalog rows that could not be mapped included). */
  skipped: Record<string, number>;
  /** Funds written or already up to date, by source and by risk level. */
  bySource: Record<string, number>;
  byRiskLevel: Record<number, number>;
}

export interface FundImportOptions {
  /** Records per transaction (default 500). */
  batchSize?: number;
  /** Called after each batch with the records done so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

function changed(stored: Record<string, unknown>, r: FundRecord): Partial<FundRecord> | null {
  const diff: Record<string, unknown> = {};
  for (const f of IMPORTED_FIELDS) if ((stored[f] ?? null) !== (r[f] ?? null)) diff[f] = r[f];
  return Object.keys(diff).length > 0 ? (diff as Partial<FundRecord>) : null;
}

type Counts = Pick<FundImportSummary, 'created' | 'updated' | 'unchanged' | 'skipped'> & { written: FundRecord[] };

/** One batch in one transaction: nothing of it is written if any write fails. */
async function writeBatch(db: Db, batch: readonly FundRecord[]): Promise<Counts> {
  return db.$transaction(async (tx) => {
    const stored = await tx.product.findMany({
      where: { code: { in: batch.map((r) => r.code) } },
      select: { code: true, ...Object.fromEntries(IMPORTED_FIELDS.map((f) => [f, true])) },
    }) as unknown as (Record<string, unknown> & { code: string; source: string })[];
    const byCode = new Map(stored.map((s) => [s.code, s]));
    const out: Counts = { created: 0, updated: 0, unchanged: 0, skipped: {}, written: [] };
    const fresh: FundRecord[] = [];
    for (const r of batch) {
      const s = byCode.get(r.code);
      if (!s) { fresh.push(r); continue; }
      if (s.source !== r.source) {
        const reason = `${r.source}: code taken by a "${s.source}" product`;
        out.skipped[reason] = (out.skipped[reason] ?? 0) + 1;
        continue;
      }
      const diff = changed(s, r);
      if (diff) { await tx.product.update({ where: { code: r.code }, data: diff }); out.updated += 1; } else out.unchanged += 1;
      out.written.push(r);
    }
    if (fresh.length > 0) out.created = (await tx.product.createMany({ data: fresh.map((r) => ({ ...r, active: true })) })).count;
    out.written.push(...fresh);
    return out;
  }, TX_OPTIONS);
}

/** Imports `records` (in order, batch by batch); see the file comment. */
export async function importFundRecords(db: Db, records: readonly FundRecord[], opts: FundImportOptions = {}): Promise<FundImportSummary> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer (got ${batchSize})`);
  const summary: FundImportSummary = { created: 0, updated: 0, unchanged: 0, skipped: {}, bySource: {}, byRiskLevel: {} };
  for (let i = 0; i < records.length; i += batchSize) {
    const counts = await writeBatch(db, records.slice(i, i + batchSize));
    summary.created += counts.created;
    summary.updated += counts.updated;
    summary.unchanged += counts.unchanged;
    for (const [k, n] of Object.entries(counts.skipped)) summary.skipped[k] = (summary.skipped[k] ?? 0) + n;
    for (const r of counts.written) {
      summary.bySource[r.source] = (summary.bySource[r.source] ?? 0) + 1;
      summary.byRiskLevel[r.riskLevel] = (summary.byRiskLevel[r.riskLevel] ?? 0) + 1;
    }
    opts.onProgress?.(Math.min(i + batchSize, records.length), records.length);
  }
  return summary;
}

/** Reads the catalogs in `dir` (catalog.ts) and imports them; unmappable rows count as skipped. */
export async function importFundCatalog(
  db: Db, dir: string, opts: FundImportOptions & LoadOptions & { onLoaded?: (total: number) => void } = {},
): Promise<FundImportSummary & Pick<LoadedCatalog, 'beyondCap' | 'missing'>> {
  const catalog = await loadFundCatalog(dir, opts);
  if (catalog.missing.length === Object.keys(CATALOG_FILES).length) {
    throw new Error(`no fund catalog files in ${dir}`);
  }
  opts.onLoaded?.(catalog.records.length);
  const summary = await importFundRecords(db, catalog.records, opts);
  for (const [k, n] of Object.entries(catalog.skipped)) summary.skipped[k] = (summary.skipped[k] ?? 0) + n;
  return { ...summary, beyondCap: catalog.beyondCap, missing: catalog.missing };
}

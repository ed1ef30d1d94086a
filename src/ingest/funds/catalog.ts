// Reads a directory of fund catalogs (the shared data, or the bundled slice in data/funds) into the
// FundRecords to import, in a deterministic order: US ETFs, US mutual funds, Indian schemes, then the
// euro listings of FinanceDatabase (financedatabase.ts). FinanceDatabase is read once, streaming:
// for the summaries of the US tickers and for the euro candidates. Rows that cannot be mapped are
// counted by "source: reason"; a missing file leaves its source out (listed in `missing`).
import path from 'node:path';
import { PROJECT_ROOT } from '../../config';
import type { CsvItem, CsvRow } from './csvFile';
import { findSourceFile, readCsvRows } from './csvFile';
import {
  DEFAULT_EURO_CAPS, EURO_GROUPS, euroGroupOf, ListingDeduper, mapEuroListing, type EuroGroup,
} from './financedatabase';
import { mapIndiaScheme } from './india';
import type { FundRecord, FundSource, Mapped } from './record';
import { mapUsEtf, mapUsMutualFund, type FdRow } from './yahoo';

/** The real slice shipped with FinRec (data/funds/SOURCE.md), imported at first start. */
export const BUNDLED_FUNDS_DIR = path.join(PROJECT_ROOT, 'data', 'funds');

const FEES_DIR = 'fund_catalogs_with_fees_risk';
const FD_DIR = 'financedatabase_funds_etfs';

/** The files of a catalog directory, by role: [file name, sub-folder of the shared data]. */
export const CATALOG_FILES = {
  usEtfs: ['yahoo_us_etfs_2019.csv', FEES_DIR],
  usMutualFunds: ['yahoo_us_mutualfunds_2021_subset349.csv', FEES_DIR],
  india: ['india_mutual_funds_comprehensive.csv', FEES_DIR],
  fdEtfs: ['etfs.csv.gz', FD_DIR],
  fdFunds: ['funds.csv.gz', FD_DIR],
} as const;
export type CatalogRole = keyof typeof CATALOG_FILES;
export type CatalogFiles = Record<CatalogRole, string | null>;

export function locateCatalog(dir: string): CatalogFiles {
  const out = {} as CatalogFiles;
  for (const [role, [name, sub]] of Object.entries(CATALOG_FILES)) out[role as CatalogRole] = findSourceFile(dir, name, sub);
  return out;
}

export interface LoadOptions {
  /** Stop after this many funds (in the order above). */
  limit?: number;
  /** Caps of the euro listing groups (financedatabase.ts DEFAULT_EURO_CAPS). */
  euroCaps?: Partial<Record<EuroGroup, number>>;
}

export interface LoadedCatalog {
  records: FundRecord[];
  /** Rows not imported, by "source: reason". */
  skipped: Record<string, number>;
  /** Euro listings not looked at because their group was already full, by group (financedatabase.ts caps). */
  beyondCap: Partial<Record<EuroGroup, number>>;
  /** File names (CATALOG_FILES) not found in the directory. */
  missing: string[];
}

async function readAll(file: string | null): Promise<CsvItem[]> {
  const out: CsvItem[] = [];
  if (file) for await (const item of readCsvRows(file)) out.push(item);
  return out;
}

interface FdScan { bySymbol: Map<string, FdRow>; euro: Record<EuroGroup, CsvRow[]>; bad: number }

/** One pass over a FinanceDatabase file: the rows of `wanted` tickers, and the euro candidates. */
async function scanFd(file: string | null, kind: 'funds' | 'etfs', wanted: ReadonlySet<string>, into: FdScan): Promise<void> {
  if (!file) return;
  for await (const item of readCsvRows(file)) {
    if (!item.ok) { into.bad += 1; continue; }
    const symbol = item.row.symbol?.toUpperCase();
    if (symbol && wanted.has(symbol) && !into.bySymbol.has(`${kind}:${symbol}`)) into.bySymbol.set(`${kind}:${symbol}`, item.row);
    const group = euroGroupOf(item.row, kind);
    if (group) into.euro[group].push(item.row);
  }
}

export async function loadFundCatalog(dir: string, opts: LoadOptions = {}): Promise<LoadedCatalog> {
  const files = locateCatalog(dir);
  const missing = Object.entries(files).filter(([, f]) => f === null).map(([role]) => CATALOG_FILES[role as CatalogRole][0]);
  const limit = opts.limit ?? Infinity;
  const caps = { ...DEFAULT_EURO_CAPS, ...opts.euroCaps };
  const records: FundRecord[] = [];
  const skipped: Record<string, number> = {};
  const beyondCap: Partial<Record<EuroGroup, number>> = {};
  const codes = new Set<string>();
  const count = (source: FundSource, reason: string): void => { skipped[`${source}: ${reason}`] = (skipped[`${source}: ${reason}`] ?? 0) + 1; };
  /** Adds a mapped row; false once the limit is reached. */
  const add = (source: FundSource, m: Mapped): boolean => {
    if (records.length >= limit) return false;
    if (!m.ok) count(source, m.reason);
    else if (codes.has(m.record.code)) count(source, 'duplicate');
    else { codes.add(m.record.code); records.push(m.record); }
    return true;
  };

  const [etfs, mfs, india] = await Promise.all([readAll(files.usEtfs), readAll(files.usMutualFunds), readAll(files.india)]);
  const tickers = (items: CsvItem[], col: string) => items.flatMap((i) => (i.ok && i.row[col] ? [i.row[col].toUpperCase()] : []));
  const fd: FdScan = { bySymbol: new Map(), euro: { 'madrid-funds': [], 'euro-funds': [], 'euro-etfs': [] }, bad: 0 };
  await scanFd(files.fdEtfs, 'etfs', new Set(tickers(etfs, 'fund_name')), fd);
  await scanFd(files.fdFunds, 'funds', new Set(tickers(mfs, 'fund_symbol')), fd);
  if (fd.bad > 0) skipped['financedatabase: invalid CSV row'] = fd.bad;

  const sources: [FundSource, CsvItem[], (row: CsvRow) => Mapped][] = [
    ['yahoo-us-etf-2019', etfs, (r) => mapUsEtf(r, fd.bySymbol.get(`etfs:${r.fund_name?.toUpperCase()}`))],
    ['yahoo-us-mf-2021', mfs, (r) => mapUsMutualFund(r, fd.bySymbol.get(`funds:${r.fund_symbol?.toUpperCase()}`))],
    ['india-mf', india, mapIndiaScheme],
  ];
  for (const [source, items, map] of sources) {
    for (const item of items) if (!add(source, item.ok ? map(item.row) : { ok: false, reason: 'invalid CSV row' })) break;
  }

  const dedupe = new ListingDeduper();
  for (const group of EURO_GROUPS) {
    const rows = fd.euro[group].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
    let taken = 0;
    for (const row of rows) {
      if (records.length >= limit) break;
      if (taken >= caps[group]) { beyondCap[group] = (beyondCap[group] ?? 0) + 1; continue; }
      const m = mapEuroListing(row, group === 'euro-etfs' ? 'etfs' : 'funds');
      if (m.ok && dedupe.isDuplicate(m.record)) { count('financedatabase', 'duplicate'); continue; }
      const before = records.length;
      add('financedatabase', m);
      if (records.length > before) taken += 1;
    }
  }
  return { records, skipped, beyondCap, missing };
}

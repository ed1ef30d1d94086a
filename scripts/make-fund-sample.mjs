#!/usr/bin/env node
// Makes the bundled fund slice data/funds/ from the shared fund catalogs: the same five files in the
// same formats (gzip stays gzip), each row copied byte for byte from its source, chosen
// deterministically (no randomness) to cover every category and risk level:
//   - yahoo_us_etfs_2019.csv: per Morningstar category 1–3 ETFs (more for the big categories),
//     those with a FinanceDatabase summary first, then by net assets;
//   - yahoo_us_mutualfunds_2021_subset349.csv: the first fund (by ticker) of each FinanceDatabase
//     category group × Morningstar risk rating;
//   - india_mutual_funds_comprehensive.csv: the first two schemes (file order) of each sub-category;
//   - funds.csv.gz / etfs.csv.gz (FinanceDatabase): the rows of the tickers above (their summaries),
//     and euro listings: Madrid funds one per category group × category plus pension plans ("PP"),
//     other euro funds one per exchange × category group, euro ETFs two per category group, plus a
//     few rows the importer must skip (no summary, another listing of an ETF already taken).
//
//   node scripts/make-fund-sample.mjs [SHARED_DATA_DIR] [--out data/funds]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: path.join(root, 'data', 'funds') } } });
const shared = positionals[0] ?? path.join(root, '..', 'shared', 'data');
const FEES = path.join(shared, 'fund_catalogs_with_fees_risk');
const FD = path.join(shared, 'financedatabase_funds_etfs');

/** A CSV file as its header line and rows, each row with its fields and its exact source text. */
function load(file) {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const parsed = parse(text, { raw: true, bom: true, relax_column_count: true, skip_empty_lines: true });
  const [head, ...body] = parsed;
  const cols = head.record;
  return {
    header: head.raw.replace(/\r?\n$/, ''),
    rows: body.map(({ record, raw: line }) => ({ ...Object.fromEntries(cols.map((c, i) => [c, record[i] ?? ''])), $raw: line.replace(/\r?\n$/, '') })),
  };
}

function write(name, header, rows) {
  const text = `${[header, ...rows.map((r) => r.$raw)].join('\n')}\n`;
  const file = path.join(values.out, name);
  writeFileSync(file, name.endsWith('.gz') ? gzipSync(Buffer.from(text, 'utf8'), { level: 9 }) : text);
  console.log(`${path.relative(root, file)}: ${rows.length} rows`);
}

/** The first `n(key, size)` rows of each group, groups in first-seen order of the sorted rows. */
function perGroup(rows, keyOf, n) {
  const groups = new Map();
  for (const r of rows) {
    const k = keyOf(r);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(r);
  }
  return [...groups].flatMap(([k, g]) => g.slice(0, typeof n === 'function' ? n(k, g.length) : n));
}

const bySymbol = (col) => (a, b) => (a[col] < b[col] ? -1 : a[col] > b[col] ? 1 : 0);
const num = (v) => (v === '' || Number.isNaN(Number(v)) ? -Infinity : Number(v));
const VAGUE = /not (entirely |immediately )?clear from|cannot be determined|(is|are) not (specified|provided|available)|would be (detailed|outlined|found) in/i;
const usable = (r) => r.name.trim() !== '' && r.summary.trim() !== '' && !VAGUE.test(r.summary);

const usEtfs = load(path.join(FEES, 'yahoo_us_etfs_2019.csv'));
const usMfs = load(path.join(FEES, 'yahoo_us_mutualfunds_2021_subset349.csv'));
const india = load(path.join(FEES, 'india_mutual_funds_comprehensive.csv'));
const fdEtfs = load(path.join(FD, 'etfs.csv.gz'));
const fdFunds = load(path.join(FD, 'funds.csv.gz'));
const fdEtfBySymbol = new Map(fdEtfs.rows.map((r) => [r.symbol, r]));
const fdFundBySymbol = new Map(fdFunds.rows.map((r) => [r.symbol, r]));

const etfs = perGroup(
  [...usEtfs.rows].sort((a, b) => (fdEtfBySymbol.has(b.fund_name) - fdEtfBySymbol.has(a.fund_name)) || (num(b.net_assets) - num(a.net_assets)) || bySymbol('fund_name')(a, b)),
  (r) => r.category, (_k, size) => Math.min(3, Math.ceil(size / 40)),
);
const mfs = perGroup([...usMfs.rows].sort(bySymbol('fund_symbol')), (r) => `${fdFundBySymbol.get(r.fund_symbol)?.category_group ?? ''}|${r.morningstar_risk_rating}`, 1);
const schemes = perGroup(india.rows, (r) => r.sub_category, 2);

const euroFunds = fdFunds.rows.filter((r) => r.currency === 'EUR').sort(bySymbol('symbol'));
const madrid = euroFunds.filter((r) => r.exchange === 'MCE' && usable(r));
const madridTaken = perGroup(madrid, (r) => `${r.category_group}|${r.category}`, 1);
const pensionPlans = madrid.concat(euroFunds.filter((r) => r.exchange !== 'MCE' && usable(r)))
  .filter((r) => /\bPP\b/.test(r.name) && !madridTaken.includes(r)).slice(0, 6);
const otherFunds = perGroup(euroFunds.filter((r) => r.exchange !== 'MCE' && usable(r) && !pensionPlans.includes(r)), (r) => `${r.exchange}|${r.category_group}`, 1).slice(0, 60);
const noSummary = euroFunds.filter((r) => r.name.trim() !== '' && r.summary.trim() === '').slice(0, 3);
const euroEtfRows = fdEtfs.rows.filter((r) => r.currency === 'EUR').sort(bySymbol('symbol'));
const euroEtfs = perGroup(euroEtfRows.filter(usable), (r) => r.category_group, 2);
// Another listing (same ISIN, another exchange) of three chosen ETFs: the importer keeps the first.
const relistings = euroEtfs.filter((r) => r.isin).slice(0, 3)
  .map((e) => euroEtfRows.find((r) => r.isin === e.isin && r.symbol > e.symbol)).filter(Boolean);

const keepOrder = (all, chosen) => all.filter((r) => chosen.has(r));
const fundRows = new Set([...mfs.map((r) => fdFundBySymbol.get(r.fund_symbol)).filter(Boolean), ...madridTaken, ...pensionPlans, ...otherFunds, ...noSummary]);
const etfRows = new Set([...etfs.map((r) => fdEtfBySymbol.get(r.fund_name)).filter(Boolean), ...euroEtfs, ...relistings]);

mkdirSync(values.out, { recursive: true });
write('yahoo_us_etfs_2019.csv', usEtfs.header, keepOrder(usEtfs.rows, new Set(etfs)));
write('yahoo_us_mutualfunds_2021_subset349.csv', usMfs.header, keepOrder(usMfs.rows, new Set(mfs)));
write('india_mutual_funds_comprehensive.csv', india.header, keepOrder(india.rows, new Set(schemes)));
write('funds.csv.gz', fdFunds.header, keepOrder(fdFunds.rows, fundRows));
write('etfs.csv.gz', fdEtfs.header, keepOrder(fdEtfs.rows, etfRows));

// Euro-denominated funds and ETFs from FinanceDatabase (funds.csv.gz, etfs.csv.gz; see
// data/funds/SOURCE.md): relevant to a Spanish bank's customers, with a text summary but no fees or
// risk measures, so the risk level is the conservative default of the fund's class (risk.ts).
//
// Which listings are taken, in this deterministic order, each group up to its cap:
//   1. funds listed in Madrid (exchange MCE): Spanish funds (their ticker is the ISIN) and SICAVs;
//   2. funds listed on the other euro exchanges (Frankfurt, Stuttgart, Vienna, Amsterdam, Milan, …);
//   3. ETFs in euro (UCITS ETFs, each listed on several German exchanges: the first listing only).
// Within a group rows go by ticker. A row needs a name and a summary; a summary that says the
// fund's strategy is unknown ("not clear from the name") is no description. Duplicates (the same
// ISIN, or the same name once case, accents and punctuation are ignored) keep the first row.
import type { CsvRow } from './csvFile';
import { cleanName, classify, currencyOf, skip, text, type Mapped } from './record';
import { cleanSummary, isValidIsin, nameKey } from './text';
import { fdCategory, fdIsin } from './yahoo';

export type EuroGroup = 'madrid-funds' | 'euro-funds' | 'euro-etfs';
export const EURO_GROUPS: readonly EuroGroup[] = ['madrid-funds', 'euro-funds', 'euro-etfs'];

/** Default caps per group: about 2,800 euro listings next to the ~3,500 US and Indian funds. */
export const DEFAULT_EURO_CAPS: Readonly<Record<EuroGroup, number>> = { 'madrid-funds': 1_200, 'euro-funds': 800, 'euro-etfs': 800 };

const VAGUE = /not (entirely |immediately )?clear from|cannot be determined|(is|are) not (specified|provided|available)|would be (detailed|outlined|found) in/i;

/** The group a FinanceDatabase row competes in, or null when it is not a euro listing. */
export function euroGroupOf(row: CsvRow, file: 'funds' | 'etfs'): EuroGroup | null {
  if (currencyOf(row.currency) !== 'EUR') return null;
  if (file === 'etfs') return 'euro-etfs';
  return row.exchange === 'MCE' ? 'madrid-funds' : 'euro-funds';
}

/** The ISIN of a listing: its isin column, or a Madrid ticker that is an ISIN ("ES0102562008.MC"). */
function isinOf(row: CsvRow): string | null {
  const own = fdIsin(row);
  if (own) return own;
  const base = (row.symbol ?? '').split('.')[0].toUpperCase();
  return isValidIsin(base) ? base : null;
}

export function mapEuroListing(row: CsvRow, file: 'funds' | 'etfs'): Mapped {
  const symbol = text(row.symbol);
  if (!symbol) return skip('no ticker');
  const name = cleanName(row.name);
  if (!name) return skip('no name');
  const currency = currencyOf(row.currency);
  if (!currency) return skip('unknown currency');
  const description = cleanSummary(row.summary);
  if (!description) return skip('no summary');
  if (VAGUE.test(description)) return skip('summary does not describe the fund');
  const group = fdCategory(row.category_group);
  const subcategory = fdCategory(row.category) ?? group;
  const classified = classify({ categories: [group, fdCategory(row.category)], name }, file === 'etfs' ? 'etf' : 'fund', {});
  return {
    ok: true,
    record: {
      code: `fund:fd:${symbol.toUpperCase()}`, name, ...classified, subcategory, issuer: text(row.family), isin: isinOf(row),
      source: 'financedatabase', managementFeePercent: null, minAmount: null, currency, description,
    },
  };
}

/** Keeps the first listing of each ISIN and of each name. */
export class ListingDeduper {
  private readonly seen = new Set<string>();

  /** True if this record's ISIN or name was seen before; otherwise remembers them. */
  isDuplicate(r: { name: string; isin: string | null }): boolean {
    const keys = [`n:${nameKey(r.name)}`, ...(r.isin ? [`i:${r.isin}`] : [])];
    if (keys.some((k) => this.seen.has(k))) return true;
    for (const k of keys) this.seen.add(k);
    return false;
  }
}

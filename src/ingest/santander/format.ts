// The Santander "additions" file format (Kaggle Santander Product Recommendation, as prepared by
// woobe/kaggle_santander_product): one row per (customer, product added in the snapshot month),
// customer attributes at the snapshot date, and the 24 product flags for each of the 5 previous
// months (`<code>_TminusK`). `added_products` is optional (absent in files to be scored).
// This module turns one CSV record into a validated SantanderRecord or a readable error.

/** The 24 Santander product codes, in the file's column order. */
export const SANTANDER_CODES = [
  'ind_ahor_fin_ult1', 'ind_aval_fin_ult1', 'ind_cco_fin_ult1', 'ind_cder_fin_ult1', 'ind_cno_fin_ult1',
  'ind_ctju_fin_ult1', 'ind_ctma_fin_ult1', 'ind_ctop_fin_ult1', 'ind_ctpp_fin_ult1', 'ind_deco_fin_ult1',
  'ind_deme_fin_ult1', 'ind_dela_fin_ult1', 'ind_ecue_fin_ult1', 'ind_fond_fin_ult1', 'ind_hip_fin_ult1',
  'ind_plan_fin_ult1', 'ind_pres_fin_ult1', 'ind_reca_fin_ult1', 'ind_tjcr_fin_ult1', 'ind_valo_fin_ult1',
  'ind_viv_fin_ult1', 'ind_nomina_ult1', 'ind_nom_pens_ult1', 'ind_recibo_ult1',
] as const;
export type SantanderCode = (typeof SANTANDER_CODES)[number];
const CODE_SET: ReadonlySet<string> = new Set(SANTANDER_CODES);

/** Lags in the file, oldest first: T-5 … T-1 months before the snapshot date. */
export const LAGS = [5, 4, 3, 2, 1] as const;

export const REQUIRED_COLUMNS = ['ncodpers', 'fecha_dato', ...LAGS.flatMap((k) => SANTANDER_CODES.map((c) => `${c}_Tminus${k}`))];

export interface SantanderRecord {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  customerId: string;
  snapshotAt: Date;
  profile: {
    age: number | null;
    income: number | null;
    segment: string | null;
    seniorityMonths: number | null;
    active: boolean | null;
    region: string | null;
    joinedAt: Date | null;
  };
  /** Protected attributes: stored for the customer's record only, never given to a model. */
  protected: { sex: string | null; residenceCountry: string | null; foreignBorn: boolean | null };
  /** Monthly holdings, oldest first; a month with no record in the file is left out. */
  holdings: { at: Date; held: SantanderCode[] }[];
  /** The product added in the snapshot month, when the file has labels. */
  added: SantanderCode | null;
}

export class RowError extends Error {
  constructor(readonly line: number, readonly field: string, readonly reason: string) {
    super(`line ${line}: ${field}: ${reason}`);
  }
}

const MISSING = new Set(['', 'NA', 'NaN', 'nan', 'NULL', 'null']);
const blank = (v: string | undefined): boolean => v === undefined || MISSING.has(v.trim());

function num(row: Record<string, string>, field: string, line: number, min: number, max: number): number | null {
  const v = row[field];
  if (blank(v)) return null;
  const n = Number(v.trim());
  if (!Number.isFinite(n)) throw new RowError(line, field, `"${v}" is not a number`);
  if (n < min || n > max) throw new RowError(line, field, `${n} is outside ${min}…${max}`);
  return n;
}

/** A whole number (stored in an integer column): "45.5" is an error, "45.0" is 45. */
function int(row: Record<string, string>, field: string, line: number, min: number, max: number): number | null {
  const n = num(row, field, line, min, max);
  if (n !== null && !Number.isInteger(n)) throw new RowError(line, field, `"${row[field]}" is not a whole number`);
  return n;
}

/** Seniority in months; a negative value is the Kaggle "unknown" sentinel (-999999), not an error. */
function seniority(row: Record<string, string>, line: number): number | null {
  const v = row.antiguedad;
  if (!blank(v) && Number(v.trim()) < 0) return null;
  return int(row, 'antiguedad', line, 0, 1200);
}

function text(row: Record<string, string>, field: string): string | null {
  const v = row[field];
  return blank(v) ? null : v.trim();
}

function flag(row: Record<string, string>, field: string, yes: string, no: string, line: number): boolean | null {
  const v = text(row, field);
  if (v === null) return null;
  if (v === yes) return true;
  if (v === no) return false;
  throw new RowError(line, field, `"${v}" is neither ${yes} nor ${no}`);
}

/** A YYYY-MM-DD date at UTC midnight. */
function date(row: Record<string, string>, field: string, line: number, required: boolean): Date | null {
  const v = text(row, field);
  if (v === null) {
    if (required) throw new RowError(line, field, 'is required');
    return null;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!d || d.getUTCMonth() !== +m![2] - 1 || d.getUTCDate() !== +m![3]) throw new RowError(line, field, `"${v}" is not a YYYY-MM-DD date`);
  return d;
}

/** The snapshot date K months earlier (Santander snapshots are on the 28th, so no month overflow). */
export function monthsBefore(d: Date, k: number): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - k, d.getUTCDate()));
}

/** Checks the header once, before any row: a file without the product lags is not this format. */
export function checkHeader(columns: readonly string[]): void {
  const have = new Set(columns);
  const missing = REQUIRED_COLUMNS.filter((c) => !have.has(c));
  if (missing.length > 0) {
    throw new Error(`not a Santander additions file: missing ${missing.length} column(s): ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
  }
}

export function parseRecord(row: Record<string, string>, line: number): SantanderRecord {
  const customerId = text(row, 'ncodpers');
  if (customerId === null || !/^\d{1,12}$/.test(customerId)) throw new RowError(line, 'ncodpers', `"${row.ncodpers ?? ''}" is not a customer code`);
  const snapshotAt = date(row, 'fecha_dato', line, true)!;

  const holdings: SantanderRecord['holdings'] = [];
  for (const k of LAGS) {
    const held: SantanderCode[] = [];
    let recorded = false;
    for (const code of SANTANDER_CODES) {
      const field = `${code}_Tminus${k}`;
      const v = row[field];
      if (blank(v)) continue;
      recorded = true;
      const n = Number(v.trim());
      if (n === 1) held.push(code);
      else if (n !== 0) throw new RowError(line, field, `"${v}" is not 0 or 1`);
    }
    if (recorded) holdings.push({ at: monthsBefore(snapshotAt, k), held });
  }

  const addedRaw = text(row, 'added_products');
  if (addedRaw !== null && !CODE_SET.has(addedRaw)) throw new RowError(line, 'added_products', `"${addedRaw}" is not a Santander product code`);

  const activity = num(row, 'ind_actividad_cliente', line, 0, 1);
  return {
    line,
    customerId,
    snapshotAt,
    profile: {
      age: int(row, 'age', line, 0, 120),
      income: num(row, 'renta', line, 0, 1e9),
      segment: text(row, 'segmento'),
      seniorityMonths: seniority(row, line),
      active: activity === null ? null : activity === 1,
      region: text(row, 'nomprov'),
      joinedAt: date(row, 'fecha_alta', line, false),
    },
    protected: {
      sex: text(row, 'sexo'),
      residenceCountry: text(row, 'pais_residencia'),
      foreignBorn: flag(row, 'indext', 'S', 'N', line),
    },
    holdings,
    added: addedRaw as SantanderCode | null,
  };
}

// What kind of fund a catalog row is, decided in this one file: its asset class (which gives the
// conservative default risk level when the source has no risk measure), whether it is a retirement
// product, and from that the Product category and the bank product line the instrument belongs to.
//
// Product category and line (the line's behavioural score is what an instrument carries):
//   retirement / target-date / pension plan   → PENSION, line ind_plan_fin_ult1 (Pension Plan)
//   exchange-traded fund (any other class)    → FUND,    line ind_valo_fin_ult1 (Securities Account):
//       in Spain an ETF is bought and held like a share, through a securities account, and does not
//       get the tax-free fund-to-fund transfer of investment funds
//   mutual fund / SICAV (any other class)     → FUND,    line ind_fond_fin_ult1 (Investment Funds)
//
// Asset classes: the first rule of ASSET_CLASS_RULES matching the source's categories and name wins
// (Spanish, French and German terms included for the euro listings). Default risk (PRIIPs SRI) is conservative:
// when unsure, the higher level.
import type { ProductCategory } from '../../recommend/types';

export type AssetClass =
  | 'leveraged' | 'crypto' | 'volatility' | 'money-market' | 'short-bond' | 'high-yield-bond' | 'bond'
  | 'target-date' | 'allocation' | 'commodity' | 'real-estate' | 'alternative' | 'equity' | 'unknown';

interface ClassRule { cls: AssetClass; pattern: RegExp; defaultRisk: number }

export const ASSET_CLASS_RULES: readonly ClassRule[] = [
  // Leveraged and inverse products are 7 whatever else is known (see risk.ts).
  { cls: 'leveraged', pattern: /leveraged|inverse|bear market/i, defaultRisk: 7 },
  { cls: 'crypto', pattern: /crypto|bitcoin|ethereum|\bxbt\b/i, defaultRisk: 7 },
  // Volatility as the asset (a "Volatility" category, VIX futures) — not "low/min volatility" equity.
  { cls: 'volatility', pattern: /(^|\| )volatility( \||$)|\bvix\b/i, defaultRisk: 7 },
  { cls: 'target-date', pattern: /target[- ]?date|retirement(?! (residence|living|communit|home))|lifecycle|life ?path/i, defaultRisk: 5 },
  { cls: 'money-market', pattern: /money market|monetari|geldmarkt|tr[ée]so(r|\b)|\bliquid(ity)?\b|overnight|\bcash\b/i, defaultRisk: 1 },
  { cls: 'short-bond', pattern: /ultra ?-?short|low duration|short[- ](term|duration|maturity)|short government|floater|arbitrage|corto plazo/i, defaultRisk: 2 },
  { cls: 'high-yield-bond', pattern: /high yield|fixed income \| emerging|credit risk|emerging.*(bond|debt)|(bond|debt).*emerging|bank loan|convertible|nontraditional bond|multisector bond/i, defaultRisk: 4 },
  { cls: 'bond', pattern: /bond|fixed income|renta fija|\bdebt\b|\bgilt|treasury|\bmuni|government|inflation-protected|mortgage backed|banking and psu|\bduration\b|fixed maturity|obligac|deuda|anleihe|\brent(en)?\b/i, defaultRisk: 3 },
  { cls: 'allocation', pattern: /allocation|hybrid|balanced|mixto|mixed|multi[- ]?asset|equity savings|conservat|conservador|moderate|moderado|equilibrado|\bblend(ed)? fund/i, defaultRisk: 4 },
  { cls: 'commodity', pattern: /commodit|precious metal|\bgold\b|\bsilver\b|\boil\b|natural resources|currenc|energy limited partnership/i, defaultRisk: 6 },
  { cls: 'real-estate', pattern: /real estate|\breits?\b|inmobiliari|immobilien/i, defaultRisk: 6 },
  { cls: 'alternative', pattern: /alternative|long-short|market neutral|managed futures|option writing|hedge|derivative|trading/i, defaultRisk: 6 },
  // Broad developed-market large-cap equity: 5; every other equity (small, emerging, sector, single country): 6.
  { cls: 'equity', pattern: /^(?!.*(emerging|small|micro|frontier|sector|thematic|china|india|latin|russia)).*(large (blend|value|growth|cap)|foreign large|s&p 500|msci world|world stock|index funds?\b|developed markets)/i, defaultRisk: 5 },
  { cls: 'equity', pattern: /equit|stock|\bcap\b|blend|growth|value|elss|sectoral|thematic|technology|health|financial|energy|utilities|industrials|materials|consumer|communication|emerging|developed|region|india|china|japan|europe|world|renta variable|acciones|aktien|focused|contra|dividend|infrastructure|factors/i, defaultRisk: 6 },
];

/**
 * Names that say the product is leveraged or inverse: "-2x", "3X", "UltraPro", "UltraShort",
 * "ProShares Ultra", "Bear", "Double Inverse" — not "Ultra Short-Term Bond" nor "Century Ultra Fund".
 */
const LEVERAGED_NAME = /-?\b[23] ?x\b|\dx ?leveraged|\bultra(pro|short)\b|\bproshares ultra\b|\bbear\b|double inverse/i;

/** Nothing matched: treated as the riskiest ordinary fund (conservative). */
export const UNKNOWN_CLASS: ClassRule = { cls: 'unknown', pattern: /$^/, defaultRisk: 6 };

export interface ClassInput {
  /** The source's categories, broadest first (category group, category, sub-category). */
  categories: readonly (string | null | undefined)[];
  name: string;
}

/** The asset class of a fund: the first rule matching its categories or name. */
export function assetClassOf({ categories, name }: ClassInput): ClassRule {
  if (LEVERAGED_NAME.test(name)) return ASSET_CLASS_RULES[0];
  const text = [...categories.filter((t): t is string => !!t && t.trim() !== ''), name].join(' | ');
  for (const r of ASSET_CLASS_RULES) if (r.pattern.test(text)) return r;
  return UNKNOWN_CLASS;
}

/** Retirement products: target-date and retirement funds, pension plans (Spanish "PP", "plan de pensiones"). */
const RETIREMENT = /target[- ]?date|retirement(?! (residence|living|communit|home))|lifecycle|life ?path|\bpension|planes? de pensiones/i;
const PENSION_PLAN_ABBREVIATION = /\bPP\b/;

export function isRetirement({ categories, name }: ClassInput): boolean {
  const text = [...categories.filter(Boolean), name].join(' | ');
  return RETIREMENT.test(text) || PENSION_PLAN_ABBREVIATION.test(name);
}

export const FUND_LINE = 'ind_fond_fin_ult1';
export const PENSION_LINE = 'ind_plan_fin_ult1';
export const SECURITIES_LINE = 'ind_valo_fin_ult1';

export type Vehicle = 'etf' | 'fund';

/** Product category and line of an instrument (see the table at the top). */
export function placementOf(retirement: boolean, vehicle: Vehicle): { category: ProductCategory; lineCode: string } {
  if (retirement) return { category: 'PENSION', lineCode: PENSION_LINE };
  return { category: 'FUND', lineCode: vehicle === 'etf' ? SECURITIES_LINE : FUND_LINE };
}

// Risk level (EU PRIIPs summary risk indicator, 1–7) of an imported fund, and how it was set
// (Product.riskBasis). The first basis the source row has wins:
//
//   1. leveraged / inverse / crypto / volatility products → 7 whatever the data says ("category");
//   2. "sebi-riskometer": the Indian regulator's riskometer, an absolute scale of 6 levels, one to one
//        Low 1 → 1, Low to Moderate 2 → 2, Moderate 3 → 3, Moderately High 4 → 4, High 5 → 5,
//        Very High 6 → 6 (SRI 7 stays for leveraged products, which SEBI has no level for);
//   3. "volatility-3y": 3-year annualised standard deviation of returns (%), in the PRIIPs market-risk
//        (MRM) volatility bands: < 0.5 → 1, 0.5–5 → 2, 5–12 → 3, 12–20 → 4, 20–30 → 5, 30–80 → 6,
//        ≥ 80 → 7 (a band's lower bound belongs to it); a zero or missing deviation is "not known";
//   4. "morningstar-risk": Morningstar's risk rating, 1 (low) – 5 (high). It ranks a fund against the
//        peers of its own Morningstar category, so it cannot stand alone: it moves the category default
//        (step 5) by 1 → −1, 2 → 0, 3 → 0, 4 → +1, 5 → +1, kept within 1–7 (rounding up, conservative);
//        used only where no volatility is known, since volatility is the absolute measure PRIIPs uses;
//   5. "category": the conservative default of the fund's asset class (classes.ts).
import type { AssetClass } from './classes';

export type RiskBasis = 'sebi-riskometer' | 'volatility-3y' | 'morningstar-risk' | 'category';

export interface RiskInput {
  cls: AssetClass;
  /** The asset class's default (classes.ts). */
  classDefault: number;
  sebiRiskometer?: number | null;
  volatility3yPercent?: number | null;
  morningstarRisk?: number | null;
}

export interface Risk { level: number; basis: RiskBasis }

/** Upper bounds (exclusive) of PRIIPs SRI classes 1–6 on annualised volatility, percent. */
export const PRIIPS_VOLATILITY_BANDS = [0.5, 5, 12, 20, 30, 80] as const;

export function sriFromVolatility(percent: number): number {
  const i = PRIIPS_VOLATILITY_BANDS.findIndex((upper) => percent < upper);
  return i === -1 ? 7 : i + 1;
}

export const SEBI_TO_SRI: Readonly<Record<number, number>> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6 };
export const MORNINGSTAR_RISK_SHIFT: Readonly<Record<number, number>> = { 1: -1, 2: 0, 3: 0, 4: 1, 5: 1 };

const ALWAYS_SEVEN: ReadonlySet<AssetClass> = new Set(['leveraged', 'crypto', 'volatility']);
const clamp = (n: number): number => Math.min(7, Math.max(1, n));

export function riskOf(r: RiskInput): Risk {
  if (ALWAYS_SEVEN.has(r.cls)) return { level: 7, basis: 'category' };
  if (r.sebiRiskometer != null && SEBI_TO_SRI[r.sebiRiskometer] !== undefined) {
    return { level: SEBI_TO_SRI[r.sebiRiskometer], basis: 'sebi-riskometer' };
  }
  if (r.volatility3yPercent != null && Number.isFinite(r.volatility3yPercent) && r.volatility3yPercent > 0) {
    return { level: sriFromVolatility(r.volatility3yPercent), basis: 'volatility-3y' };
  }
  if (r.morningstarRisk != null && MORNINGSTAR_RISK_SHIFT[r.morningstarRisk] !== undefined) {
    return { level: clamp(r.classDefault + MORNINGSTAR_RISK_SHIFT[r.morningstarRisk]), basis: 'morningstar-risk' };
  }
  return { level: r.classDefault, basis: 'category' };
}

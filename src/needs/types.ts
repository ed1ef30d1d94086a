// The parsed-need contract: what a customer asked for in their own words (English or Spanish),
// as typed fields each carrying the exact words it came from. Built by parseNeed.ts (rules, or an
// LLM validated against this shape); consumed by the recommender (recommendForNeed.ts).
import type { ProductCategory } from '../recommend/types';

export type { ProductCategory };

export interface NeedField<T> {
  value: T;
  /** The exact words of the input it came from (always a substring of ParsedNeed.text). */
  source: string;
}

/** NONE = no capital at risk at all. */
export type RiskAppetite = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH';
/** HIGH = needs access to the money at any time; LOW = can lock it away. */
export type Liquidity = 'LOW' | 'MEDIUM' | 'HIGH';
export type Goal =
  | 'SAVE' | 'GROW' | 'INCOME' | 'RETIREMENT' | 'BUY_HOME' | 'BORROW' | 'EVERYDAY_BANKING'
  | 'PAYMENTS_CREDIT' | 'PROTECTION' | 'EDUCATION' | 'CHILD' | 'TRADE';

export const RISK_APPETITES = ['NONE', 'LOW', 'MEDIUM', 'HIGH'] as const satisfies readonly RiskAppetite[];
export const LIQUIDITIES = ['LOW', 'MEDIUM', 'HIGH'] as const satisfies readonly Liquidity[];
export const GOALS = [
  'SAVE', 'GROW', 'INCOME', 'RETIREMENT', 'BUY_HOME', 'BORROW', 'EVERYDAY_BANKING',
  'PAYMENTS_CREDIT', 'PROTECTION', 'EDUCATION', 'CHILD', 'TRADE',
] as const satisfies readonly Goal[];

export interface NeedConflict {
  /** e.g. RETURN_WITHOUT_RISK, SHORT_HORIZON_RETIREMENT, LIQUIDITY_LOCKUP, CATEGORY_WANTED_AND_UNWANTED. */
  code: string;
  message: string;
  /** The words that contradict each other (substrings of the text). */
  sources: string[];
}

export interface ParsedNeed {
  text: string;
  language: 'en' | 'es';
  /** In the stated currency: "50k" = 50000, "50.000 €" = 50000, "1,5 millones" = 1500000. */
  amount: NeedField<number> | null;
  /** ISO 4217 code: EUR USD GBP INR … */
  currency: NeedField<string> | null;
  /** "two years" = 24; "short term" = SHORT_TERM_MONTHS, "long term" = LONG_TERM_MONTHS (see parseNeed.ts). */
  horizonMonths: NeedField<number> | null;
  riskAppetite: NeedField<RiskAppetite> | null;
  liquidity: NeedField<Liquidity> | null;
  goals: NeedField<Goal>[];
  wantedCategories: NeedField<ProductCategory>[];
  /** "no funds", "nada de hipotecas", "but not stocks". */
  unwantedCategories: NeedField<ProductCategory>[];
  /** Contradictions the customer should be told about. */
  conflicts: NeedConflict[];
  /** 'rules' or 'llm:<model>'. */
  parser: string;
}

/**
 * Highest EU PRIIPs SRI (1–7) a product may carry for an appetite.
 * NONE → 1 (capital-guaranteed: accounts, deposits), LOW → 3 (conservative/bond funds),
 * MEDIUM → 5 (balanced/equity funds), HIGH → 7 (anything, incl. single stocks and derivatives).
 */
export function maxRiskFor(appetite: RiskAppetite): number {
  switch (appetite) {
    case 'NONE': return 1;
    case 'LOW': return 3;
    case 'MEDIUM': return 5;
    case 'HIGH': return 7;
  }
}

/** Product categories that serve each goal, most typical first. */
export const GOAL_CATEGORIES: Record<Goal, ProductCategory[]> = {
  SAVE: ['ACCOUNT', 'DEPOSIT', 'FUND'],
  GROW: ['FUND', 'SECURITIES', 'PENSION'],
  INCOME: ['FUND', 'DEPOSIT', 'SECURITIES'],
  RETIREMENT: ['PENSION', 'FUND', 'INSURANCE'],
  // A mortgage, and a savings account/deposit for the down payment.
  BUY_HOME: ['MORTGAGE', 'DEPOSIT', 'ACCOUNT'],
  BORROW: ['LOAN', 'CARD'],
  EVERYDAY_BANKING: ['ACCOUNT', 'CARD', 'SERVICE'],
  PAYMENTS_CREDIT: ['CARD', 'ACCOUNT'],
  PROTECTION: ['INSURANCE'],
  // Saving for education; a student loan only when the customer asks to borrow (BORROW, or by name).
  EDUCATION: ['FUND', 'DEPOSIT'],
  CHILD: ['ACCOUNT', 'DEPOSIT', 'FUND', 'INSURANCE'],
  TRADE: ['SECURITIES', 'SERVICE'],
};

/** Goals from the most specific to the most generic: "save for retirement" is about retirement. */
export const GOAL_SPECIFICITY: readonly Goal[] = [
  'RETIREMENT', 'BUY_HOME', 'BORROW', 'EDUCATION', 'PROTECTION', 'TRADE', 'INCOME', 'CHILD',
  'PAYMENTS_CREDIT', 'EVERYDAY_BANKING', 'GROW', 'SAVE',
];

/** Categories whose products put capital at risk (SRI above 1), left out when the appetite is NONE. */
const CAPITAL_AT_RISK: ReadonlySet<ProductCategory> = new Set(['FUND', 'SECURITIES']);

/**
 * The categories a need points at, most relevant first, refused ones never included:
 * 1. the categories asked for by name, in the order written;
 * 2. those of its goals, most specific goal first (GOAL_SPECIFICITY), without FUND/SECURITIES
 *    when the appetite is NONE, plus DEPOSIT and ACCOUNT for a no-risk SAVE/GROW/INCOME goal;
 * 3. with no product or goal named, FUND for a medium appetite, FUND and SECURITIES for a high one;
 * 4. ACCOUNT for high liquidity ("any time"), DEPOSIT for low ("lock it away");
 * 5. with nothing else to go on but a no/low-risk wish: ACCOUNT, DEPOSIT.
 */
export function impliedCategories(need: Pick<ParsedNeed, 'wantedCategories' | 'goals' | 'unwantedCategories'> & Partial<Pick<ParsedNeed, 'riskAppetite' | 'liquidity'>>): ProductCategory[] {
  const out: ProductCategory[] = [];
  const unwanted = new Set(need.unwantedCategories.map((c) => c.value));
  const add = (c: ProductCategory) => { if (!out.includes(c) && !unwanted.has(c)) out.push(c); };
  const noRisk = need.riskAppetite?.value === 'NONE';
  for (const c of need.wantedCategories) add(c.value);
  const goals = new Set(need.goals.map((g) => g.value));
  for (const g of GOAL_SPECIFICITY) {
    if (!goals.has(g)) continue;
    if (noRisk && (g === 'SAVE' || g === 'GROW' || g === 'INCOME')) { add('DEPOSIT'); add('ACCOUNT'); }
    for (const c of GOAL_CATEGORIES[g]) if (!(noRisk && CAPITAL_AT_RISK.has(c))) add(c);
  }
  const appetite = need.riskAppetite?.value;
  if (out.length === 0 && (appetite === 'MEDIUM' || appetite === 'HIGH')) { add('FUND'); if (appetite === 'HIGH') add('SECURITIES'); }
  if (need.liquidity?.value === 'HIGH') add('ACCOUNT');
  if (need.liquidity?.value === 'LOW') add('DEPOSIT');
  if (out.length === 0 && (noRisk || need.riskAppetite?.value === 'LOW')) { add('ACCOUNT'); add('DEPOSIT'); }
  return out;
}

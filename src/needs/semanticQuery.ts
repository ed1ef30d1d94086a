// The text embedded for a need: the customer's own words, followed by an English gloss of what
// was parsed from them (categories named, goals, risk wish). The bundled sentence encoder is
// English-only, so for a need in Spanish the gloss carries most of the meaning; in English it
// sharpens a vague text ("somewhere for my savings") towards the catalog's wording.
import type { ProductCategory } from '../recommend/types';
import type { Goal, ParsedNeed, RiskAppetite } from './types';

const CATEGORY: Record<ProductCategory, string> = {
  ACCOUNT: 'bank account', DEPOSIT: 'term deposit', FUND: 'investment fund', PENSION: 'pension plan for retirement',
  SECURITIES: 'shares and securities trading account', LOAN: 'personal loan', MORTGAGE: 'mortgage to buy a home',
  CARD: 'credit card', INSURANCE: 'insurance', SERVICE: 'banking service',
};
const GOAL: Record<Goal, string> = {
  SAVE: 'savings', GROW: 'long-term growth', INCOME: 'regular income', RETIREMENT: 'retirement', BUY_HOME: 'buying a home',
  BORROW: 'borrowing money', EVERYDAY_BANKING: 'everyday banking and payments', PAYMENTS_CREDIT: 'card payments and credit',
  PROTECTION: 'protection and insurance', EDUCATION: 'education savings', CHILD: 'savings for a child', TRADE: 'trading shares',
};
const RISK: Record<RiskAppetite, string> = {
  NONE: 'capital guaranteed, no risk', LOW: 'low risk, conservative', MEDIUM: 'balanced risk', HIGH: 'high risk, equity growth',
};

export function semanticQuery(need: ParsedNeed): string {
  const gloss = [
    ...need.wantedCategories.map((c) => CATEGORY[c.value]),
    ...need.goals.map((g) => GOAL[g.value]),
    ...(need.riskAppetite ? [RISK[need.riskAppetite.value]] : []),
  ];
  const unique = [...new Set(gloss)];
  return unique.length > 0 ? `${need.text.trim()} (${unique.join('; ')})` : need.text.trim();
}

// A hand-made bank for recommender tests: eight products and customers whose holdings and additions
// carry deliberate structure. Months are Santander-style snapshots (28th); additions on 2016-06-28.
import { additionExamples, buildCustomerState } from '../../src/recommend/customerState';
import type { BehaviourEvent, CustomerProfile, CustomerState, ProductInfo, TrainingData } from '../../src/recommend/types';

export const MONTHS = [0, 1, 2, 3, 4].map((m) => new Date(Date.UTC(2016, m, 28)));
export const ADDED_AT = new Date(Date.UTC(2016, 5, 28));

function product(id: string, name: string, category: ProductInfo['category'], riskLevel: number, description: string, extra: Partial<ProductInfo> = {}): ProductInfo {
  return {
    id, code: id, name, category, riskLevel, interestRate: null, apr: null, annualFee: null, managementFeePercent: null,
    termMonths: null, minAge: null, maxAge: null, minAmount: null, currency: 'EUR', description, active: true, ...extra,
  };
}

export const PRODUCTS: ProductInfo[] = [
  product('acc', 'Current Account', 'ACCOUNT', 1, 'An everyday current account for payments, cards and transfers.'),
  product('pay', 'Payroll', 'SERVICE', 1, 'Have your salary paid into your account for better conditions.', { minAge: 16 }),
  product('card', 'Credit Card', 'CARD', 2, 'A credit card for purchases, paid monthly or in instalments.', { minAge: 18 }),
  product('save', 'Savings Account', 'ACCOUNT', 1, 'A savings account that pays interest on your balance, instant access.'),
  product('fund', 'Investment Fund', 'FUND', 4, 'A diversified investment fund of shares and bonds; the value goes up and down.', { minAge: 18 }),
  product('deriv', 'Derivatives', 'SECURITIES', 7, 'Trading of options and futures with leverage; you can lose more than you invest.', { minAge: 18 }),
  product('junior', 'Junior Account', 'ACCOUNT', 1, 'A savings account for children and young people.', { maxAge: 19 }),
  product('old', 'Retired Product', 'SERVICE', 1, 'A product no longer offered.', { active: false }),
];

export function profile(id: string, extra: Partial<CustomerProfile> = {}): CustomerProfile {
  return {
    id, age: 40, income: 40_000, segment: '02 - PARTICULARES', seniorityMonths: 60, active: true, region: 'MADRID',
    riskTolerance: null, investmentHorizonMonths: null, liquidityNeed: null, ...extra,
  };
}

/** History: `months[k]` = products held at MONTHS[k] (oldest first), then a PURCHASE of each added one. */
export function history(months: readonly (readonly string[])[], added: readonly string[] = []): BehaviourEvent[] {
  const events: BehaviourEvent[] = [];
  months.forEach((held, k) => { for (const p of held) events.push({ productId: p, kind: 'HOLD', value: null, at: MONTHS[k] }); });
  for (const p of added) events.push({ productId: p, kind: 'PURCHASE', value: null, at: ADDED_AT });
  return events;
}

/** The state of a customer just before the addition date (what is scored). */
export function stateOf(p: CustomerProfile, months: readonly (readonly string[])[], extra: BehaviourEvent[] = []): CustomerState {
  return buildCustomerState(p, [...history(months), ...extra], ADDED_AT);
}

const same = (held: string[]): string[][] => MONTHS.map(() => held);

export interface FixtureCustomer { profile: CustomerProfile; history: BehaviourEvent[] }

/**
 * - 12 "payroll" customers (age 30–41) hold acc+pay and add card  → item-CF: pay → card.
 * - 10 "savers" (age 60–69, segment TOP) hold acc+save and add fund → user-CF by profile and holdings.
 * - 6 "churners" held pay until the last month, dropped it, and add pay back → USED_TO_HOLD.
 * - 8 plain customers hold acc and add save; 4 of them (active, many changes) also add card.
 */
export function fixtureCustomers(): FixtureCustomer[] {
  const out: FixtureCustomer[] = [];
  for (let i = 0; i < 12; i += 1) out.push({ profile: profile(`payroll-${i}`, { age: 30 + i }), history: history(same(['acc', 'pay']), ['card']) });
  for (let i = 0; i < 10; i += 1) {
    out.push({ profile: profile(`saver-${i}`, { age: 60 + i, segment: '01 - TOP', income: i % 3 ? 90_000 : null }), history: history(same(['acc', 'save']), ['fund']) });
  }
  for (let i = 0; i < 6; i += 1) {
    out.push({ profile: profile(`churner-${i}`, { age: 45 + i }), history: history([['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc', 'pay'], ['acc']], ['pay']) });
  }
  for (let i = 0; i < 8; i += 1) {
    const busy = i < 4;
    const months = busy ? [['acc'], ['acc', 'save'], ['acc'], ['acc', 'save'], ['acc']] : same(['acc']);
    out.push({ profile: profile(`plain-${i}`, { age: 25 + i, active: busy }), history: history(months, busy ? ['save', 'card'] : ['save']) });
  }
  return out;
}

export function trainingFixture(customers = fixtureCustomers(), products = PRODUCTS): TrainingData {
  return {
    products,
    customers: customers.map((c) => buildCustomerState(c.profile, c.history)),
    examples: customers.flatMap((c) => additionExamples(c.profile, c.history)),
  };
}

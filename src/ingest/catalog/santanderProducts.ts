// The catalog FinRec builds from the 24 Santander product codes (codes and English names from the
// Kaggle forum translation, see data/SOURCE.md). Categories, risk levels (EU PRIIPs SRI 1–7), age
// bounds and descriptions are FinRec's own, written for this catalog:
//  - risk level: 1 = no capital at risk (accounts, deposits up to the guarantee, payment services);
//    credit products carry the customer's repayment risk, not market risk, and are 2–3 (their
//    suitability is an affordability question, not a risk-tolerance one);
//  - age bounds are explicit eligibility rules: adults-only credit and investment products
//    (18+), the Junior Account (under 20: the bank's own data shows adoption up to age 19), payroll
//    products from the legal working age (16), mortgages to age 75 at signing.
// Rates and fees are left empty: the source has none, and FinRec does not invent prices.
import type { ProductCategory } from '../../recommend/types';
import type { SantanderCode } from '../santander/format';

export interface ProductSeed {
  code: string;
  name: string;
  category: ProductCategory;
  riskLevel: number;
  termMonths?: number;
  minAge?: number;
  maxAge?: number;
  minAmount?: number;
  description: string;
}

export const SANTANDER_CATALOG: readonly (ProductSeed & { code: SantanderCode })[] = [
  { code: 'ind_ahor_fin_ult1', name: 'Saving Account', category: 'ACCOUNT', riskLevel: 1,
    description: 'An instant-access savings account that pays interest on your balance. Your money is covered by the deposit guarantee scheme and you can withdraw it at any time.' },
  { code: 'ind_aval_fin_ult1', name: 'Guarantees', category: 'LOAN', riskLevel: 2, minAge: 18,
    description: 'A bank guarantee that backs your obligations to a third party, such as a rental deposit or a supplier contract. The bank pays if you cannot, and you repay the bank.' },
  { code: 'ind_cco_fin_ult1', name: 'Current Account', category: 'ACCOUNT', riskLevel: 1,
    description: 'An everyday current account for receiving income, paying bills and cards, and making transfers. Instant access, covered by the deposit guarantee scheme.' },
  { code: 'ind_cder_fin_ult1', name: 'Derivatives Account', category: 'SECURITIES', riskLevel: 7, minAge: 18,
    description: 'An account for trading derivatives such as options and futures. Leverage means you can lose more than you invest; for experienced investors with a high tolerance for risk.' },
  { code: 'ind_cno_fin_ult1', name: 'Payroll Account', category: 'ACCOUNT', riskLevel: 1, minAge: 16,
    description: 'A current account for customers who have their salary paid in, with fee waivers and preferential conditions in return. Instant access, covered by the deposit guarantee scheme.' },
  { code: 'ind_ctju_fin_ult1', name: 'Junior Account', category: 'ACCOUNT', riskLevel: 1, maxAge: 19,
    description: 'A savings account for children and young people, opened by their parents or guardians, to start saving early with no fees. Covered by the deposit guarantee scheme.' },
  { code: 'ind_ctma_fin_ult1', name: 'Más Particular Account', category: 'ACCOUNT', riskLevel: 1,
    description: 'A personal current account with a simple fee structure for everyday banking, for customers who want basic services without a salary commitment.' },
  { code: 'ind_ctop_fin_ult1', name: 'Particular Account', category: 'ACCOUNT', riskLevel: 1,
    description: 'The standard personal current account for day-to-day banking: direct debits, transfers, cards and online banking. Covered by the deposit guarantee scheme.' },
  { code: 'ind_ctpp_fin_ult1', name: 'Particular Plus Account', category: 'ACCOUNT', riskLevel: 1,
    description: 'A premium personal current account with extra benefits, such as cashback on household bills and better conditions, for customers who bank mainly with us.' },
  { code: 'ind_deco_fin_ult1', name: 'Short-term Deposit', category: 'DEPOSIT', riskLevel: 1, termMonths: 6, minAmount: 1000,
    description: 'A fixed-term deposit of up to six months with a guaranteed interest rate. Your capital is safe and covered by the deposit guarantee scheme, but locked until maturity.' },
  { code: 'ind_deme_fin_ult1', name: 'Medium-term Deposit', category: 'DEPOSIT', riskLevel: 1, termMonths: 12, minAmount: 1000,
    description: 'A fixed-term deposit for about a year with a guaranteed interest rate. A safe place for savings you will not need soon, covered by the deposit guarantee scheme.' },
  { code: 'ind_dela_fin_ult1', name: 'Long-term Deposit', category: 'DEPOSIT', riskLevel: 1, termMonths: 36, minAmount: 3000,
    description: 'A fixed-term deposit over several years with a guaranteed, higher interest rate. Capital protected and covered by the deposit guarantee scheme; early withdrawal carries a penalty.' },
  { code: 'ind_ecue_fin_ult1', name: 'e-Account', category: 'ACCOUNT', riskLevel: 1,
    description: 'An online-only account managed entirely from your phone or computer, with no maintenance fees. Instant access and covered by the deposit guarantee scheme.' },
  { code: 'ind_fond_fin_ult1', name: 'Investment Funds', category: 'FUND', riskLevel: 4, minAge: 18, minAmount: 500,
    description: 'Mutual funds that pool your money with other investors in a diversified portfolio of bonds and shares, managed by professionals. The value goes up and down; suited to a horizon of three years or more.' },
  { code: 'ind_hip_fin_ult1', name: 'Mortgage', category: 'MORTGAGE', riskLevel: 3, minAge: 18, maxAge: 75, termMonths: 300,
    description: 'A long-term loan to buy a home, secured on the property. Monthly repayments over up to 30 years; your home may be at risk if you do not keep up repayments.' },
  { code: 'ind_plan_fin_ult1', name: 'Pension Plan', category: 'PENSION', riskLevel: 3, minAge: 18,
    description: 'A personal pension plan to save for retirement with tax advantages on contributions. Invested in a mix of assets; the money is normally available only at retirement.' },
  { code: 'ind_pres_fin_ult1', name: 'Personal Loan', category: 'LOAN', riskLevel: 3, minAge: 18,
    description: 'A personal loan with fixed monthly repayments for a car, studies, home improvements or other plans. Borrow only what you can afford to repay.' },
  { code: 'ind_reca_fin_ult1', name: 'Tax Payment Service', category: 'SERVICE', riskLevel: 1, minAge: 18,
    description: 'A service to pay taxes and social security contributions directly from your account, with reminders and receipts kept for you.' },
  { code: 'ind_tjcr_fin_ult1', name: 'Credit Card', category: 'CARD', riskLevel: 2, minAge: 18,
    description: 'A credit card for purchases in shops and online, with the option to pay at the end of the month or in instalments. Interest applies to deferred payments.' },
  { code: 'ind_valo_fin_ult1', name: 'Securities Account', category: 'SECURITIES', riskLevel: 6, minAge: 18,
    description: 'A securities account to buy and hold shares and bonds on the stock markets. Prices can fall as well as rise and you may lose part of your investment.' },
  { code: 'ind_viv_fin_ult1', name: 'Home Account', category: 'ACCOUNT', riskLevel: 1, minAge: 18,
    description: 'A savings account for buying your first home, with tax advantages when the savings are used for the purchase. Covered by the deposit guarantee scheme.' },
  { code: 'ind_nomina_ult1', name: 'Payroll', category: 'SERVICE', riskLevel: 1, minAge: 16,
    description: 'Have your salary paid into your account to unlock better conditions, fee waivers and advance payment of your salary when you need it.' },
  { code: 'ind_nom_pens_ult1', name: 'Pension Payment', category: 'SERVICE', riskLevel: 1,
    description: 'Have your pension paid into your account, with early payment each month and preferential conditions for pensioners.' },
  { code: 'ind_recibo_ult1', name: 'Direct Debit', category: 'SERVICE', riskLevel: 1,
    description: 'Pay your household bills, such as electricity, water, phone and insurance, automatically from your account by direct debit.' },
];

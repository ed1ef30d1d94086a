// English wording for every reason code: `text` stands alone (Reason.text), `clause` is joined into
// an explanation after "because". Only the code, its evidence and the product's facts are quoted.
import { formatNumber } from './format';
import { ageBounds, type PhraseContext, type PhraseTable } from './phrases';

type E = string | undefined;

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const paren = (e: E): string => (e ? ` (${e})` : '');

function riskGate(e: E, ctx: PhraseContext): string {
  const level = ctx.product?.riskLevel;
  return `its risk level${level != null ? ` (${level} of 7)` : ''} is within your risk tolerance${e ? ` (${e} of 7)` : ''}`;
}

function horizon(e: E, ctx: PhraseContext): string {
  const term = ctx.product?.termMonths;
  if (!e) return 'it fits your time horizon';
  return term ? `its ${term}-month term fits your horizon of ${e}` : `it fits your horizon of ${e}`;
}

function minimum(e: E, ctx: PhraseContext): string {
  const p = ctx.product;
  const min = p?.minAmount != null ? ` of ${formatNumber(p.minAmount, 'en')} ${p.currency ?? ''}`.trimEnd() : '';
  return e ? `the amount you want to put in (${e}) meets its minimum${min}` : `the amount you want to put in meets its minimum${min}`;
}

function cost(e: E, ctx: PhraseContext): string {
  const fee = e ?? (ctx.product?.managementFeePercent != null ? `${formatNumber(ctx.product.managementFeePercent, 'en')} % a year` : undefined);
  return `its ongoing charge${paren(fee)} is among the lowest in its category`;
}

/** Both forms from one clause, when the stand-alone text is just the clause capitalised. */
const same = (clause: (e: E, ctx: PhraseContext) => string) => ({ text: (e: E, c: PhraseContext) => cap(clause(e, c)), clause });

export const EN: PhraseTable = {
  SIMILAR_CUSTOMERS: same(() => 'customers with a profile and products like yours added it'),
  OFTEN_HELD_WITH: {
    text: (e) => (e ? `Often held together with ${e}` : 'Often held together with products like yours'),
    clause: (e) => `it is often held together with ${e ?? 'products like yours'}`,
  },
  USED_TO_HOLD: same(() => 'you held it until recently, and customers in that situation often take it up again'),
  COMMON_NEXT_STEP: {
    text: () => 'Commonly added next by customers in your situation',
    clause: () => 'it is commonly added next by customers in your situation',
  },
  POPULAR_NOW: { text: () => 'Popular with customers right now', clause: () => 'it is popular with customers right now' },
  MATCHES_YOUR_PRODUCTS: same((e) => `its features match ${e ?? 'the products you hold'}`),
  ACTIVE_CUSTOMERS_CHOOSE: same(() => 'active customers similar to you chose it recently'),
  LEARNED_FROM_SIMILAR_PATHS: same(() => 'customers whose products changed like yours went on to add it'),
  SIMILAR_FEATURES: {
    text: (e) => (e ? `Similar features to ${e}` : 'Similar features'),
    clause: (e) => (e ? `it has similar features to ${e}` : 'it has similar features to products you know'),
  },
  SAME_CUSTOMERS_AS: {
    text: (e) => (e ? `Chosen by the same kind of customers as ${e}` : 'Chosen by the same kind of customers'),
    clause: (e) => `it is chosen by the same kind of customers as ${e ?? 'products you know'}`,
  },
  NEW_PRODUCT: { text: () => 'New in our range, and available to you', clause: () => 'it is new in our range' },

  MATCHES_YOUR_NEED: same((e) => (e ? `it matches what you asked for: ${e}` : 'it matches what you asked for')),
  WANTED_CATEGORY: same((e) => `it is the type of product you asked for${paren(e)}`),
  SUITS_YOUR_GOAL: same((e) => (e ? `it suits your goal: ${e}` : 'it suits your goal')),
  WITHIN_YOUR_RISK_APPETITE: {
    text: (e, c) => `Its risk level${c.product?.riskLevel != null ? ` (${c.product.riskLevel} of 7)` : ''} fits the risk you are willing to take${paren(e)}`,
    clause: (e) => `it fits the risk you are willing to take${paren(e)}`,
  },
  FITS_YOUR_HORIZON: same(horizon),
  EASY_ACCESS: same((e) => `you can take your money out when you need it${paren(e)}`),
  AMOUNT_MEETS_MINIMUM: same(minimum),
  IN_YOUR_CURRENCY: same((e) => `it is in your currency${paren(e)}`),
  LOW_COST: same(cost),
  FITS_WHAT_YOU_DESCRIBED: same((e) => `it is the kind of product that fits what you described${paren(e)}`),
  CUSTOMERS_LIKE_YOU_USE_LINE: same((e) => `it belongs to ${e ? `our ${e}` : 'a product line'}, a product line that suits customers in your situation`),

  RISK_WITHIN_TOLERANCE: same(riskGate),
  AGE_ELIGIBLE: same((e, c) => `you meet its age requirement${paren(ageBounds(e, c))}`),
};

// The template explanation over synthetic items covering every reason code (behavioural, need-based
// and gate rules), alone and in combinations, with and without evidence, in both languages: it
// claims exactly the item's reasons (faithful and complete), strongest first, gate rules last.
import { describe, expect, it } from 'vitest';
import { ALL_CODES, claimedReasons, explain, GATE_CODES, isGateCode, LANGUAGES, type ExplainItem } from '../../src/explain';
import { SANTANDER_CATALOG } from '../../src/ingest/catalog/santanderProducts';

/** Evidence as the recommenders (and the lead's need matching) pass it. */
const EVIDENCE: Record<string, string[]> = {
  SIMILAR_CUSTOMERS: ['3 of your 20 most similar customers'],
  OFTEN_HELD_WITH: ['your Payroll Account', 'the Payroll you held until recently', 'the e-Account you recently added'],
  USED_TO_HOLD: ['Credit Card'],
  POPULAR_NOW: ['12.5% of recent additions'],
  MATCHES_YOUR_PRODUCTS: ['your Long-term Deposit', 'your Investment Funds'],
  SIMILAR_FEATURES: ['Medium-term Deposit'],
  SAME_CUSTOMERS_AS: ['Pension Plan'],
  MATCHES_YOUR_NEED: ['short-term bond fund', 'fixed-term savings'],
  WANTED_CATEGORY: ['deposit', 'fondo'],
  SUITS_YOUR_GOAL: ['retirement', 'buying a home'],
  WITHIN_YOUR_RISK_APPETITE: ['no risk', 'sin riesgo'],
  FITS_YOUR_HORIZON: ['2 years', '18 meses'],
  EASY_ACCESS: ['access any time'],
  AMOUNT_MEETS_MINIMUM: ['50,000 EUR'],
  IN_YOUR_CURRENCY: ['EUR'],
  LOW_COST: ['0.10 % a year'],
  RISK_WITHIN_TOLERANCE: ['5'],
  AGE_ELIGIBLE: ['18+', '0–19'],
};

const PRODUCTS = SANTANDER_CATALOG.map((p, i) => ({
  id: `p${i}`, name: p.name, riskLevel: p.riskLevel, termMonths: p.termMonths ?? null, minAmount: p.minAmount ?? null,
  managementFeePercent: p.category === 'FUND' ? 0.1 : null, currency: 'EUR', minAge: p.minAge ?? null, maxAge: p.maxAge ?? null,
}));

/** Seeded so the combinations are the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296);
}

function item(codes: readonly string[], k: number, withEvidence = true): ExplainItem {
  return {
    product: PRODUCTS[k % PRODUCTS.length],
    reasons: codes.map((code, i) => {
      const ev = EVIDENCE[code];
      const evidence = withEvidence && ev ? ev[(k + i) % ev.length] : undefined;
      return { code, weight: isGateCode(code) ? 0 : codes.length - i, ...(evidence ? { evidence } : {}) };
    }),
  };
}

/** Every way the explanation misstates the item's reasons (empty when faithful and complete). */
function misstatements(it: ExplainItem): string[] {
  const out: string[] = [];
  const codes = new Set(it.reasons.map((r) => r.code));
  for (const language of LANGUAGES) {
    const text = explain(it, language);
    const ignore = [it.product.name, ...it.reasons.flatMap((r) => (r.evidence ? [r.evidence] : []))];
    const claimed = claimedReasons(text, language, { ignore });
    const extra = [...claimed].filter((c) => !codes.has(c));
    const missing = [...codes].filter((c) => !claimed.has(c));
    if (extra.length || missing.length) out.push(`${language} +[${extra}] -[${missing}]: ${text}`);
  }
  return out;
}

describe('template explanations', () => {
  it('claim every code alone, with and without evidence, for every product', () => {
    const bad: string[] = [];
    let n = 0;
    for (const code of ALL_CODES) {
      for (let k = 0; k < PRODUCTS.length; k++) {
        for (const withEvidence of [true, false]) { bad.push(...misstatements(item([code], k, withEvidence))); n++; }
      }
    }
    expect(bad).toEqual([]);
    expect(n).toBe(ALL_CODES.length * PRODUCTS.length * 2);
  });

  it('claim exactly the codes of every pair, and of 1,000 random combinations', () => {
    const bad: string[] = [];
    for (let a = 0; a < ALL_CODES.length; a++) {
      for (let b = a + 1; b < ALL_CODES.length; b++) bad.push(...misstatements(item([ALL_CODES[a], ALL_CODES[b]], a + b)));
    }
    const rnd = random(7);
    for (let k = 0; k < 1000; k++) {
      const codes = ALL_CODES.filter(() => rnd() < 0.3);
      bad.push(...misstatements(item(codes, k, rnd() < 0.8)));
    }
    const everything = item(ALL_CODES, 3);
    bad.push(...misstatements(everything));
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('reads naturally: strongest signal first, gate rules in a last sentence', () => {
    const deposit = PRODUCTS.find((p) => p.name === 'Medium-term Deposit')!;
    const need: ExplainItem = {
      product: deposit,
      reasons: [
        { code: 'WITHIN_YOUR_RISK_APPETITE', weight: 0.4, evidence: 'no risk' },
        { code: 'FITS_YOUR_HORIZON', weight: 0.9, evidence: '2 years' },
        { code: 'RISK_WITHIN_TOLERANCE', weight: 0, evidence: '3' },
      ],
    };
    expect(explain(need, 'en')).toBe('We suggest the Medium-term Deposit because its 12-month term fits your horizon of 2 years and it fits the risk '
      + 'you are willing to take (no risk). Its risk level (1 of 7) is within your risk tolerance (3 of 7).');
    expect(explain(need, 'es')).toBe('Te sugerimos Medium-term Deposit porque su plazo de 12 meses se ajusta a tu horizonte de 2 years y se ajusta al '
      + 'riesgo que estás dispuesto a asumir (no risk). Su nivel de riesgo (1 de 7) está dentro de tu tolerancia al riesgo (3 de 7).');
    expect(explain(need, 'en')).toBe(explain({ ...need, reasons: [...need.reasons].reverse() }, 'en')); // deterministic, order by weight
  });

  it('claims nothing without reasons, and only suitability with gate rules alone', () => {
    const p = PRODUCTS[0];
    for (const language of LANGUAGES) {
      const none = explain({ product: p, reasons: [] }, language);
      expect(claimedReasons(none, language, { ignore: [p.name] }).size).toBe(0);
      const unknown = explain({ product: p, reasons: [{ code: 'SOMETHING_ELSE', weight: 1 }] }, language);
      expect(unknown).toBe(none); // an unknown code is never put into words
    }
    expect(explain({ product: p, reasons: [] }, 'en')).toBe('We suggest the Saving Account from our range.');
    const gates = explain({ product: PRODUCTS[4], reasons: GATE_CODES.map((code) => ({ code, weight: 0, evidence: code === 'AGE_ELIGIBLE' ? '16+' : '2' })) }, 'en');
    expect(gates).toBe('The Payroll Account is available to you and passed our suitability checks: its risk level (1 of 7) is within your risk '
      + 'tolerance (2 of 7) and you meet its age requirement (16+).');
  });

  it('joins clauses that contain commas with semicolons', () => {
    const text = explain(item(['USED_TO_HOLD', 'POPULAR_NOW', 'SIMILAR_CUSTOMERS'], 0), 'en');
    expect(text).toBe('We suggest the Saving Account because you held it until recently, and customers in that situation often take it up again; '
      + 'it is popular with customers right now; and customers with a profile and products like yours added it.');
  });
});

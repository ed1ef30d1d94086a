// Every reason code has its wording in both languages; reasons keep their evidence and can be
// rendered again in Spanish; the claim detector judges free text, not just the templates.
import { describe, expect, it } from 'vitest';
import { ALL_CODES, claimedReasons, explain, LANGUAGES, PHRASES, reasonText } from '../../src/explain';
import { looksLike } from '../../src/explain/check';
import { buildReasons, REASON_CODES } from '../../src/recommend/reasons';
import { PRODUCTS, profile, stateOf } from '../recommend/fixture';

const fund = PRODUCTS.find((p) => p.id === 'fund')!;

describe('reason wording', () => {
  it('every code in REASON_CODES has a text and a clause in English and Spanish', () => {
    expect([...REASON_CODES].sort()).toEqual([...ALL_CODES].sort());
    for (const code of REASON_CODES) {
      for (const language of LANGUAGES) {
        const phrase = (PHRASES[language] as Record<string, (typeof PHRASES)['en']['POPULAR_NOW']>)[code];
        expect(phrase, `${code} ${language}`).toBeDefined();
        for (const evidence of ['EUR', undefined]) {
          const text = phrase.text(evidence, { product: fund });
          expect(text).toMatch(/^[A-ZÁÉÍÓÚ][a-záéíóúñ]/);
          expect(text).not.toMatch(/undefined|null|NaN/);
          expect(phrase.clause(evidence, { product: fund })).toMatch(/^[a-záéíóúñ]/);
        }
        // The template explanation passes the language check LLM answers must pass.
        expect(looksLike(explain({ product: fund, reasons: [{ code, weight: 1 }] }, language), language), `${code} ${language}`).toBe(true);
      }
      expect(reasonText(code, undefined, 'es')).not.toBe(reasonText(code, undefined, 'en'));
    }
  });

  it('reasons keep their evidence, so their text can be rendered again in Spanish', () => {
    const state = stateOf(profile('q', { riskTolerance: 5 }), []);
    const reasons = buildReasons(state, fund, [
      { recommender: 'item-cf', code: 'OFTEN_HELD_WITH', value: 0.5, evidence: 'the Payroll you held until recently' },
      { recommender: 'user-cf', code: 'SIMILAR_CUSTOMERS', value: 0.3 },
    ], ['RISK_WITHIN_TOLERANCE', 'AGE_ELIGIBLE']);
    expect(reasons.map((r) => [r.code, r.evidence])).toEqual([
      ['OFTEN_HELD_WITH', 'the Payroll you held until recently'], ['SIMILAR_CUSTOMERS', undefined], ['RISK_WITHIN_TOLERANCE', '5'], ['AGE_ELIGIBLE', '18+'],
    ]);
    const es = reasons.map((r) => reasonText(r.code, r.evidence, 'es', { product: fund }));
    expect(es).toEqual([
      'Se suele tener junto con Payroll, que tuviste hasta hace poco',
      'Clientes con un perfil y unos productos como los tuyos lo contrataron',
      'Su nivel de riesgo (4 de 7) está dentro de tu tolerancia al riesgo (5 de 7)',
      'Cumples su requisito de edad (18+)',
    ]);
    // Stored English is exactly what the table renders from the same code, evidence and facts.
    for (const r of reasons) expect(reasonText(r.code, r.evidence, 'en', { product: fund })).toBe(r.text);
    // A reason stored without evidence (lists served before) still renders, claiming only itself.
    expect(reasonText('RISK_WITHIN_TOLERANCE', undefined, 'es')).toBe('Su nivel de riesgo está dentro de tu tolerancia al riesgo');
  });

  it('need-based reasons quote the evidence and the product facts', () => {
    const deposit = { ...fund, name: 'Medium-term Deposit', riskLevel: 1, termMonths: 12, minAmount: 1000, managementFeePercent: 0.25 };
    expect(reasonText('AMOUNT_MEETS_MINIMUM', '50,000 EUR', 'en', { product: deposit })).toBe('The amount you want to put in (50,000 EUR) meets its minimum of 1,000 EUR');
    expect(reasonText('LOW_COST', undefined, 'en', { product: deposit })).toBe('Its ongoing charge (0.25 % a year) is among the lowest in its category');
    expect(reasonText('LOW_COST', undefined, 'es', { product: deposit })).toBe('Sus gastos corrientes (0,25 % al año) están entre los más bajos de su categoría');
    expect(reasonText('WITHIN_YOUR_RISK_APPETITE', 'no risk', 'en', { product: deposit })).toBe('Its risk level (1 of 7) fits the risk you are willing to take (no risk)');
    expect(reasonText('FITS_YOUR_HORIZON', '2 años', 'es', { product: deposit })).toBe('Su plazo de 12 meses se ajusta a tu horizonte de 2 años');
    expect(reasonText('NOT_A_CODE', 'x', 'es')).toBe('NOT_A_CODE');
  });
});

describe('claim detector', () => {
  it('finds the concepts in free text, in either language, whatever the wording', () => {
    expect([...claimedReasons('A best-seller this month, and low-cost too: you can withdraw at any time.', 'en')].sort())
      .toEqual(['EASY_ACCESS', 'LOW_COST', 'POPULAR_NOW']);
    expect([...claimedReasons('Es un producto muy popular, sin riesgo y con liquidez inmediata.', 'es')].sort())
      .toEqual(['EASY_ACCESS', 'POPULAR_NOW', 'WITHIN_YOUR_RISK_APPETITE']);
    expect([...claimedReasons('Customers like you chose it; it suits your retirement goal over your 5-year horizon.', 'en')].sort())
      .toEqual(['FITS_YOUR_HORIZON', 'SIMILAR_CUSTOMERS', 'SUITS_YOUR_GOAL']);
    expect([...claimedReasons('Active customers similar to you chose it recently.', 'en')]).toEqual(['ACTIVE_CUSTOMERS_CHOOSE']);
    expect([...claimedReasons('Lo tenías antes y está en tu misma divisa; cumple el importe mínimo.', 'es')].sort())
      .toEqual(['AMOUNT_MEETS_MINIMUM', 'IN_YOUR_CURRENCY', 'USED_TO_HOLD']);
  });

  it('ignores product names and quoted evidence, and claims nothing in neutral text', () => {
    expect(claimedReasons('We suggest the Medium-term Deposit.', 'en').size).toBe(0); // "term" alone is no horizon
    expect(claimedReasons('We suggest the Easy Access Saver.', 'en', { ignore: ['Easy Access Saver'] }).size).toBe(0);
    expect(claimedReasons('We suggest the Easy Access Saver.', 'en').has('EASY_ACCESS')).toBe(true);
    expect(claimedReasons('Te sugerimos Saving Account, de nuestra gama de productos.', 'es').size).toBe(0);
  });
});

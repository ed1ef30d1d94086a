// The Explainer with an in-process ChatProvider (the provider contract; the HTTP provider is tested
// in test/llm): a faithful answer is used; one that claims a reason the item lacks, invents a
// number, is not the agreed JSON, is too long, in the wrong language, or does not come in time
// falls back to the template, with the reason logged. Answers are cached.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Explainer, explain, type ExplainItem } from '../../src/explain';
import { ProviderError, type ChatMessage, type ChatProvider } from '../../src/llm/providers';

class FakeChat implements ChatProvider {
  readonly name = 'fake';
  calls: ChatMessage[][] = [];
  constructor(private readonly answer: (messages: ChatMessage[]) => string | Promise<string>) {}
  async complete(messages: ChatMessage[]): Promise<string> {
    this.calls.push(messages);
    return this.answer(messages);
  }
}

const deposit = {
  id: 'deme', name: 'Medium-term Deposit', riskLevel: 1, termMonths: 12, minAmount: 1000, managementFeePercent: null, currency: 'EUR', minAge: null, maxAge: null,
};
const item: ExplainItem = {
  product: deposit,
  reasons: [
    { code: 'FITS_YOUR_HORIZON', weight: 0.9, evidence: '2 years' },
    { code: 'WITHIN_YOUR_RISK_APPETITE', weight: 0.5, evidence: 'no risk' },
    { code: 'RISK_WITHIN_TOLERANCE', weight: 0, evidence: '3' },
  ],
};
const CODES = ['FITS_YOUR_HORIZON', 'WITHIN_YOUR_RISK_APPETITE', 'RISK_WITHIN_TOLERANCE'];
const FAITHFUL = 'The Medium-term Deposit runs for 12 months, which suits your 2-year horizon, and carries no risk, as you wanted; its risk level of 1 out of 7 is within your risk tolerance.';

const json = (explanation: string, codes = CODES) => JSON.stringify({ explanation, codes });

function setup(answer: (messages: ChatMessage[]) => string | Promise<string>, timeoutMs = 2_000) {
  const lines: { why?: string; msg: string }[] = [];
  const log = pino({ level: 'warn' }, { write: (s: string) => { lines.push(JSON.parse(s)); } });
  const chat = new FakeChat(answer);
  return { chat, lines, explainer: new Explainer({ chat, log, timeoutMs }) };
}

describe('Explainer', () => {
  it('uses a faithful LLM answer, and asks with only the item’s reasons and facts', async () => {
    const { chat, explainer, lines } = setup(() => json(FAITHFUL));
    expect(await explainer.explain(item, 'en')).toEqual({ text: FAITHFUL, source: 'llm:fake' });
    expect(lines).toEqual([]);
    const [system, user] = chat.calls[0];
    expect(system.content).toMatch(/ONLY the reasons listed/);
    const facts = JSON.parse(user.content);
    expect(facts.language).toBe('English');
    expect(facts.reasons.map((r: { code: string }) => r.code)).toEqual(CODES);
    expect(facts.reasons[0]).toEqual({ code: 'FITS_YOUR_HORIZON', text: 'Its 12-month term fits your horizon of 2 years', evidence: '2 years' });
    expect(facts.product).toEqual({ name: 'Medium-term Deposit', riskLevel: 1, riskScale: 7, termMonths: 12, minAmount: 1000, currency: 'EUR', managementFeePercent: null });
  });

  it('accepts a Spanish answer for Spanish, in a code fence', async () => {
    const es = 'Te sugerimos Medium-term Deposit porque su plazo encaja con tu horizonte de 2 años y no tiene riesgo, como pediste; su nivel de riesgo está dentro de tu tolerancia.';
    const { explainer } = setup(() => '```json\n' + json(es) + '\n```');
    expect(await explainer.explain(item, 'es')).toEqual({ text: es, source: 'llm:fake' });
  });

  const rejected: [string, string, RegExp][] = [
    ['claims a reason the item lacks', json(`${FAITHFUL.slice(0, -1)}, and it is popular right now.`), /claims reasons .*POPULAR_NOW/],
    ['invents a number', json('The Medium-term Deposit suits your 2-year horizon with no risk and costs 8 % less; it is within your risk tolerance.'), /numbers not among the facts: 8/],
    ['promises returns', json('The Medium-term Deposit suits your 2-year horizon with no risk and gives high returns; it is within your risk tolerance.'), /promises/],
    ['promises a guarantee', json('The Medium-term Deposit suits your 2-year horizon: your capital is fully protected; it is within your risk tolerance.'), /promises/],
    ['is not JSON', 'Sure! The Medium-term Deposit suits your horizon.', /not JSON/],
    ['has the wrong shape', JSON.stringify({ text: FAITHFUL }), /wrong shape/],
    ['declares a code the item lacks', json(FAITHFUL, [...CODES, 'LOW_COST']), /declares codes .*LOW_COST/],
    ['is too long', json(`${FAITHFUL} ${FAITHFUL} ${FAITHFUL}`), /too long/],
    ['is in the wrong language', json('Te sugerimos Medium-term Deposit porque se ajusta a tu horizonte de 2 años y no tiene riesgo; está dentro de tu tolerancia.'), /not in English/],
  ];
  for (const [what, answer, why] of rejected) {
    it(`falls back to the template when the answer ${what}`, async () => {
      const { explainer, lines } = setup(() => answer);
      expect(await explainer.explain(item, 'en')).toEqual({ text: explain(item, 'en'), source: 'template' });
      expect(lines).toHaveLength(1);
      expect(lines[0].why).toMatch(why);
      expect(lines[0].msg).toMatch(/rejected; using the template/);
    });
  }

  it('falls back when the provider is too slow or fails, and asks again next time', async () => {
    const slow = setup(() => new Promise((resolve) => setTimeout(() => resolve(json(FAITHFUL)), 1_000)), 50);
    const t0 = Date.now();
    expect(await slow.explainer.explain(item, 'en')).toEqual({ text: explain(item, 'en'), source: 'template' });
    expect(Date.now() - t0).toBeLessThan(900);
    expect(slow.lines[0].msg).toMatch(/failed; using the template/);

    let fail = true;
    const flaky = setup(() => {
      if (fail) throw new ProviderError('TIMEOUT', 'timed out');
      return json(FAITHFUL);
    });
    expect((await flaky.explainer.explain(item, 'en')).source).toBe('template');
    fail = false;
    expect(await flaky.explainer.explain(item, 'en')).toEqual({ text: FAITHFUL, source: 'llm:fake' }); // failures are not cached
    expect(flaky.chat.calls).toHaveLength(2);
  });

  it('caches answers by product, reasons and language', async () => {
    const { chat, explainer } = setup((messages) => json(JSON.parse(messages[1].content).language === 'English' ? FAITHFUL
      : 'Te sugerimos Medium-term Deposit porque se ajusta a tu horizonte de 2 años y no tiene riesgo; está dentro de tu tolerancia.'));
    const [a, b] = await Promise.all([explainer.explain(item, 'en'), explainer.explain(item, 'en')]);
    expect(a).toEqual(b);
    await explainer.explain({ ...item, reasons: [...item.reasons].reverse() }, 'en'); // same reasons, same explanation
    expect(chat.calls).toHaveLength(1);
    expect((await explainer.explain(item, 'es')).source).toBe('llm:fake');
    const other = { ...item, reasons: [{ code: 'FITS_YOUR_HORIZON', weight: 1, evidence: '3 years' }] };
    await explainer.explain(other, 'en');
    expect(chat.calls).toHaveLength(3);
  });

  it('calls the provider at most maxConcurrent times at once', async () => {
    let inFlight = 0;
    let most = 0;
    const chat = new FakeChat(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return json(FAITHFUL);
    });
    const explainer = new Explainer({ chat, timeoutMs: 2_000, maxConcurrent: 2 });
    const items = Array.from({ length: 10 }, (_, i) => ({ ...item, product: { ...deposit, id: `p${i}` } }));
    const out = await Promise.all(items.map((it) => explainer.explain(it, 'en')));
    expect(out.every((o) => o.source === 'llm:fake')).toBe(true);
    expect(chat.calls).toHaveLength(10);
    expect(most).toBe(2);
  });

  it('uses the template without a chat provider, and never throws', async () => {
    expect(await new Explainer({ chat: null }).explain(item, 'es')).toEqual({ text: explain(item, 'es'), source: 'template' });
    const broken = new Explainer({ chat: { name: 'x', complete: () => { throw new Error('sync failure'); } } });
    expect((await broken.explain(item, 'en')).source).toBe('template');
  });
});

// The whole LLM path over real HTTP: the FinRec server configured with LLM_BASE_URL and
// LLM_CHAT_MODEL talks to an OpenAI-compatible chat server on 127.0.0.1 (a small fake that speaks
// the protocol). What the model writes is used only where it passes the checks: a need field whose
// words are not in the text, or that would widen the risk appetite, is dropped; an explanation that
// claims a reason the item lacks, or a number it was not given, is replaced by the template; a
// faithful one is served as written.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimedReasons } from '../../src/explain/claims';
import { startApi, type Api } from '../helpers/api';
import { createTestDb, type TestDb } from '../helpers/db';
import { seedSmallBank } from '../helpers/smallBank';

const FAITHFUL = 'It matches what you asked for.';
const LIE = 'It is popular with customers and returns 8 % a year.';

describe('LLM chat over HTTP (fake OpenAI-compatible server on loopback)', () => {
  let t: TestDb;
  let api: Api;
  let chat: http.Server;
  const requests: { kind: 'need' | 'explanation' }[] = [];

  beforeAll(async () => {
    chat = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        const { messages } = JSON.parse(body) as { messages: { role: string; content: string }[] };
        const user = messages.find((m) => m.role === 'user')!.content;
        let content: string;
        if (user.includes('<<<CUSTOMER_TEXT')) {
          requests.push({ kind: 'need' });
          // "HIGH" with words not in the text (dropped); a valid amount (kept).
          content = JSON.stringify({ amount: { value: 50000, source: '50k' }, riskAppetite: { value: 'HIGH', source: 'YOLO' } });
        } else {
          requests.push({ kind: 'explanation' });
          const facts = JSON.parse(user) as { product: { name: string }; reasons: { code: string }[] };
          const codes = facts.reasons.map((r) => r.code);
          // Faithful (one of its reasons) for deposits; a lie for everything else.
          content = /Deposit/.test(facts.product.name) && codes.includes('MATCHES_YOUR_NEED')
            ? JSON.stringify({ explanation: FAITHFUL, codes: ['MATCHES_YOUR_NEED'] })
            : JSON.stringify({ explanation: LIE, codes });
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
      });
    });
    await new Promise<void>((resolve) => chat.listen(0, '127.0.0.1', resolve));
    const { port } = chat.address() as AddressInfo;
    t = await createTestDb('sqlite');
    await seedSmallBank(t.db);
    api = await startApi(t.db, { LLM_BASE_URL: `http://127.0.0.1:${port}`, LLM_CHAT_MODEL: 'fake-chat' });
  }, 300_000);
  afterAll(async () => {
    await api?.stop();
    await t?.close();
    await new Promise((resolve) => chat?.close(resolve));
  });

  it('parses with the model where it validates, keeps the cautious reading, and serves only faithful explanations', async () => {
    const res = await api.gql(`{ recommendForNeed(text: "I need a safe place for 50k for two years", first: 5) {
      need { parser amount { value source } riskAppetite { value source } }
      items { product { name riskLevel } reasons { code evidence } explanation } } }`);
    expect(res.errors).toBeUndefined();
    const r = res.data.recommendForNeed;
    expect(r.need.parser).toBe('llm:openai-compatible:fake-chat');
    expect(r.need.amount).toEqual({ value: 50000, source: '50k' });
    expect(r.need.riskAppetite).toEqual({ value: 'NONE', source: 'safe' }); // the model's "HIGH"/"YOLO" dropped
    expect(requests.some((q) => q.kind === 'need')).toBe(true);
    expect(requests.filter((q) => q.kind === 'explanation').length).toBeGreaterThan(0);

    const items = r.items as { product: { name: string; riskLevel: number }; reasons: { code: string; evidence: string | null }[]; explanation: string }[];
    expect(items.length).toBeGreaterThan(1);
    for (const it of items) {
      expect(it.product.riskLevel).toBe(1);
      expect(it.explanation).not.toContain('8 %');
      const own = new Set(it.reasons.map((x) => x.code));
      const ignore = [it.product.name, ...it.reasons.flatMap((x) => (x.evidence ? [x.evidence] : []))];
      for (const claimed of claimedReasons(it.explanation, 'en', { ignore })) expect(own).toContain(claimed);
    }
    expect(items.filter((it) => it.explanation === FAITHFUL).length).toBeGreaterThan(0); // the model's faithful text, used
    expect(items.filter((it) => it.explanation !== FAITHFUL).every((it) => it.explanation.startsWith(`We suggest the ${it.product.name}`))).toBe(true);
  });
});

// Faithful and complete over real lists: a seeded bank of 240 customers served over HTTP by the real
// server; every item's explanation, in English and in Spanish, claims exactly the reasons it has
// (claims.ts, an independent lexicon), and Reason.text is rendered in the language asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimedReasons } from '../../src/explain/claims';
import { isGateCode } from '../../src/explain/codes';
import { loadConfig } from '../../src/config';
import { fitEngine } from '../../src/recommend/pipeline';
import { createApp, type App } from '../../src/server';
import { createTestDb, type TestDb } from '../helpers/db';
import { seedBank } from './bank';
import { apiHeaders, TEST_AUTH_ENV } from '../helpers/api';

const BATCH = 30; // 5 aliases per list: within the 200-alias limit (src/graphql/limits.ts)

interface Item { product: { name: string }; reasons: { code: string; en: string; es: string }[]; en: string; es: string }

describe('explanations over HTTP (240 customers, SQLite)', () => {
  let t: TestDb;
  let app: App;
  let customers: string[];
  const items: Item[] = [];
  const gql = async (query: string) => {
    const res = await fetch(app.url, { method: 'POST', headers: apiHeaders(), body: JSON.stringify({ query }) });
    return (await res.json()) as { data?: Record<string, { items: Item[] }>; errors?: unknown[] };
  };

  beforeAll(async () => {
    t = await createTestDb('sqlite');
    customers = await seedBank(t.db);
    // Every behavioural recommender weighted, so their reasons all occur in the lists.
    const settings = loadConfig({
      NODE_ENV: 'test', WEIGHT_POPULARITY: '0.3', WEIGHT_ACTIVITY: '0.3', WEIGHT_ITEM_CF: '0.6', WEIGHT_USER_CF: '0.5', WEIGHT_CONTENT: '0.2', WEIGHT_NEURAL: '0.4',
    });
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', REFIT_INTERVAL_SECONDS: '0', MODEL_POLL_SECONDS: '0', LOG_LEVEL: 'silent', ...TEST_AUTH_ENV });
    app = await createApp({ config, db: t.db, fit: (data, pretrained) => fitEngine(data, settings, pretrained) });
    for (let b = 0; b < customers.length; b += BATCH) {
      const fields = customers.slice(b, b + BATCH).map((id, k) => `l${k}: recommendations(userId: "${id}", first: 7) {
        items { product { name } reasons { code en: text es: text(language: ES) } en: explanation(language: EN) es: explanation(language: ES) } }`);
      const res = await gql(`{ ${fields.join('\n')} }`);
      expect(res.errors).toBeUndefined();
      for (const list of Object.values(res.data!)) items.push(...list.items);
    }
  }, 120_000); // fits the blend (neural included) and embeds the catalog for search: ~20 s alone
  afterAll(async () => {
    await app?.stop();
    await t?.close();
  });

  it('serves a list for every customer, with a variety of reasons', () => {
    expect(customers.length).toBeGreaterThanOrEqual(200);
    expect(items.length).toBeGreaterThanOrEqual(200 * 5);
    const codes = new Set(items.flatMap((i) => i.reasons.map((r) => r.code)));
    expect([...codes]).toEqual(expect.arrayContaining([
      'SIMILAR_CUSTOMERS', 'OFTEN_HELD_WITH', 'COMMON_NEXT_STEP', 'POPULAR_NOW', 'MATCHES_YOUR_PRODUCTS', 'ACTIVE_CUSTOMERS_CHOOSE',
      'LEARNED_FROM_SIMILAR_PATHS', 'RISK_WITHIN_TOLERANCE', 'AGE_ELIGIBLE',
    ]));
  });

  it('every explanation, in both languages, claims exactly the reasons its item has', () => {
    const failures: string[] = [];
    for (const item of items) {
      const codes = new Set(item.reasons.map((r) => r.code));
      for (const language of ['en', 'es'] as const) {
        const text = item[language];
        const claimed = claimedReasons(text, language, { ignore: [item.product.name] });
        const unsupported = [...claimed].filter((c) => !codes.has(c));
        const unsaid = [...codes].filter((c) => !claimed.has(c));
        if (unsupported.length || unsaid.length) failures.push(`${language} [${[...codes]}] claims +${unsupported} misses -${unsaid}: ${text}`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
    // Signals strongest first (as listed), gate rules in the last sentence.
    const gated = items.find((i) => i.reasons.some((r) => isGateCode(r.code)) && i.reasons.some((r) => !isGateCode(r.code)))!;
    expect(gated.en).toMatch(/^We suggest the .+ because .+\. [A-Z].+\.$/);
    expect(gated.es).toMatch(/^Te sugerimos .+ porque .+\. [A-ZÁÉÍÓÚ].+\.$/);
  });

  it('renders Reason.text in Spanish on request, and in English by default', () => {
    const reasons = items.flatMap((i) => i.reasons);
    for (const r of reasons) {
      expect(r.es).not.toBe(r.en);
      expect(claimedReasons(r.es, 'es').has(r.code)).toBe(true);
      expect(claimedReasons(r.en, 'en').has(r.code)).toBe(true);
    }
    const risk = reasons.find((r) => r.code === 'RISK_WITHIN_TOLERANCE')!;
    expect(risk.en).toMatch(/^Its risk level \(\d of 7\) is within your risk tolerance \(\d of 7\)$/);
    expect(risk.es).toMatch(/^Su nivel de riesgo \(\d de 7\) está dentro de tu tolerancia al riesgo \(\d de 7\)$/);
    const held = reasons.find((r) => r.code === 'OFTEN_HELD_WITH' && r.en.includes('your '));
    if (held) expect(held.es).toMatch(/^Se suele tener junto con tu /);
  });
});

// evaluateNeeds arithmetic on a tiny hand-made set with a scripted parser and retriever, the report
// writer in-process, and the labelled sets themselves (valid, and parsed safely line by line).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config';
import { evaluateNeeds, readNeedCases, type NeedCase, type RetrievedItem } from '../../src/eval/needs';
import { runNeedsEvaluation } from '../../src/eval/needsRun';
import { parseNeedRules } from '../../src/needs/parseNeed';
import type { NeedField, ParsedNeed } from '../../src/needs/types';

const f = <T>(value: T): NeedField<T> => ({ value, source: 'x' });
function need(over: Partial<ParsedNeed>): ParsedNeed {
  return {
    text: 'x', language: 'en', amount: null, currency: null, horizonMonths: null, riskAppetite: null, liquidity: null,
    goals: [], wantedCategories: [], unwantedCategories: [], conflicts: [], parser: 'test', ...over,
  };
}

const cases: NeedCase[] = [
  { id: 'a', text: 'A', lang: 'en', expect: { categories: ['DEPOSIT'], riskAppetite: 'NONE', amount: 1000, horizonMonths: 24, unwanted: ['FUND'] } },
  { id: 'b', text: 'B', lang: 'es', expect: { categories: ['FUND', 'SECURITIES'], riskAppetite: 'HIGH', amount: 500, horizonMonths: 120, conflict: 'RETURN_WITHOUT_RISK' } },
  { id: 'c', text: 'C', lang: 'en', expect: { categories: ['MORTGAGE'], currency: 'EUR' } },
];
const parses: Record<string, ParsedNeed> = {
  // all right: amount within 1 %, horizon within ±1 month; categories from the goal
  A: need({ riskAppetite: f('NONE'), amount: f(1009), horizonMonths: f(25), goals: [f('SAVE')], unwantedCategories: [f('FUND')] }),
  // wrong language, risk, amount (2 % off); horizon 108 is within 10 %; no conflict; a spurious refusal
  B: need({ language: 'en', riskAppetite: f('MEDIUM'), amount: f(510), horizonMonths: f(108), wantedCategories: [f('SECURITIES')], unwantedCategories: [f('CARD')], conflicts: [{ code: 'X', message: '', sources: [] }] }),
  // nothing implied; a currency miss
  C: need({ currency: f('USD') }),
};
const retrieved: Record<string, RetrievedItem[]> = {
  A: [{ category: 'DEPOSIT', riskLevel: 2 }, { category: 'FUND', riskLevel: 3 }], // deposit too risky for NONE; a refused FUND shown
  B: [{ category: 'ACCOUNT', riskLevel: 1 }, { category: 'SECURITIES', riskLevel: 6 }],
  C: [1, 2, 3, 4, 5].map(() => ({ category: 'CARD' as const, riskLevel: 1 })).concat([{ category: 'MORTGAGE', riskLevel: 1 }]), // 6th: outside top 5
};

describe('evaluateNeeds', () => {
  it('scores each field over the cases that label it', async () => {
    const ev = await evaluateNeeds(cases, { parse: (t) => parses[t], retrieve: async (t) => retrieved[t] });
    const acc = Object.fromEntries(ev.fields.map((x) => [x.field, [x.correct, x.labelled]]));
    expect(acc).toEqual({
      language: [2, 3], categories: [2, 3], categoriesTop: [2, 3], riskAppetite: [1, 2], liquidity: [0, 0],
      amount: [1, 2], currency: [0, 1], horizonMonths: [2, 2], unwanted: [1, 1], conflict: [0, 1],
    });
    const spurious = Object.fromEntries(ev.spurious.map((x) => [x.field, [x.correct, x.labelled]]));
    expect(spurious).toEqual({ unwantedSpurious: [1, 2], conflictSpurious: [0, 2] });
    expect(ev.retrieval).toEqual({ k: 5, cases: 3, hitAtK: 1 / 3, riskLabelled: 2, riskViolationAtK: 1 / 2, unwantedLabelled: 1, unwantedViolationAtK: 1 });
    expect(ev.failures.map((x) => `${x.id}.${x.field}`)).toEqual(['b.language', 'b.riskAppetite', 'b.amount', 'b.conflict', 'c.categories', 'c.categoriesTop', 'c.currency']);
    expect(ev.parsers).toEqual({ test: 3 });
  });

  it('leaves retrieval out without a retrieve function', async () => {
    expect((await evaluateNeeds(cases, { parse: (t) => parses[t] })).retrieval).toBeNull();
  });
});

describe('the labelled sets', () => {
  const main = readNeedCases(path.join(PROJECT_ROOT, 'data', 'needs', 'needs.jsonl'));
  const holdout = readNeedCases(path.join(PROJECT_ROOT, 'data', 'needs', 'needs-holdout.jsonl'));

  it('are valid and as large as promised', () => {
    expect(main.length).toBeGreaterThanOrEqual(70);
    expect(main.filter((c) => c.lang === 'es').length).toBeGreaterThanOrEqual(20);
    expect(holdout.length).toBeGreaterThanOrEqual(25);
    const ids = [...main, ...holdout].map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every statement parses without throwing, every source a substring of the text', () => {
    for (const c of [...main, ...holdout]) {
      const p = parseNeedRules(c.text);
      const fields = [p.amount, p.currency, p.horizonMonths, p.riskAppetite, p.liquidity, ...p.goals, ...p.wantedCategories, ...p.unwantedCategories];
      for (const x of fields) if (x) expect(c.text.includes(x.source), `${c.id}: ${x.source}`).toBe(true);
      for (const s of p.conflicts.flatMap((x) => x.sources)) expect(c.text.includes(s), `${c.id}: ${s}`).toBe(true);
    }
  });

  it('rejects a malformed line, naming it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'finrec-needs-bad-'));
    try {
      const file = path.join(dir, 'bad.jsonl');
      writeFileSync(file, '{"id":"x","text":"t","lang":"en","expect":{"categories":["FUND"]}}\n{"id":"y","text":"t","lang":"fr","expect":{"categories":[]}}\n');
      expect(() => readNeedCases(file)).toThrow(/bad\.jsonl:2: lang/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});

describe('runNeedsEvaluation', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'finrec-needs-run-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the report and its chart, with retrieval when given', async () => {
    const out = path.join(dir, 'needs.md');
    const { evaluation, chart } = await runNeedsEvaluation({
      file: path.join(PROJECT_ROOT, 'data', 'needs', 'needs.jsonl'), out,
      retrieve: async () => [{ category: 'ACCOUNT', riskLevel: 1 }],
    });
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/\| categories \| \d+ \| \d+ \| 0\.\d{3} \|/);
    expect(md).toMatch(/hit@5/);
    expect(md).toContain('](needs.svg)');
    expect(existsSync(chart)).toBe(true);
    expect(readFileSync(chart, 'utf8')).toMatch(/^<svg/);
    expect(evaluation.retrieval?.hitAtK).toBeGreaterThan(0);
  }, 30_000);
});

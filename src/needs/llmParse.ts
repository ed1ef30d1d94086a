// Reading a need with a chat model, validated field by field against the ParsedNeed contract.
//
// Merge policy: the rules parse is always computed. A model answer that is not a JSON object is
// discarded whole (→ the rules parse, parser 'rules'). Otherwise each field is validated on its own
// (zod enums; amount > 0 and < 1e10; horizon an integer 1–600 months; currency a 3-letter code;
// every `source` a non-empty substring of the text), and the model may ADD what the rules missed but
// never override or drop what they read (the rules are deterministic and tested; a model can be
// talked into anything by the text it reads): a scalar the rules read keeps the rules' value —
// except the risk appetite, where the model may narrow it (the more cautious reading wins); lists
// are the union of the rules' items and the model's valid ones, and a refused category never stays
// wanted. Conflicts are the union (by code). parser = 'llm:<name>'.
import { z } from 'zod';
import type { ChatProvider } from '../llm/providers';
import { PRODUCT_CATEGORIES } from '../recommend/types';
import { needMessages } from './llmPrompt';
import { GOALS, LIQUIDITIES, type NeedConflict, type NeedField, type ParsedNeed, RISK_APPETITES, type RiskAppetite } from './types';

const fieldOf = <T extends z.ZodTypeAny>(value: T, text: string) => z.object({
  value,
  source: z.string().min(1).refine((s) => text.includes(s), 'source is not a substring of the text'),
});

function schemas(text: string) {
  return {
    language: z.enum(['en', 'es']),
    amount: fieldOf(z.number().finite().gt(0).lt(1e10), text),
    currency: fieldOf(z.string().regex(/^[A-Z]{3}$/), text),
    horizonMonths: fieldOf(z.number().int().min(1).max(600), text),
    riskAppetite: fieldOf(z.enum(RISK_APPETITES), text),
    liquidity: fieldOf(z.enum(LIQUIDITIES), text),
    goal: fieldOf(z.enum(GOALS), text),
    category: fieldOf(z.enum(PRODUCT_CATEGORIES), text),
    conflict: z.object({
      code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/),
      message: z.string().max(500),
      sources: z.array(z.string().min(1).refine((s) => text.includes(s))).max(10),
    }),
  };
}

/** Of the model's and the rules' reading of the risk appetite, the more cautious: a model can
 *  narrow what the words allow, never widen it. */
function mostCautious(model: NeedField<RiskAppetite> | null, rules: NeedField<RiskAppetite> | null): NeedField<RiskAppetite> | null {
  if (!model || !rules) return model ?? rules;
  return RISK_APPETITES.indexOf(rules.value) < RISK_APPETITES.indexOf(model.value) ? rules : model;
}

/** The model's answer as a JSON object, or null (code fences around it are tolerated). */
export function answerObject(answer: string): Record<string, unknown> | null {
  const body = answer.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed as Record<string, unknown> : null;
  } catch {
    return null;
  }
}

/** Merge a model answer into the rules parse (see the policy above); null when the answer is unusable. */
export function mergeModelAnswer(answer: string, rules: ParsedNeed, model: string): ParsedNeed | null {
  const obj = answerObject(answer);
  if (!obj) return null;
  const s = schemas(rules.text);
  const scalar = <T>(key: string, schema: z.ZodType<NeedField<T>>, fallback: NeedField<T> | null): NeedField<T> | null => {
    if (fallback) return fallback; // what the rules read stands
    const r = schema.safeParse(obj[key]);
    return r.success ? r.data : null;
  };
  const list = <T>(key: string, schema: z.ZodType<NeedField<T>>, fallback: NeedField<T>[]): NeedField<T>[] => {
    const raw = obj[key];
    const valid = Array.isArray(raw) ? raw.map((x) => schema.safeParse(x)).filter((r) => r.success).map((r) => r.data!) : [];
    const all = [...fallback, ...valid];
    return all.filter((v, i) => all.findIndex((w) => w.value === v.value) === i);
  };
  const modelConflicts: NeedConflict[] = Array.isArray(obj.conflicts)
    ? obj.conflicts.map((c) => s.conflict.safeParse(c)).filter((r) => r.success).map((r) => r.data!) : [];
  const conflicts = [...modelConflicts, ...rules.conflicts].filter((c, i, all) => all.findIndex((x) => x.code === c.code) === i);
  const language = s.language.safeParse(obj.language);
  const unwanted = list('unwantedCategories', s.category, rules.unwantedCategories);
  return {
    text: rules.text,
    language: language.success ? language.data : rules.language,
    amount: scalar('amount', s.amount, rules.amount),
    currency: scalar('currency', s.currency, rules.currency),
    horizonMonths: scalar('horizonMonths', s.horizonMonths, rules.horizonMonths),
    riskAppetite: mostCautious(scalar('riskAppetite', s.riskAppetite, null), rules.riskAppetite),
    liquidity: scalar('liquidity', s.liquidity, rules.liquidity),
    goals: list('goals', s.goal, rules.goals),
    // a category the customer refused never stays wanted, whichever parser said so
    wantedCategories: list('wantedCategories', s.category, rules.wantedCategories).filter((w) => !unwanted.some((u) => u.value === w.value)),
    unwantedCategories: unwanted,
    conflicts,
    parser: `llm:${model}`,
  };
}

export class NeedTimeoutError extends Error {
  override readonly name = 'NeedTimeoutError';
}

/** Ask the chat model; resolves to null on any failure (provider error, timeout, unusable answer). */
export async function parseWithChat(chat: ChatProvider, rules: ParsedNeed, timeoutMs: number): Promise<ParsedNeed | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NeedTimeoutError(`no answer in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const answer = await Promise.race([chat.complete(needMessages(rules.text), { json: true, temperature: 0, maxTokens: 800 }), timeout]);
    return typeof answer === 'string' ? mergeModelAnswer(answer, rules, chat.name) : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

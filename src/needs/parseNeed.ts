// Entry point: a customer's statement of need, in their own words, → ParsedNeed.
// Without a chat provider the deterministic rules parser answers (rules.ts). With one, the model is
// asked for the same shape and every field it returns is validated; anything that fails — a
// ProviderError, a timeout, an answer that is not a JSON object — falls back to the rules, and
// invalid single fields fall back field by field (policy in llmParse.ts).
import type { ChatProvider } from '../llm/providers';
import { parseWithChat } from './llmParse';
import { parseNeedRules } from './rules';
import type { ParsedNeed } from './types';

export { parseNeedRules } from './rules';

export const DEFAULT_NEED_TIMEOUT_MS = 8000;

export interface ParseNeedOptions {
  chat?: ChatProvider | null;
  /** How long to wait for the chat model before using the rules (default 8 s). */
  timeoutMs?: number;
}

export async function parseNeed(text: string, opts: ParseNeedOptions = {}): Promise<ParsedNeed> {
  const rules = parseNeedRules(text);
  if (!opts.chat) return rules;
  return (await parseWithChat(opts.chat, rules, opts.timeoutMs ?? DEFAULT_NEED_TIMEOUT_MS)) ?? rules;
}

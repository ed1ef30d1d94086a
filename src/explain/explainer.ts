// Explanations for the API: LLM-written when a chat provider is configured and its answer passes
// every check (check.ts), otherwise the template (template.ts). Answers are cached by product,
// reasons (codes + evidence) and language; a provider failure is not cached, so the next request
// tries again. Never throws.
import { LRUCache } from 'lru-cache';
import { silentLogger, type Logger } from '../log';
import { ProviderError, type ChatProvider } from '../llm/providers';
import { checkAnswer } from './check';
import type { Language } from './phrases';
import { explanationMessages, promptFacts } from './prompt';
import { explain, orderedReasons, type ExplainItem } from './template';

export interface Explanation { text: string; source: 'template' | `llm:${string}` }

export interface ExplainerOptions {
  chat: ChatProvider | null;
  log?: Logger;
  /** Longest wait for the chat provider before using the template. */
  timeoutMs?: number;
  /** Explanations kept (LRU). */
  cacheSize?: number;
  /** Calls to the chat provider at once; the rest wait (within their timeout) for a free slot. */
  maxConcurrent?: number;
}

interface Outcome { explanation: Explanation; keep: boolean }

export class Explainer {
  private readonly chat: ChatProvider | null;
  private readonly log: Logger;
  private readonly timeoutMs: number;
  private readonly cache: LRUCache<string, Promise<Outcome>>;
  private readonly maxConcurrent: number;
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(options: ExplainerOptions) {
    this.chat = options.chat;
    this.log = (options.log ?? silentLogger).child({ module: 'explainer' });
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.cache = new LRUCache({ max: options.cacheSize ?? 5_000 });
    this.maxConcurrent = options.maxConcurrent ?? 4;
  }

  /** The explanation of one recommended item in one language. */
  async explain(item: ExplainItem, language: Language): Promise<Explanation> {
    let template: string;
    try {
      template = explain(item, language);
    } catch (err) {
      this.log.error({ err, productId: item.product?.id }, 'template explanation failed');
      return { text: '', source: 'template' };
    }
    if (!this.chat) return { text: template, source: 'template' };
    const key = cacheKey(item, language);
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.ask(this.chat, item, language, template);
      this.cache.set(key, pending);
    }
    const { explanation, keep } = await pending;
    if (!keep && this.cache.get(key) === pending) this.cache.delete(key);
    return explanation;
  }

  private async ask(chat: ChatProvider, item: ExplainItem, language: Language, template: string): Promise<Outcome> {
    const fallback = (keep: boolean): Outcome => ({ explanation: { text: template, source: 'template' }, keep });
    try {
      const facts = promptFacts(item, language);
      // The timeout covers the wait for a slot too: a list of many items waits at most timeoutMs.
      const deadline = Date.now() + this.timeoutMs;
      const raw = await withTimeout(this.inSlot(() => {
        if (Date.now() >= deadline) throw new ProviderError('TIMEOUT', 'timed out waiting for a free slot');
        return chat.complete(explanationMessages(facts), { json: true, temperature: 0, maxTokens: 300 });
      }), this.timeoutMs);
      const verdict = checkAnswer(raw, facts, language);
      if (verdict.ok) return { explanation: { text: verdict.text, source: `llm:${chat.name}` }, keep: true };
      this.log.warn({ productId: item.product.id, language, why: verdict.why }, 'LLM explanation rejected; using the template');
      return fallback(true); // the same question would get the same kind of answer
    } catch (err) {
      this.log.warn({ err, productId: item.product.id, language }, 'LLM explanation failed; using the template');
      return fallback(false);
    }
  }

  /** Run `call` when fewer than maxConcurrent calls are in flight. */
  private async inSlot<T>(call: () => Promise<T>): Promise<T> {
    if (this.active >= this.maxConcurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await call();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

function cacheKey(item: ExplainItem, language: Language): string {
  const p = item.product;
  const facts = [p.id, p.name, p.riskLevel, p.termMonths, p.minAmount, p.managementFeePercent, p.currency, p.minAge, p.maxAge];
  const { signals, gates } = orderedReasons(item.reasons);
  const reasons = [...signals, ...gates].map((r) => [r.code, r.evidence ?? null]);
  return JSON.stringify([language, facts, reasons]);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderError('TIMEOUT', `no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// OpenAI-compatible HTTP providers (OpenAI, Ollama, vLLM, llama.cpp server…) over plain fetch:
// POST {base}/v1/embeddings and {base}/v1/chat/completions, responses validated with zod.
// Failure policy: one timeout per attempt (AbortController), at most ONE retry and only on a 5xx
// or a network error — never minutes of back-off; everything else fails fast as a ProviderError.
import { z } from 'zod';
import { ProviderError, type ChatMessage, type ChatOptions, type ChatProvider, type EmbeddingProvider } from './providers';

export interface HttpProviderOptions {
  /** e.g. http://localhost:11434 or https://api.openai.com (with or without a trailing /v1). */
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
  /** Retries after a 5xx or network error: 0 or 1 (default 1). */
  retries?: 0 | 1;
}

const embeddingsResponse = z.object({
  data: z.array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()) })),
});
const chatResponse = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

/** {base}/v1/{path}, whether or not the configured base already ends in /v1. */
function endpoint(baseUrl: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${base}/v1/${path}`;
}

async function attempt(url: string, body: unknown, opts: HttpProviderOptions): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
  try {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: controller.signal });
    } catch (err) {
      if (controller.signal.aborted) throw new ProviderError('TIMEOUT', `${url}: no answer within ${opts.timeoutMs} ms`);
      throw new ProviderError('UNAVAILABLE', `${url}: ${(err as Error).message}`, undefined, { cause: err });
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      if (controller.signal.aborted) throw new ProviderError('TIMEOUT', `${url}: body not received within ${opts.timeoutMs} ms`);
      throw new ProviderError('UNAVAILABLE', `${url}: ${(err as Error).message}`, undefined, { cause: err });
    }
    if (!res.ok) throw new ProviderError('HTTP_ERROR', `${url}: HTTP ${res.status} ${text.slice(0, 200)}`, res.status);
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new ProviderError('BAD_RESPONSE', `${url}: response is not JSON`, res.status, { cause: err });
    }
  } finally {
    clearTimeout(timer);
  }
}

/** POST JSON, retrying once (by default) on a 5xx or a network error; never on a timeout. */
async function postJson(path: string, body: unknown, opts: HttpProviderOptions): Promise<unknown> {
  const url = endpoint(opts.baseUrl, path);
  const retries = opts.retries ?? 1;
  for (let i = 0; ; i++) {
    try {
      return await attempt(url, body, opts);
    } catch (err) {
      const retryable = err instanceof ProviderError
        && ((err.code === 'HTTP_ERROR' && (err.status ?? 0) >= 500) || err.code === 'UNAVAILABLE');
      if (!retryable || i >= retries) throw err;
    }
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderError('BAD_RESPONSE', `${what}: unexpected response shape (${issue?.path.join('.')}: ${issue?.message})`);
  }
  return parsed.data;
}

export class HttpEmbeddingProvider implements EmbeddingProvider {
  readonly name: string;
  readonly version: string;
  /** Unknown until the first answer (0 before); every later answer must match it. */
  dimension = 0;

  constructor(private readonly opts: HttpProviderOptions) {
    this.name = `openai-compatible:${opts.model}`;
    this.version = opts.model;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const body = { model: this.opts.model, input: texts, encoding_format: 'float' };
    const res = parse(embeddingsResponse, await postJson('embeddings', body, this.opts), 'embeddings');
    if (res.data.length !== texts.length) {
      throw new ProviderError('BAD_RESPONSE', `embeddings: ${res.data.length} vectors for ${texts.length} texts`);
    }
    const out = new Array<Float32Array>(texts.length);
    for (const item of res.data) {
      if (item.index >= texts.length || out[item.index]) throw new ProviderError('BAD_RESPONSE', `embeddings: bad index ${item.index}`);
      const dim = this.dimension || item.embedding.length;
      if (item.embedding.length === 0 || item.embedding.length !== dim) {
        throw new ProviderError('BAD_RESPONSE', `embeddings: vector of ${item.embedding.length} dimensions, expected ${dim}`);
      }
      this.dimension = dim;
      out[item.index] = Float32Array.from(item.embedding);
    }
    return out;
  }
}

export class HttpChatProvider implements ChatProvider {
  readonly name: string;

  constructor(private readonly opts: HttpProviderOptions) {
    this.name = `openai-compatible:${opts.model}`;
  }

  async complete(messages: ChatMessage[], opts: ChatOptions = {}): Promise<string> {
    const body: Record<string, unknown> = { model: this.opts.model, messages, stream: false };
    if (opts.maxTokens !== undefined) body.max_tokens = opts.maxTokens;
    if (opts.temperature !== undefined) body.temperature = opts.temperature;
    if (opts.json) body.response_format = { type: 'json_object' };
    const res = parse(chatResponse, await postJson('chat/completions', body, this.opts), 'chat/completions');
    return res.choices[0]!.message.content;
  }
}

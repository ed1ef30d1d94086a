// The OpenAI-compatible HTTP providers against a fake server on 127.0.0.1 speaking the protocol:
// request bodies and headers, successes, and each failure mapped to its ProviderError code.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpChatProvider, HttpEmbeddingProvider } from '../../src/llm/openAiCompatible';
import { ProviderError } from '../../src/llm/providers';
import { createChatProvider, createEmbeddingProvider, LocalEmbeddingProvider } from '../../src/llm';

interface Seen { method?: string; url?: string; auth?: string; body: any }
/** What the fake server does with the next requests: 'ok', 500, 'hang', 'garbage', 'wrong-shape'. */
let mode: 'ok' | 500 | 'hang' | 'garbage' | 'wrong-shape' = 'ok';
let seen: Seen[] = [];
let server: http.Server;
let baseUrl = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString(); });
    req.on('end', () => {
      const body = JSON.parse(raw);
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
      if (mode === 'hang') return; // never answers
      res.setHeader('content-type', 'application/json');
      if (mode === 500) { res.statusCode = 500; res.end('{"error":{"message":"boom"}}'); return; }
      if (mode === 'garbage') { res.end('{"data": [oops'); return; }
      if (mode === 'wrong-shape') { res.end('{"result": "hello"}'); return; }
      if (req.url === '/v1/embeddings') {
        // Answer out of order: the client must sort by index.
        const data = (body.input as string[]).map((t, index) => ({ object: 'embedding', index, embedding: [t.length, index, 0.5] }));
        res.end(JSON.stringify({ object: 'list', data: data.reverse(), model: body.model }));
      } else if (req.url === '/v1/chat/completions') {
        res.end(JSON.stringify({ id: 'x', choices: [{ index: 0, message: { role: 'assistant', content: 'Hi there' }, finish_reason: 'stop' }] }));
      } else { res.statusCode = 404; res.end('{}'); }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => { mode = 'ok'; seen = []; });

const opts = () => ({ baseUrl, apiKey: 'sk-test', timeoutMs: 200 });

async function errorOf(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

describe('HttpEmbeddingProvider', () => {
  it('posts model, input and encoding_format with a Bearer token, and returns vectors in input order', async () => {
    const provider = new HttpEmbeddingProvider({ ...opts(), model: 'embed-small' });
    const vectors = await provider.embed(['ab', 'abcd']);
    expect(vectors.map((v) => Array.from(v))).toEqual([[2, 0, 0.5], [4, 1, 0.5]]);
    expect(vectors[0]).toBeInstanceOf(Float32Array);
    expect(provider.dimension).toBe(3);
    expect(seen).toEqual([{ method: 'POST', url: '/v1/embeddings', auth: 'Bearer sk-test',
      body: { model: 'embed-small', input: ['ab', 'abcd'], encoding_format: 'float' } }]);
  });

  it('accepts a base URL ending in /v1 and sends no Authorization without a key', async () => {
    const provider = new HttpEmbeddingProvider({ baseUrl: `${baseUrl}/v1/`, model: 'm', timeoutMs: 200 });
    await provider.embed(['x']);
    expect(seen[0]).toMatchObject({ url: '/v1/embeddings', auth: undefined });
  });

  it('maps a 500 to HTTP_ERROR after exactly one retry', async () => {
    mode = 500;
    const err = await errorOf(new HttpEmbeddingProvider({ ...opts(), model: 'm' }).embed(['x']));
    expect(err).toMatchObject({ code: 'HTTP_ERROR', status: 500 });
    expect(seen).toHaveLength(2);
  });

  it('maps a silent server to TIMEOUT without retrying', async () => {
    mode = 'hang';
    const started = Date.now();
    const err = await errorOf(new HttpEmbeddingProvider({ ...opts(), model: 'm' }).embed(['x']));
    expect(err.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(seen).toHaveLength(1);
  });

  it('maps malformed JSON and a wrong shape to BAD_RESPONSE', async () => {
    const provider = new HttpEmbeddingProvider({ ...opts(), model: 'm' });
    mode = 'garbage';
    expect((await errorOf(provider.embed(['x']))).code).toBe('BAD_RESPONSE');
    mode = 'wrong-shape';
    expect((await errorOf(provider.embed(['x']))).code).toBe('BAD_RESPONSE');
  });

  it('maps a refused connection to UNAVAILABLE', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const provider = new HttpEmbeddingProvider({ baseUrl: `http://127.0.0.1:${port}`, model: 'm', timeoutMs: 200, retries: 0 });
    expect((await errorOf(provider.embed(['x']))).code).toBe('UNAVAILABLE');
  });
});

describe('HttpChatProvider', () => {
  it('posts model, messages and options, and returns the first choice', async () => {
    const provider = new HttpChatProvider({ ...opts(), model: 'chat-mini' });
    const messages = [{ role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: 'Hello' }];
    expect(await provider.complete(messages, { maxTokens: 50, temperature: 0, json: true })).toBe('Hi there');
    expect(seen).toEqual([{ method: 'POST', url: '/v1/chat/completions', auth: 'Bearer sk-test', body: {
      model: 'chat-mini', messages, stream: false, max_tokens: 50, temperature: 0, response_format: { type: 'json_object' },
    } }]);
  });

  it('maps 500, timeout, malformed JSON and a wrong shape to their codes', async () => {
    const provider = new HttpChatProvider({ ...opts(), model: 'm', retries: 0 });
    const cases = [[500, 'HTTP_ERROR'], ['hang', 'TIMEOUT'], ['garbage', 'BAD_RESPONSE'], ['wrong-shape', 'BAD_RESPONSE']] as const;
    for (const [m, code] of cases) {
      mode = m;
      expect((await errorOf(provider.complete([{ role: 'user', content: 'x' }]))).code).toBe(code);
    }
  });
});

describe('provider factories', () => {
  const base = { LLM_BASE_URL: undefined, LLM_API_KEY: undefined, LLM_EMBEDDING_MODEL: undefined, LLM_CHAT_MODEL: undefined, LLM_TIMEOUT_MS: 10_000 };

  it('default to the offline encoder and no chat', () => {
    expect(createEmbeddingProvider(base)).toBeInstanceOf(LocalEmbeddingProvider);
    expect(createEmbeddingProvider({ ...base, LLM_BASE_URL: baseUrl })).toBeInstanceOf(LocalEmbeddingProvider);
    expect(createChatProvider({ ...base, LLM_BASE_URL: baseUrl })).toBeNull();
  });

  it('use HTTP when a base URL and a model are set', () => {
    const cfg = { ...base, LLM_BASE_URL: baseUrl, LLM_EMBEDDING_MODEL: 'e', LLM_CHAT_MODEL: 'c' };
    expect(createEmbeddingProvider(cfg)).toBeInstanceOf(HttpEmbeddingProvider);
    expect(createChatProvider(cfg)).toBeInstanceOf(HttpChatProvider);
  });
});

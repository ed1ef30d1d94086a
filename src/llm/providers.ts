// The LLM layer's provider contracts: text embeddings and chat completion, each implementable
// offline (built-in) or over an OpenAI-compatible HTTP API, plus the one error type they throw.

/** Turns texts into fixed-size vectors; `name`/`version` identify the vector space (cache keys). */
export interface EmbeddingProvider {
  readonly name: string;
  readonly version: string;
  readonly dimension: number;
  /** One vector per text, in input order. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatOptions {
  maxTokens?: number;
  temperature?: number;
  /** Ask the model for a JSON object (OpenAI `response_format: json_object`). */
  json?: boolean;
}

/** Generative text; optional — callers fall back to deterministic built-in logic without one. */
export interface ChatProvider {
  readonly name: string;
  complete(messages: ChatMessage[], opts?: ChatOptions): Promise<string>;
}

export type ProviderErrorCode = 'TIMEOUT' | 'HTTP_ERROR' | 'BAD_RESPONSE' | 'UNAVAILABLE';

/** Every provider failure: a timeout, a non-2xx status, a malformed answer, or no provider at all. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    /** HTTP status, when the server answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// The LLM layer's entry point: picks the configured OpenAI-compatible HTTP providers, or the
// offline defaults (bundled sentence encoder for embeddings; no chat, callers use built-in logic).
import type { Config } from '../config';
import { LocalEmbeddingProvider } from './localEmbeddings';
import { HttpChatProvider, HttpEmbeddingProvider } from './openAiCompatible';
import type { ChatProvider, EmbeddingProvider } from './providers';

export * from './providers';
export { LocalEmbeddingProvider } from './localEmbeddings';
export { HttpChatProvider, HttpEmbeddingProvider, type HttpProviderOptions } from './openAiCompatible';

type LlmConfig = Pick<Config, 'LLM_BASE_URL' | 'LLM_API_KEY' | 'LLM_EMBEDDING_MODEL' | 'LLM_CHAT_MODEL' | 'LLM_TIMEOUT_MS'>;

/** HTTP when LLM_BASE_URL and LLM_EMBEDDING_MODEL are set, else the offline USE-lite model. */
export function createEmbeddingProvider(config: LlmConfig): EmbeddingProvider {
  if (config.LLM_BASE_URL && config.LLM_EMBEDDING_MODEL) {
    return new HttpEmbeddingProvider({
      baseUrl: config.LLM_BASE_URL, apiKey: config.LLM_API_KEY, model: config.LLM_EMBEDDING_MODEL, timeoutMs: config.LLM_TIMEOUT_MS,
    });
  }
  return new LocalEmbeddingProvider();
}

/** HTTP when LLM_BASE_URL and LLM_CHAT_MODEL are set, else null (use the built-in logic). */
export function createChatProvider(config: LlmConfig): ChatProvider | null {
  if (config.LLM_BASE_URL && config.LLM_CHAT_MODEL) {
    return new HttpChatProvider({
      baseUrl: config.LLM_BASE_URL, apiKey: config.LLM_API_KEY, model: config.LLM_CHAT_MODEL, timeoutMs: config.LLM_TIMEOUT_MS,
    });
  }
  return null;
}

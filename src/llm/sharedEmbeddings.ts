// One embedding provider per configuration per process: the local model takes ~1 s and tens of
// MB to load, so every app built in one process (tests start many) shares it.
import { createEmbeddingProvider } from './index';
import type { EmbeddingProvider } from './providers';

type LlmConfig = Parameters<typeof createEmbeddingProvider>[0];

const providers = new Map<string, EmbeddingProvider>();

/** createEmbeddingProvider(config), memoised by the LLM settings it depends on. */
export function sharedEmbeddingProvider(config: LlmConfig): EmbeddingProvider {
  const key = JSON.stringify([config.LLM_BASE_URL ?? null, config.LLM_EMBEDDING_MODEL ?? null, config.LLM_API_KEY ?? null, config.LLM_TIMEOUT_MS]);
  let provider = providers.get(key);
  if (!provider) providers.set(key, (provider = createEmbeddingProvider(config)));
  return provider;
}

// Semantic product search: what is embedded for a product, keeping the store's embeddings fresh,
// the in-memory index, and the search service the API and the need-based recommender use.
export { productEmbeddingText, textHash, truncateWords } from './embeddingText';
export { EmbeddingIndex, type ScoredId } from './embeddingIndex';
export { syncProductEmbeddings, EmbeddingOutputError, DEFAULT_BATCH_SIZE, type SyncOptions, type SyncResult } from './syncEmbeddings';
export { ProductSearch, DEFAULT_SEARCH_FIRST, MAX_SEARCH_FIRST, MAX_QUERY_CHARS, type ProductSearchOptions, type SearchHit, type SearchOptions, type RefreshOutcome } from './productSearch';
export { decodeVector, encodeVector, normalise } from './vectors';
export { upsertProduct } from './catalogWrites';

// THE text embedded for a product — one function, used by the sync, the CLI and the bench — and its
// hash (what ProductEmbedding.textHash stores). Bounded: the encoder's cost grows with the text's
// length, so a product is its name, category words, subcategory and issuer, and the description cut
// at a word boundary, never the whole of a long fund prospectus summary.
import { createHash } from 'node:crypto';
import type { ProductCategory, ProductInfo } from '../recommend/types';

/** Most characters of description embedded (cut at the last word boundary before it). */
export const MAX_DESCRIPTION_CHARS = 400;
/** Most words of description embedded. */
export const MAX_DESCRIPTION_WORDS = 60;

/** Plain words for each category: what a customer would type, not the enum. */
const CATEGORY_WORDS: Record<ProductCategory, string> = {
  ACCOUNT: 'bank account',
  DEPOSIT: 'fixed-term deposit',
  FUND: 'investment fund',
  PENSION: 'pension plan for retirement',
  SECURITIES: 'securities and brokerage',
  LOAN: 'loan',
  MORTGAGE: 'mortgage, home loan',
  CARD: 'payment card',
  INSURANCE: 'insurance',
  SERVICE: 'banking service',
};

/** `text` cut to at most `maxWords` words and `maxChars` characters, at a word boundary, with "…" when cut. */
export function truncateWords(text: string, maxWords = MAX_DESCRIPTION_WORDS, maxChars = MAX_DESCRIPTION_CHARS): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let out = '';
  let n = 0;
  for (const w of words) {
    if (n >= maxWords) break;
    const next = out ? `${out} ${w}` : w;
    if (next.length > maxChars) {
      if (!out) out = w.slice(0, maxChars); // one giant "word": cut it
      break;
    }
    out = next;
    n += 1;
  }
  return out.length < words.join(' ').length ? `${out}…` : out;
}

export function productEmbeddingText(p: Pick<ProductInfo, 'name' | 'category' | 'description' | 'subcategory' | 'issuer'>): string {
  const kind = [CATEGORY_WORDS[p.category] ?? p.category.toLowerCase(), p.subcategory?.trim()].filter(Boolean).join(', ');
  const issuer = p.issuer?.trim() ? ` by ${p.issuer.trim()}` : '';
  return `${p.name.trim()}${issuer} (${kind}). ${truncateWords(p.description)}`;
}

/** SHA-256 (hex) of the exact text embedded: a changed text means a stale embedding. */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

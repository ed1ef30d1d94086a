// Bearer secret → Principal, for every request. Resolved keys are kept in-process for a short TTL,
// so a hot key costs no query, and — when the database is briefly unavailable (locked, restarting)
// — a key resolved before keeps working on its last known answer instead of failing every call.
// Revocation through this process (GraphQL revokeApiKey) takes effect at once; a revocation by
// another process (the CLI) within the TTL.
import { LRUCache } from 'lru-cache';
import type { Db } from '../store/db';
import { hashSecret } from './keys';
import type { Role } from './policy';
import type { Principal } from './principal';

export interface KeyResolverOptions {
  /** How long a resolved key is trusted without asking the store again. */
  ttlMs?: number;
  /** Keys kept. */
  max?: number;
}

export class KeyResolver {
  private readonly cache: LRUCache<string, Principal>;

  constructor(private readonly db: Db, options: KeyResolverOptions = {}) {
    this.cache = new LRUCache<string, Principal>({
      max: options.max ?? 10_000,
      ttl: Math.max(1, options.ttlMs ?? 30_000),
      // Unknown and revoked keys resolve to undefined: not cached, so a key created by the CLI in
      // another process works on its first use.
      fetchMethod: async (hash, stale) => {
        let row;
        try {
          row = await this.db.apiKey.findUnique({ where: { hash }, select: { id: true, role: true, customerId: true, revokedAt: true } });
        } catch (e) {
          // Store unavailable: the last known principal, for another TTL; a key never seen cannot be
          // verified, which is not the same as invalid (the caller answers 503, not 401).
          if (stale) return stale;
          throw e;
        }
        if (!row || row.revokedAt) return undefined;
        return { keyId: row.id, role: row.role as Role, customerId: row.customerId };
      },
    });
  }

  /** The caller a secret belongs to; null for an unknown or revoked key. Throws only when the store
   *  cannot be asked and nothing is known about this key. */
  async resolve(secret: string): Promise<Principal | null> {
    return (await this.cache.fetch(hashSecret(secret))) ?? null;
  }

  /** Whether this secret was resolved to a valid key recently (answering it needs no store read). */
  isKnown(secret: string): boolean {
    return this.cache.has(hashSecret(secret));
  }

  /** After a revocation: forget every resolved key (stale ones included, which a store outage would
   *  otherwise bring back). Revocations are rare; the next request of each key asks the store again. */
  forgetAll(): void {
    this.cache.clear();
  }
}

// One resolver per database client, shared by the server (resolving) and the key-management
// resolvers (revoking), which both reach the store only through that client.
const resolvers = new WeakMap<Db, KeyResolver>();

export function keyResolverFor(db: Db, options?: KeyResolverOptions): KeyResolver {
  let r = resolvers.get(db);
  if (!r || options) {
    r = new KeyResolver(db, options);
    resolvers.set(db, r);
  }
  return r;
}

// API keys: created with a role (and, for CUSTOMER keys, the one customer they act for), stored only
// as a SHA-256 hash, resolved from `Authorization: Bearer <secret>` to a Principal, revoked.
// The secret exists in clear only in the answer to its creation (GraphQL or CLI) and in the
// caller's hands; listings show the public prefix.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { InvalidInputError, NotFoundError } from '../recommend/errors';
import type { Db } from '../store/db';
import { ROLES, type Role } from './policy';

/** Every generated secret starts with this, so leaked keys are recognisable by secret scanners. */
export const SECRET_PREFIX = 'frk_';
/** Operator-chosen keys (FINREC_ADMIN_KEY) must be at least this long. */
export const MIN_SECRET_CHARS = 16;
const MAX_SECRET_CHARS = 512;

/** What may be shown about a key: never its hash or secret. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  /** The key's public prefix, e.g. `frk_3f9a0c1d`, to tell keys apart. */
  prefix: string;
  role: Role;
  customerId: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface CreatedKey { secret: string; key: ApiKeyInfo }

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** `frk_<8 hex>_<32 random bytes, base64url>`; the first part is the stored prefix. */
export function generateSecret(): { secret: string; prefix: string } {
  const prefix = `${SECRET_PREFIX}${randomBytes(4).toString('hex')}`;
  return { secret: `${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

/** The bearer value of an Authorization header; null when absent, a malformed header is ''. */
export function bearerOf(header: string | undefined): string | null {
  if (header === undefined) return null;
  const m = /^Bearer +(\S+) *$/i.exec(header);
  return m && m[1].length <= MAX_SECRET_CHARS ? m[1] : '';
}

const select = { id: true, name: true, prefix: true, role: true, customerId: true, createdAt: true, revokedAt: true } as const;

const createSchema = z.object({
  name: z.string().trim().min(1, 'name must not be blank').max(100, 'name must be at most 100 characters'),
  role: z.enum(ROLES, { errorMap: () => ({ message: `role must be one of ${ROLES.join(', ')}` }) }),
  customerId: z.string().min(1).max(64, 'userId must be at most 64 characters').nullish(),
});
export type CreateKeyInput = z.input<typeof createSchema>;

/**
 * Creates a key. A CUSTOMER key must name an existing customer (field `userId`); no other role may
 * name one (their access is not bound to a customer, so a customer there would mislead).
 */
export async function createApiKey(db: Db, input: CreateKeyInput): Promise<CreatedKey> {
  const parsed = createSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path[0] === 'customerId' ? 'userId' : String(issue.path[0] ?? 'input');
    throw new InvalidInputError(field, issue.message);
  }
  const { name, role } = parsed.data;
  const customerId = parsed.data.customerId ?? null;
  if (role === 'CUSTOMER') {
    if (!customerId) throw new InvalidInputError('userId', 'a CUSTOMER key must name its customer (userId)');
    const found = await db.customer.findFirst({ where: { id: customerId, erasedAt: null }, select: { id: true } });
    if (!found) throw new NotFoundError('userId', 'User', customerId);
  } else if (customerId) {
    throw new InvalidInputError('userId', `only CUSTOMER keys are bound to a customer; a ${role} key takes no userId`);
  }
  const { secret, prefix } = generateSecret();
  const key = await db.apiKey.create({ data: { name, role, customerId, prefix, hash: hashSecret(secret) }, select });
  return { secret, key: key as ApiKeyInfo };
}

export async function listApiKeys(db: Db): Promise<ApiKeyInfo[]> {
  return (await db.apiKey.findMany({ select, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] })) as ApiKeyInfo[];
}

/** Revokes a key (a second revocation changes nothing). Callers holding a KeyResolver forget it too. */
export async function revokeApiKey(db: Db, id: string): Promise<ApiKeyInfo> {
  const found = await db.apiKey.findUnique({ where: { id }, select });
  if (!found) throw new NotFoundError('id', 'ApiKey', id);
  if (found.revokedAt) return found as ApiKeyInfo;
  return (await db.apiKey.update({ where: { id }, data: { revokedAt: new Date() }, select })) as ApiKeyInfo;
}

/**
 * FINREC_ADMIN_KEY at start-up: the same secret is always the same row (found by its hash), so
 * restarts add nothing. A revoked one stays revoked — an operator's revocation is not undone by a
 * restart with the old environment; `revoked: true` lets the caller warn.
 */
export async function ensureAdminKey(db: Db, secret: string): Promise<{ key: ApiKeyInfo; created: boolean; revoked: boolean }> {
  if (secret.length < MIN_SECRET_CHARS || secret.length > MAX_SECRET_CHARS || /\s/.test(secret)) {
    throw new Error(`FINREC_ADMIN_KEY must be ${MIN_SECRET_CHARS}–${MAX_SECRET_CHARS} characters without spaces`);
  }
  const hash = hashSecret(secret);
  const existing = await db.apiKey.findUnique({ where: { hash }, select });
  if (existing) {
    if (existing.role !== 'ADMIN') throw new Error(`FINREC_ADMIN_KEY is already the secret of a ${existing.role} key (${existing.prefix}); choose another`);
    return { key: existing as ApiKeyInfo, created: false, revoked: existing.revokedAt !== null };
  }
  // The public prefix of an operator-chosen secret must not reveal it: a digest of it instead.
  const prefix = `env_${hash.slice(0, 8)}`;
  try {
    const key = await db.apiKey.create({ data: { name: 'FINREC_ADMIN_KEY', role: 'ADMIN', prefix, hash }, select });
    return { key: key as ApiKeyInfo, created: true, revoked: false };
  } catch (e) {
    // Two processes starting together: the other one created it (hash is unique).
    const raced = await db.apiKey.findUnique({ where: { hash }, select });
    if (!raced) throw e;
    return { key: raced as ApiKeyInfo, created: false, revoked: raced.revokedAt !== null };
  }
}

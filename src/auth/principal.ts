// Who is calling: resolved once per request from `Authorization: Bearer <key>` (src/auth/keys.ts).
import type { Role } from './policy';

export interface Principal {
  /** ApiKey row id (never the secret). */
  keyId: string;
  role: Role;
  /** The customer a CUSTOMER key is bound to; null for every other role. */
  customerId: string | null;
}

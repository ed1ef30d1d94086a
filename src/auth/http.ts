// The caller of one HTTP request, before any GraphQL runs: the API key of `Authorization: Bearer …`
// resolved to a Principal, then one token of the caller's rate-limit bucket. A request is either
// let through (with its principal, null when no key was sent) or answered here with a
// GraphQL-shaped error — a key that is sent but malformed, unknown or revoked is never treated as
// "no key", so a typo or a revoked integration fails loudly instead of silently going anonymous.
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../log';
import { bearerOf } from './keys';
import type { KeyResolver } from './keyResolver';
import type { Principal } from './principal';
import type { RateLimiter } from './rateLimit';

export type RequestAuth =
  | { ok: true; principal: Principal | null }
  | { ok: false; status: number; headers: Record<string, string>; body: { errors: { message: string; extensions: { code: string } }[] } };

function reject(status: number, code: string, message: string, headers: Record<string, string> = {}): RequestAuth {
  return { ok: false, status, headers, body: { errors: [{ message, extensions: { code } }] } };
}

function rateLimited(retryAfterSeconds: number): RequestAuth {
  return reject(429, 'RATE_LIMITED', `rate limit exceeded; retry in ${retryAfterSeconds} s`, { 'retry-after': String(retryAfterSeconds) });
}

export async function authenticate(req: IncomingMessage, keys: KeyResolver, limiter: RateLimiter, log: Logger): Promise<RequestAuth> {
  const secret = bearerOf(req.headers.authorization);
  let principal: Principal | null = null;
  const address = `addr:${req.socket.remoteAddress ?? 'unknown'}`;
  // A key not resolved recently costs a store read: its address pays for it first, so a flood of
  // made-up keys is refused before it reaches the database (not after, as it was).
  const charged = secret !== null && !keys.isKnown(secret);
  if (charged) {
    const first = limiter.take(address);
    if (!first.ok) return rateLimited(first.retryAfterSeconds);
  }
  if (secret) {
    try {
      principal = await keys.resolve(secret);
    } catch (err) {
      // The store cannot be asked and this key was not resolved recently: it cannot be verified.
      log.warn({ err }, 'API key could not be verified: database unavailable');
      return reject(503, 'SERVICE_UNAVAILABLE', 'the API key cannot be verified right now; retry shortly', { 'retry-after': '1' });
    }
  }
  // Requests without a valid key share their address's bucket (guessing keys is limited too).
  const decision = principal ? limiter.take(`key:${principal.keyId}`) : charged ? { ok: true as const } : limiter.take(address);
  if (!decision.ok) return rateLimited(decision.retryAfterSeconds);
  if (secret !== null && !principal) {
    // One answer for malformed, unknown and revoked keys: nothing to learn about which it was.
    return reject(401, 'UNAUTHENTICATED', 'invalid API key: send Authorization: Bearer <key> with a valid, unrevoked key', { 'www-authenticate': 'Bearer' });
  }
  return { ok: true, principal };
}

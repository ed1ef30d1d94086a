// The one place that decides whether a failure means "the database cannot be reached or used
// right now" (worth retrying later, not the client's fault, not a bug) — whatever the driver:
//   SQLite (better-sqlite3): SQLITE_BUSY / SQLITE_LOCKED (another process holds the lock past the
//     busy timeout), SQLITE_CANTOPEN, SQLITE_IOERR*, SQLITE_FULL, SQLITE_READONLY* (file gone,
//     moved, disk full, permissions);
//   PostgreSQL (pg): connection refused / reset / timed out, SQLSTATE class 08 (connection
//     exception), 57P01–57P03 (server shutting down or starting), 53300 (too many connections);
//   Prisma: P1001 can't reach, P1002 reach timed out, P1008 operation timed out (what the SQLite
//     adapter makes of SQLITE_BUSY), P1017 connection closed, P2024 pool timeout, P2037 too many
//     connections, P2028 "Unable to start a transaction in the given time", initialisation errors.
// The GraphQL layer turns such an error into SERVICE_UNAVAILABLE (src/graphql/errors.ts); the
// scoring service serves the last logged list instead (src/recommend/service.ts).
import { ServiceUnavailableError } from '../recommend/errors';

const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY)/;
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN']);
const PG_STATES = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'SocketTimeout', 'ConnectionClosed', 'TooManyConnections']);

type Loose = { name?: unknown; code?: unknown; originalCode?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };

function matches(e: Loose): boolean {
  const code = typeof e.code === 'string' ? e.code : '';
  const original = typeof e.originalCode === 'string' ? e.originalCode : '';
  if (SQLITE_CODES.test(code) || SQLITE_CODES.test(original)) return true;
  if (NODE_CODES.has(code) || PG_STATES.test(code) || PG_STATES.test(original)) return true;
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
  if (e.name === 'PrismaClientInitializationError') return true;
  if (PRISMA_CODES.has(code)) return true;
  // Prisma's interactive transaction could not start within maxWait: the store (or the one SQLite
  // connection) stayed busy that long.
  return code === 'P2028' && typeof e.message === 'string' && e.message.includes('Unable to start a transaction');
}

/** Whether `e` (or anything it wraps) says the database is unavailable rather than the request being wrong. */
export function isStoreUnavailable(e: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [e];
  while (queue.length > 0) {
    const x = queue.shift();
    if (x === null || typeof x !== 'object' || seen.has(x) || seen.size > 8) continue;
    seen.add(x);
    if (x instanceof ServiceUnavailableError) return x.service === 'database';
    const loose = x as Loose;
    if (matches(loose)) return true;
    queue.push(loose.cause, loose.meta?.driverAdapterError);
  }
  return false;
}

/** The message every client sees when the database is unavailable. */
export const STORE_UNAVAILABLE_MESSAGE = 'the database is unavailable right now; retry shortly';

/** The client-facing error for a database failure (`cause` kept for the log only). */
export function storeUnavailable(cause: unknown): ServiceUnavailableError {
  return cause instanceof ServiceUnavailableError ? cause : new ServiceUnavailableError('database', STORE_UNAVAILABLE_MESSAGE, { cause });
}

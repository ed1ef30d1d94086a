// Starts the real FinRec server on 127.0.0.1 (port 0) against a test database and talks to it over
// HTTP, as a front end would. Every server gets FINREC_ADMIN_KEY = TEST_ADMIN_KEY (unless `env` says
// otherwise) and `gql` sends it by default; `{ key }` sends another key, `{ key: null }` none.
import { createApiKey } from '../../src/auth/keys';
import type { Role } from '../../src/auth/policy';
import { loadConfig } from '../../src/config';
import { createApp, type App } from '../../src/server';
import type { Db } from '../../src/store/db';
import { fitForTests } from './engine';

export interface GqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; stacktrace?: unknown } }[];
}

/** The ADMIN key of every test server (FINREC_ADMIN_KEY). */
export const TEST_ADMIN_KEY = 'finrec-test-admin-key-0123456789';

/** Environment that makes a server (createApp or the spawned `main`) accept TEST_ADMIN_KEY, with
 *  the rate limit off (tests of other things send bursts; test/auth tests the limit itself). */
export const TEST_AUTH_ENV: Record<string, string> = { FINREC_ADMIN_KEY: TEST_ADMIN_KEY, RATE_LIMIT_PER_MINUTE: '0' };

/** Request headers for a JSON GraphQL POST carrying `key` (TEST_ADMIN_KEY by default; null: none). */
export function apiHeaders(key: string | null = TEST_ADMIN_KEY): Record<string, string> {
  return key === null ? { 'content-type': 'application/json' } : { 'content-type': 'application/json', authorization: `Bearer ${key}` };
}

export interface GqlOptions {
  /** The API key to send: TEST_ADMIN_KEY when omitted, none when null. */
  key?: string | null;
}

export interface Api {
  app: App;
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: GqlOptions): Promise<GqlResponse<T>>;
  /** A new API key of `role` (CUSTOMER keys name their customer); returns its secret. */
  key(role: Role, customerId?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Creates an API key straight in the store (as the CLI does); returns its secret. */
export async function createTestKey(db: Db, role: Role, customerId: string | null = null, name = `test ${role.toLowerCase()}`): Promise<string> {
  return (await createApiKey(db, { name, role, customerId })).secret;
}

export async function startApi(db: Db, env: Record<string, string> = {}): Promise<Api> {
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', REFIT_INTERVAL_SECONDS: '0', MODEL_POLL_SECONDS: '0', LOG_LEVEL: 'silent', ...TEST_AUTH_ENV, ...env });
  const app = await createApp({ config, db, fit: fitForTests });
  return {
    app,
    async gql(query, variables, options = {}) {
      const res = await fetch(app.url, { method: 'POST', headers: apiHeaders(options.key === undefined ? TEST_ADMIN_KEY : options.key), body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as Omit<GqlResponse, 'status'>;
      return { status: res.status, ...body };
    },
    key: (role, customerId) => createTestKey(db, role, customerId ?? null),
    stop: () => app.stop(),
  };
}

/**
 * The same database client, counting every Prisma operation by model (`Product.findMany` …), to
 * prove how many times a request reaches the store.
 */
export function countingDb(db: Db): { db: Db; counts: Map<string, number>; total(prefix?: string): number } {
  const counts = new Map<string, number>();
  const counted = db.$extends({
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          const key = `${model}.${operation}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          return query(args);
        },
      },
    },
  });
  return {
    db: counted as unknown as Db,
    counts,
    total: (prefix = '') => [...counts.entries()].filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0),
  };
}

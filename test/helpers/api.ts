// Starts the real FinRec server on 127.0.0.1 (port 0) against a test database and talks to it over
// HTTP, as a front end would.
import { loadConfig } from '../../src/config';
import { createApp, type App } from '../../src/server';
import type { Db } from '../../src/store/db';
import { fitForTests } from './engine';

export interface GqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; stacktrace?: unknown } }[];
}

export interface Api {
  app: App;
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
  stop(): Promise<void>;
}

export async function startApi(db: Db, env: Record<string, string> = {}): Promise<Api> {
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', REFIT_INTERVAL_SECONDS: '0', MODEL_POLL_SECONDS: '0', LOG_LEVEL: 'silent', ...env });
  const app = await createApp({ config, db, fit: fitForTests });
  return {
    app,
    async gql(query, variables) {
      const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as Omit<GqlResponse, 'status'>;
      return { status: res.status, ...body };
    },
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

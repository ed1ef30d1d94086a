// Builds the FinRec HTTP server: GraphQL (Apollo Server 5 over node:http) on /graphql, a health
// check on /health. It fits the scoring service's engine and brings the product embeddings of
// semantic search up to date before it listens; `main.ts` owns the process (configuration,
// migrations, seeding, signals).
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate } from './auth/http';
import { keyResolverFor } from './auth/keyResolver';
import { ensureAdminKey } from './auth/keys';
import { RateLimiter } from './auth/rateLimit';
import type { Config } from './config';
import { createContext, createServices, type Context, type Services } from './graphql/context';
import { createFormatError } from './graphql/errors';
import { queryLimitRules } from './graphql/limits';
import { queryCostPlugin } from './graphql/queryCost';
import { finrecSchema } from './graphql/schema';
import { LocalEmbeddingProvider } from './llm/localEmbeddings';
import type { EmbeddingProvider } from './llm/providers';
import { sharedEmbeddingProvider } from './llm/sharedEmbeddings';
import { createChatProvider } from './llm';
import { Explainer } from './explain/explainer';
import { silentLogger, type Logger } from './log';
import { fitEngine } from './recommend/pipeline';
import { ScoringService, type FitEngine } from './recommend/service';
import { ProductSearch } from './search/productSearch';
import { NeedService } from './needs/needService';
import { tfRuntime } from './train/backend';
import { storeHealth, type Db } from './store/db';

export const GRAPHQL_PATH = '/graphql';
const MAX_BODY_BYTES = 1_000_000;

export interface AppOptions {
  config: Config;
  db: Db;
  log?: Logger;
  /** How the engine is fitted from the store; defaults to the recommendation pipeline. */
  fit?: FitEngine;
  /** The embedding provider of product search; defaults to the configured one (createEmbeddingProvider). */
  embeddings?: EmbeddingProvider;
}

export interface App {
  server: http.Server;
  /** e.g. http://127.0.0.1:4000/graphql */
  url: string;
  scoring: ScoringService;
  search: ProductSearch;
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'request body too large'));
        req.removeAllListeners('data').resume(); // discard the rest, keep the socket for the answer
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function toGraphQLRequest(req: IncomingMessage, url: URL): Promise<HTTPGraphQLRequest> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const raw = req.method === 'POST' ? await readBody(req) : '';
  let body: unknown = raw;
  if (raw && (headers.get('content-type') ?? '').startsWith('application/json')) {
    try { body = JSON.parse(raw); } catch { throw new HttpError(400, 'request body is not valid JSON'); }
  }
  return { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config, db } = options;
  const log = (options.log ?? silentLogger).child({ module: 'server' });
  const production = config.NODE_ENV === 'production';
  // Access control first, so a bad FINREC_ADMIN_KEY fails before anything starts: the key ensured
  // (never logged, only its id and public prefix), keys resolved per request through a short-lived
  // cache, one rate-limit bucket per caller.
  if (config.FINREC_ADMIN_KEY) {
    const admin = await ensureAdminKey(db, config.FINREC_ADMIN_KEY);
    log.info({ keyId: admin.key.id, prefix: admin.key.prefix, created: admin.created }, 'FINREC_ADMIN_KEY ensured as an ADMIN key');
    if (admin.revoked) log.warn({ keyId: admin.key.id, prefix: admin.key.prefix }, 'FINREC_ADMIN_KEY names a revoked key: it stays revoked; set a new one');
  }
  const keys = keyResolverFor(db, { ttlMs: config.AUTH_KEY_CACHE_SECONDS * 1000 });
  const limiter = new RateLimiter({ perMinute: config.RATE_LIMIT_PER_MINUTE, burst: config.RATE_LIMIT_BURST });

  const scoring = await ScoringService.start({
    db, config, log: options.log ?? silentLogger, modelsDir: config.MODELS_DIR,
    fit: options.fit ?? ((data, pretrained) => fitEngine(data, config, pretrained)),
  });
  // Products embedded since the last start (or all, on the first) are embedded now; the same
  // refresh runs every REFIT_INTERVAL_SECONDS for products imported by another process.
  const started = Date.now();
  const provider = options.embeddings ?? sharedEmbeddingProvider(config);
  if (provider instanceof LocalEmbeddingProvider) await tfRuntime(config.FINREC_TF_BACKEND); // the local model runs on the app's TF engine
  const search = await ProductSearch.start({
    db, log: options.log ?? silentLogger, provider, refreshIntervalSeconds: config.MODEL_POLL_SECONDS || config.REFIT_INTERVAL_SECONDS,
  });
  log.info({ ...search.info, ms: Date.now() - started }, 'product search ready');
  const chat = createChatProvider(config);
  const explainer = new Explainer({ chat, log: options.log ?? silentLogger, timeoutMs: config.LLM_TIMEOUT_MS });
  const needs = new NeedService({ db, lineRanking: (id) => scoring.lineRanking(id), modelVersion: () => scoring.modelVersion, catalog: search, chat,
    rules: { unprofiledMaxRisk: config.UNPROFILED_MAX_RISK, homeCurrency: config.HOME_CURRENCY },
  });
  const services: Services = createServices(db, scoring, search, needs, explainer);

  const httpServer = http.createServer();
  const apollo = new ApolloServer<Context>({
    schema: await finrecSchema(),
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production, // no "Did you mean …" field names when introspection is off
    includeStacktraceInErrorResponses: !production,
    stopOnTerminationSignals: false, // main.ts owns signals and stops everything in order
    formatError: createFormatError({ production, log }),
    validationRules: queryLimitRules(), // root fields, depth, aliases; the cost budget is queryCostPlugin
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      queryCostPlugin(),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await apollo.start();

  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // The request target is the client's: one that is not a URL (`GET //[`) is a bad request, and
    // must never throw out of this handler (it took the process down).
    const url = URL.parse(req.url ?? '/', 'http://localhost');
    if (!url) {
      sendJson(res, 400, { errors: [{ message: 'the request target is not a valid URL', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    // Browsers on other origins (front ends in development) may call the API; no credentials are used.
    res.setHeader('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name' });
      res.end();
      return;
    }
    if (url.pathname === '/health' && req.method === 'GET') {
      // Still 200 when the database is unavailable: the process is alive and serves what it can (stale lists).
      const database = storeHealth(db);
      sendJson(res, 200, {
        status: database.available ? 'ok' : 'degraded', engine: scoring.engineInfo, cache: scoring.cacheStats, search: search.info,
        database: { available: database.available, readsDown: database.readsDown, writesDown: database.writesDown, since: database.since, lastError: database.lastError, failures: database.failures },
      });
      return;
    }
    if (url.pathname !== GRAPHQL_PATH) {
      sendJson(res, 404, { error: `not found; GraphQL is served on ${GRAPHQL_PATH}` });
      return;
    }
    void (async () => {
      const auth = await authenticate(req, keys, limiter, log);
      if (!auth.ok) {
        for (const [key, value] of Object.entries(auth.headers)) res.setHeader(key, value);
        sendJson(res, auth.status, auth.body);
        return;
      }
      const httpGraphQLRequest = await toGraphQLRequest(req, url);
      const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => createContext(services, auth.principal) });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    })().catch((e: unknown) => {
      if (e instanceof HttpError) { sendJson(res, e.status, { errors: [{ message: e.message, extensions: { code: 'BAD_REQUEST' } }] }); return; }
      if (req.destroyed && !req.complete) {
        // The client hung up before its request was complete: nothing to answer, not a server fault.
        log.debug({ err: e }, 'client aborted the request');
        return;
      }
      log.error({ err: e }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, () => { httpServer.off('error', reject); resolve(); });
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${address.port}${GRAPHQL_PATH}`;
  log.info({ url }, 'GraphQL server listening');

  let stopping: Promise<void> | null = null;
  return {
    server: httpServer, url, scoring, search,
    stop: () => (stopping ??= (async () => {
      await apollo.stop(); // drains in-flight requests and closes the HTTP server
      await search.stop();
      await scoring.stop();
    })()),
  };
}

// The one typed configuration of FinRec: defaults → environment → validated once (zod).
// Every knob is documented in .env.example.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

export const PROJECT_ROOT = path.resolve(__dirname, '..', __dirname.includes(`${path.sep}dist${path.sep}`) ? '..' : '');

const weight = z.coerce.number().min(0).max(100);
/** A timer period in seconds: 0 (off) or 0.1 s … 23 days (Node's timers overflow beyond 2^31 − 1 ms). */
const interval = z.coerce.number().refine((v) => v === 0 || (v >= 0.1 && v <= 2_000_000), 'must be 0 (off) or between 0.1 and 2000000 seconds');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().default('file:./finrec.db')
    .refine((u) => /^file:|^postgres(ql)?:\/\//.test(u), 'must start with file: (SQLite) or postgresql:// (PostgreSQL)'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Import the bundled Santander sample when the database has no customers (npm start). */
  SEED_SAMPLE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Scoring-service cache: customers kept, and how long a Top-N stays fresh. */
  CACHE_MAX_CUSTOMERS: z.coerce.number().int().min(1).default(50_000),
  CACHE_TTL_SECONDS: z.coerce.number().min(1).default(900),
  /** How often the shared model state (co-ownership, neighbours, popularity) is refitted from the store. */
  REFIT_INTERVAL_SECONDS: interval.default(3600),
  /** Blend weights, one per recommender (0 disables it). Defaults: tuned by `npm run evaluate` on a
   *  validation split of the Santander train customers (see docs/evaluation.md). */
  WEIGHT_POPULARITY: weight.default(0),
  WEIGHT_ITEM_CF: weight.default(0.25),
  WEIGHT_USER_CF: weight.default(0.5),
  WEIGHT_CONTENT: weight.default(0.125),
  WEIGHT_ACTIVITY: weight.default(0),
  /** The TensorFlow.js neural ranker; 0 = never trained (evaluate still reports it). */
  WEIGHT_NEURAL: weight.default(2),
  /** The TensorFlow.js two-tower model; its product embeddings also serve similarProducts. */
  WEIGHT_TWO_TOWER: weight.default(0),
  /** Blend weights of a saved model version: `learned` (on validation customers by npm run train)
   *  or `config` (the WEIGHT_* values, which also apply while no version is active). */
  BLEND_WEIGHTS: z.enum(['learned', 'config']).default('learned'),
  /** How the blender puts recommenders on one scale per customer: max (score/best) or rank. */
  BLEND_NORMALISATION: z.enum(['max', 'rank']).default('max'),
  /** Let models use the customer's age as a feature (eligibility rules always use it). */
  MODEL_USE_AGE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Activity weighting of the seed formula: w_i = 1/(1+exp(-k·activity_i)). */
  ACTIVITY_K: z.coerce.number().default(1),
  /** Force a TensorFlow.js backend (default: tfjs-node if installed, else wasm, else cpu). */
  FINREC_TF_BACKEND: z.enum(['node', 'wasm', 'cpu']).optional(),
  USER_CF_NEIGHBOURS: z.coerce.number().int().min(1).max(1000).default(200),
  /** Where `npm run train` writes model artifacts (models/<version-id>/); relative to the working directory. */
  MODELS_DIR: z.string().min(1).default('models'),
  /** How often the server checks which saved model version is active (one indexed query) and switches
   *  to a newly activated one, e.g. by `npm run train` in another process; 0 = never. */
  MODEL_POLL_SECONDS: interval.default(10),
  /** Need-based recommendation (recommendForNeed) for a customer with no risk tolerance on record
   *  offers products up to this risk level (PRIIPs SRI); a stated appetite can only lower it. */
  UNPROFILED_MAX_RISK: z.coerce.number().int().min(1).max(7).default(3),
  /** The customers' currency (ISO 4217): need-based lists offer products in it unless the customer asks for another. */
  HOME_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR').default('EUR'),
  /** OpenAI-compatible LLM server (OpenAI, Ollama, vLLM, llama.cpp…); unset = offline built-ins. */
  LLM_BASE_URL: z.string().url().optional(),
  /** Sent as `Authorization: Bearer …` when set. */
  LLM_API_KEY: z.string().min(1).optional(),
  /** Embedding model on LLM_BASE_URL; unset = the bundled Universal Sentence Encoder lite. */
  LLM_EMBEDDING_MODEL: z.string().min(1).optional(),
  /** Chat model on LLM_BASE_URL; unset = deterministic built-in logic (no generative text). */
  LLM_CHAT_MODEL: z.string().min(1).optional(),
  /** Per-request timeout of the LLM server, in milliseconds. */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** An ADMIN API key ensured at start (deployment automation, tests); never logged. Unset = none. */
  FINREC_ADMIN_KEY: z.string().min(16, 'must be at least 16 characters').max(512).regex(/^\S+$/, 'must not contain spaces').optional(),
  /** How long a resolved API key is trusted without asking the database again (and kept, for
   *  resolution while the database is briefly unavailable). */
  AUTH_KEY_CACHE_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  /** Requests per minute per API key (per remote address without one); 0 = no limit. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  /** Requests a caller may send at once; 0 = a minute's worth (RATE_LIMIT_PER_MINUTE). */
  RATE_LIMIT_BURST: z.coerce.number().int().min(0).default(0),
});

export type Config = z.infer<typeof schema>;

/** Parse and validate configuration; throws one readable error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Stable digest of any JSON-able config object (cache staleness, list audit). */
export function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);
}

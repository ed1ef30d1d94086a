// npm run embed -- [--batch-size N]
// Brings the product embeddings of semantic search up to date for the configured embedding
// provider (LLM_BASE_URL + LLM_EMBEDDING_MODEL, else the bundled USE-lite model): every active
// product whose embedding is missing or stale is embedded; a second run embeds nothing. Run it
// after importing a large catalog, so the server's start (which syncs too) has nothing left to do.
// Exit codes: 0 done, 1 fatal error (e.g. the provider is down), 2 usage error.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openReadyDb } from '../ingest/seed';
import { createEmbeddingProvider, LocalEmbeddingProvider } from '../llm';
import { createLogger } from '../log';
import { tfRuntime } from '../train/backend';
import { DEFAULT_BATCH_SIZE, syncProductEmbeddings } from '../search/syncEmbeddings';
import { progressReporter, type Progress } from './progress';
import { parseCommandLine, runCommand } from './run';

const USAGE = `usage: npm run embed -- [--batch-size N]

  --batch-size N   texts per provider call and per write transaction (default ${DEFAULT_BATCH_SIZE})

Embeds the active products of DATABASE_URL (default file:./finrec.db) whose embedding for the
configured provider is missing or stale (changed text, new provider version).`;

function parse(argv: string[]): { batchSize: number } | 'help' {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { 'batch-size': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new Error(`unexpected argument "${positionals[0]}"`);
  const raw = values['batch-size'];
  const batchSize = raw === undefined ? DEFAULT_BATCH_SIZE : Number(raw);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 2048) throw new Error(`--batch-size must be an integer 1–2048 (got "${raw}")`);
  return { batchSize };
}

async function main(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv, USAGE, parse);
  if ('exit' in args) return args.exit;
  const config = loadConfig();
  const log = createLogger({ ...config, LOG_LEVEL: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL });
  const { db } = await openReadyDb(config, log);
  try {
    const provider = createEmbeddingProvider(config);
    // The local model runs on the app's TensorFlow.js engine: its backend must be ready first.
    const tf = await tfRuntime(config.FINREC_TF_BACKEND);
    if (provider instanceof LocalEmbeddingProvider) {
      const t0 = performance.now();
      await provider.embed(['load the model']); // so the rate below is the model's, not its loading
      process.stderr.write(`embedding provider: ${provider.name} ${provider.version} on TensorFlow.js ${tf.backend} (loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    } else {
      process.stderr.write(`embedding provider: ${provider.name} ${provider.version}\n`);
    }
    const progress: { bar?: Progress } = {};
    const result = await syncProductEmbeddings(db, provider, {
      batchSize: args.batchSize,
      onProgress: (done, total) => { (progress.bar ??= progressReporter('embedding', 'products', total)).update(done); },
    });
    progress.bar?.stop();
    const seconds = result.ms / 1000;
    const rate = result.embedded > 0 ? `, ${(result.embedded / (result.embedMs / 1000)).toFixed(1)} texts/s` : '';
    console.log(`${result.embedded} products embedded, ${result.upToDate} already up to date (${provider.name} ${provider.version}) in ${seconds.toFixed(1)} s${rate}`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

runCommand(main);

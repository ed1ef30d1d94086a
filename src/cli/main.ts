// npm start: configuration → migrations → seed (bundled sample into an empty database) → fit the
// engine → serve GraphQL. Stops gracefully on SIGINT/SIGTERM (in-flight requests finish).
import 'reflect-metadata';
import { developmentAdminKey, DEV_KEY_FILE } from '../auth/devKey';
import { loadConfig, type Config } from '../config';
import { openReadyDb } from '../ingest/seed';
import { createLogger, type Logger } from '../log';
import { createApp } from '../server';
import { tfRuntime } from '../train/backend';
import { providerOf } from '../store/db';

async function main(initial: Config, log: Logger): Promise<void> {
  let config = initial;
  const { db, applied } = await openReadyDb(config, log);
  log.info({ provider: providerOf(config.DATABASE_URL), applied }, applied.length ? 'database migrated' : 'database up to date');

  const tf = await tfRuntime(config.FINREC_TF_BACKEND);
  log.info({ backend: tf.backend, unavailable: tf.tried }, `TensorFlow.js backend: ${tf.backend}`);

  if (!config.FINREC_ADMIN_KEY && config.NODE_ENV === 'development') {
    const dev = developmentAdminKey(process.cwd());
    config = { ...config, FINREC_ADMIN_KEY: dev.secret };
    log.info({ file: dev.file, created: dev.created },
      `development mode without FINREC_ADMIN_KEY: an ADMIN key is in ${DEV_KEY_FILE} (send it as Authorization: Bearer …; production never gets one this way)`);
  }
  const app = await createApp({ config, db, log });
  log.info({ url: app.url }, `FinRec GraphQL ready at ${app.url}`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => { log.error('shutdown timed out; exiting'); process.exit(1); }, 10_000);
    force.unref();
    app.stop()
      .then(() => db.$disconnect())
      .then(() => { log.info('stopped'); process.exitCode = 0; })
      .catch((e: unknown) => { log.error({ err: e }, 'error while stopping'); process.exitCode = 1; });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
const log = createLogger(config);
main(config, log).catch((e: unknown) => {
  log.fatal({ err: e }, 'FinRec failed to start');
  process.exit(1);
});

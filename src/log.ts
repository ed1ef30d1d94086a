// One structured logger (pino) for the process. Modules take a Logger and make children
// (`log.child({ module: 'service' })`) rather than creating their own.
import pino from 'pino';
import type { Config } from './config';

export type Logger = pino.Logger;

/** `destination`: where lines go (stdout by default; tests capture them). */
export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>, destination?: pino.DestinationStream): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { app: 'finrec' },
    // Secrets never reach a log line, even if a whole config, headers object or created key is logged.
    redact: {
      paths: [
        'req.headers.authorization', 'headers.authorization', '*.headers.authorization',
        'FINREC_ADMIN_KEY', '*.FINREC_ADMIN_KEY', 'LLM_API_KEY', '*.LLM_API_KEY', 'secret', '*.secret',
      ],
      remove: true,
    },
  }, destination);
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = pino({ level: 'silent' });

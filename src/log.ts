// One structured logger (pino) for the process. Modules take a Logger and make children
// (`log.child({ module: 'service' })`) rather than creating their own.
import pino from 'pino';
import type { Config } from './config';

export type Logger = pino.Logger;

export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { app: 'finrec' },
    redact: { paths: ['req.headers.authorization'], remove: true },
  });
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = pino({ level: 'silent' });

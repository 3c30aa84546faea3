import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';
import type { AppConfig } from './config';

export type { Logger };

/**
 * JSON logs (pino), UTC timestamps. Secrets and personal values never belong in a log line; the redact
 * list is a second line of defence for fields that might carry them by mistake.
 */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'SAMLRequest',
  'SAMLResponse',
  // TypeORM's QueryFailedError carries the statement's bound values (ciphertexts, blind indexes, tokens).
  'err.parameters',
  'err.driverError.parameters',
];

/**
 * The request being answered, for every log line written while answering it (and work it started):
 * web/middleware/request-id.ts enters it, the logger's mixin adds `requestId` — so a line logged deep in
 * saml/ or a background mail carries it without anyone passing it along.
 */
export const requestContext = new AsyncLocalStorage<{ readonly requestId: string }>();

export function createLogger(config: Pick<AppConfig, 'logLevel'>, destination: pino.DestinationStream | number = 1): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'leerpoort' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const ctx = requestContext.getStore();
        return ctx ? { requestId: ctx.requestId } : {};
      },
    },
    typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination,
  );
}

import type { NextFunction, Request, Response } from 'express';
import { type AppError, isAppError, RateLimitedError, ValidationError } from '../../domain/errors';
import type { Logger } from '../../logger';
import { sendMessagePage } from '../pages';

/** What body parsers and express throw for unreadable input, as the domain's own error. */
function asAppError(err: unknown): AppError | null {
  if (isAppError(err)) return err;
  const e = err as { type?: string; status?: unknown; message?: string };
  if (e?.type === 'entity.parse.failed') return new ValidationError(`malformed JSON: ${e.message ?? ''}`.trim());
  if (e?.type === 'entity.too.large') return new ValidationError('request body too large');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500)
    return new ValidationError(`the request could not be read${e.type ? ` (${e.type})` : ''}`);
  return null;
}

/**
 * The one error handler, for pages and the API alike. Domain errors carry their status and a public
 * message; anything else is a bug: 500 with only the request id shown, full detail in the log. JSON for
 * API clients (`{ error: kind, message, requestId }`), else the Dutch/English message page.
 */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const requestId = String(res.locals.requestId ?? '');
    const known = asAppError(err);
    const status = known ? known.status : 500;
    const log = status >= 500 ? logger.error.bind(logger) : logger.warn.bind(logger);
    log(
      {
        requestId,
        method: req.method,
        path: req.path,
        status,
        err: known ? { kind: known.kind, message: known.publicMessage, detail: known.detail } : err,
      },
      'request failed',
    );
    if (res.headersSent) return;
    if (known instanceof RateLimitedError) res.setHeader('Retry-After', String(known.retryAfterSeconds));
    if (req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json') {
      if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
      res
        .status(status)
        .json({ error: known ? known.kind : 'internal', message: known ? known.publicMessage : 'internal error', requestId });
      return;
    }
    sendMessagePage(res, status, {
      heading_nl: 'Er ging iets mis',
      heading_en: 'Something went wrong',
      text_nl: known ? known.publicMessage : 'Er is een fout opgetreden. Probeer het later opnieuw.',
      text_en: known ? '' : 'Something went wrong. Please try again later.',
      errorId: requestId,
    });
  };
}

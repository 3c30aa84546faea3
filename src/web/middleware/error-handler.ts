import type { NextFunction, Request, Response } from 'express';
import { type AppError, isAppError, RateLimitedError, UnavailableError, ValidationError } from '../../domain/errors';
import type { Logger } from '../../logger';
import { sendMessagePage } from '../pages';

/**
 * Recognises failures of the layers below as a domain error (the database's "cannot serve now" as
 * UnavailableError); web/ cannot know the driver, so main.ts hands it in.
 */
export type ErrorTranslator = (err: unknown) => AppError | null;

/** What body parsers and express throw for unreadable input, as the domain's own error. */
function asAppError(err: unknown, translate: ErrorTranslator): AppError | null {
  if (isAppError(err)) return err;
  const translated = translate(err);
  if (translated) return translated;
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
 * API clients (`{ error: kind, message, requestId }`), else the Dutch/English message page. "Cannot
 * serve now" (503) says when to try again (Retry-After) and is never cached.
 */
export function errorHandler(logger: Logger, translate: ErrorTranslator = () => null) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const requestId = String(res.locals.requestId ?? '');
    const known = asAppError(err, translate);
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
    if (known instanceof UnavailableError) {
      if (known.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(known.retryAfterSeconds));
      res.setHeader('Cache-Control', 'no-store');
    }
    if (req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json') {
      if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
      res
        .status(status)
        .json({ error: known ? known.kind : 'internal', message: known ? known.publicMessage : 'internal error', requestId });
      return;
    }
    if (known instanceof UnavailableError) {
      sendMessagePage(res, status, {
        heading_nl: 'Tijdelijk niet beschikbaar',
        heading_en: 'Temporarily unavailable',
        text_nl: 'Leerpoort kan op dit moment niet bij zijn gegevens. Probeer het over een paar seconden opnieuw.',
        text_en: 'Leerpoort cannot reach its data at the moment. Please try again in a few seconds.',
        // The same address again (a GET only: a form post cannot be repeated by a link).
        ...(req.method === 'GET' ? { link: { href: req.originalUrl, label: 'Opnieuw proberen / Try again' } } : {}),
        errorId: requestId,
      });
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

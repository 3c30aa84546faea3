import type { NextFunction, Request, Response } from 'express';
import { isAppError } from '../../domain/errors';
import type { Logger } from '../../logger';
import { escapeHtml } from '../html';

/**
 * The one error handler. Domain errors carry their status and a public message; anything else is a
 * bug: 500 with only the request id shown, full detail in the log.
 */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const requestId = String(res.locals.requestId ?? '');
    const known = isAppError(err);
    const status = known ? err.status : typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : 500;
    const publicMessage = known ? err.publicMessage : status < 500 ? 'Bad request' : 'Internal error';
    const log = status >= 500 ? logger.error.bind(logger) : logger.warn.bind(logger);
    log({ requestId, method: req.method, path: req.path, status, err: known ? { kind: err.kind, message: err.publicMessage, detail: err.detail } : err }, 'request failed');
    if (res.headersSent) return;
    res.status(status);
    if (req.accepts(['html', 'json']) === 'json' || req.path.startsWith('/api/')) {
      res.json({ error: known ? err.kind : status >= 500 ? 'internal' : 'bad_request', message: publicMessage, requestId });
      return;
    }
    res.type('html').send(`<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Leerpoort – fout</title></head>
<body><main>
<h1>Er ging iets mis</h1>
<p lang="nl">${status >= 500 ? 'Er is een fout opgetreden. Probeer het later opnieuw.' : escapeHtml(publicMessage)}</p>
<p lang="en">${status >= 500 ? 'Something went wrong. Please try again later.' : escapeHtml(publicMessage)}</p>
<p>Foutcode / error id: <code>${escapeHtml(requestId)}</code></p>
</main></body></html>`);
  };
}

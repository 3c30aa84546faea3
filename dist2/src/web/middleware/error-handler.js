"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.errorHandler = errorHandler;
const errors_1 = require("../../domain/errors");
const pages_1 = require("../pages");
/** What body parsers and express throw for unreadable input, as the domain's own error. */
function asAppError(err, translate) {
    if ((0, errors_1.isAppError)(err))
        return err;
    const translated = translate(err);
    if (translated)
        return translated;
    const e = err;
    if (e?.type === 'entity.parse.failed')
        return new errors_1.ValidationError(`malformed JSON: ${e.message ?? ''}`.trim());
    if (e?.type === 'entity.too.large')
        return new errors_1.ValidationError('request body too large');
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500)
        return new errors_1.ValidationError(`the request could not be read${e.type ? ` (${e.type})` : ''}`);
    return null;
}
/**
 * The one error handler, for pages and the API alike. Domain errors carry their status and a public
 * message; anything else is a bug: 500 with only the request id shown, full detail in the log. JSON for
 * API clients (`{ error: kind, message, requestId }`), else the Dutch/English message page. "Cannot
 * serve now" (503) says when to try again (Retry-After) and is never cached.
 */
function errorHandler(logger, translate = () => null) {
    return (err, req, res, _next) => {
        const requestId = String(res.locals.requestId ?? '');
        const known = asAppError(err, translate);
        const status = known ? known.status : 500;
        const log = status >= 500 ? logger.error.bind(logger) : logger.warn.bind(logger);
        log({
            requestId,
            method: req.method,
            path: req.path,
            status,
            err: known ? { kind: known.kind, message: known.publicMessage, detail: known.detail } : err,
        }, 'request failed');
        if (res.headersSent)
            return;
        if (known instanceof errors_1.RateLimitedError)
            res.setHeader('Retry-After', String(known.retryAfterSeconds));
        if (known instanceof errors_1.UnavailableError) {
            if (known.retryAfterSeconds !== undefined)
                res.setHeader('Retry-After', String(known.retryAfterSeconds));
            res.setHeader('Cache-Control', 'no-store');
        }
        if (req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json') {
            if (status === 401)
                res.setHeader('WWW-Authenticate', 'Bearer');
            res
                .status(status)
                .json({ error: known ? known.kind : 'internal', message: known ? known.publicMessage : 'internal error', requestId });
            return;
        }
        if (known instanceof errors_1.UnavailableError) {
            (0, pages_1.sendMessagePage)(res, status, {
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
        (0, pages_1.sendMessagePage)(res, status, {
            heading_nl: 'Er ging iets mis',
            heading_en: 'Something went wrong',
            text_nl: known ? known.publicMessage : 'Er is een fout opgetreden. Probeer het later opnieuw.',
            text_en: known ? '' : 'Something went wrong. Please try again later.',
            errorId: requestId,
        });
    };
}
//# sourceMappingURL=error-handler.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DATABASE_RETRY_AFTER_SECONDS = void 0;
exports.databaseUnavailable = databaseUnavailable;
const errors_1 = require("../domain/errors");
/**
 * The one place that decides which database failures mean "the database cannot serve right now" (the
 * request may succeed when retried) rather than "this request or this code is wrong". The web's error
 * handler answers those 503 with Retry-After instead of 500; everything else stays a bug.
 */
/** What a client is told to wait: about how long the hub needs to serve again once PostgreSQL is back. */
exports.DATABASE_RETRY_AFTER_SECONDS = 5;
/** Socket-level failures reaching PostgreSQL (stopped, restarting, unreachable, connection dropped). */
const NETWORK_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENOTFOUND',
    'EAI_AGAIN',
]);
/**
 * SQLSTATEs that say nothing about the request: class 08 (connection exception), 53300 too many
 * connections, 57014 query cancelled (our statement_timeout), 57P01–57P03 shutdown or not yet accepting,
 * 55P03 lock not available (lock_timeout), 25006 read-only transaction (the old primary after a failover).
 */
const TRANSIENT_SQLSTATE = /^(08...|53300|57014|57P0[123]|55P03|25006)$/;
/** node-postgres and pg-pool report these without a code. */
const DRIVER_MESSAGE = /^(timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|Client was closed|Cannot use a pool after calling end|Query read timeout)/i;
function isTransient(e) {
    const code = typeof e.code === 'string' ? e.code : '';
    return NETWORK_CODES.has(code) || TRANSIENT_SQLSTATE.test(code) || (typeof e.message === 'string' && DRIVER_MESSAGE.test(e.message));
}
/**
 * The database error as an UnavailableError, or null when it is something else. Looks through TypeORM's
 * wrapper (`driverError`), `cause` chains and AggregateError (a connect tried on several addresses).
 */
function databaseUnavailable(err) {
    const seen = new Set();
    const queue = [err];
    while (queue.length > 0) {
        const e = queue.shift();
        if (!e || typeof e !== 'object' || seen.has(e))
            continue;
        seen.add(e);
        const candidate = e;
        if (isTransient(candidate)) {
            const code = typeof candidate.code === 'string' ? ` [${candidate.code}]` : '';
            return new errors_1.UnavailableError('De dienst is even niet beschikbaar; probeer het zo opnieuw. / The service is temporarily unavailable; please try again shortly.', `database unavailable${code}: ${String(candidate.message ?? '')}`, exports.DATABASE_RETRY_AFTER_SECONDS);
        }
        queue.push(candidate.driverError, candidate.cause, ...(Array.isArray(candidate.errors) ? candidate.errors : []));
    }
    return null;
}
//# sourceMappingURL=unavailable.js.map
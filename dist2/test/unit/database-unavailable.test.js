"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const typeorm_1 = require("typeorm");
const errors_1 = require("../../src/domain/errors");
const unavailable_1 = require("../../src/persistence/unavailable");
const withCode = (message, code) => Object.assign(new Error(message), { code });
/** Which database failures mean "cannot serve now" (503 + Retry-After) and which stay bugs (500). */
describe('persistence: databaseUnavailable (the one classifier of database outages)', () => {
    it('connection refused, reset or timed out; the pool wait exceeded; a connection terminated mid-query', () => {
        for (const e of [
            withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
            withCode('read ECONNRESET', 'ECONNRESET'),
            withCode('connect ETIMEDOUT', 'ETIMEDOUT'),
            new Error('timeout exceeded when trying to connect'),
            new Error('Connection terminated unexpectedly'),
            new Error('Connection terminated due to connection timeout'),
            new Error('Client has encountered a connection error and is not queryable'),
            new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
        ]) {
            const u = (0, unavailable_1.databaseUnavailable)(e);
            (0, chai_1.expect)(u, e.message).to.be.instanceOf(errors_1.UnavailableError);
            (0, chai_1.expect)(u.status).to.equal(503);
            (0, chai_1.expect)(u.retryAfterSeconds).to.equal(unavailable_1.DATABASE_RETRY_AFTER_SECONDS);
        }
    });
    it('SQLSTATEs of a server that cannot serve now, also inside TypeORM’s QueryFailedError', () => {
        for (const code of ['57014', '57P01', '57P03', '53300', '08006', '08001', '55P03', '25006']) {
            const driverError = withCode('server says no', code);
            (0, chai_1.expect)((0, unavailable_1.databaseUnavailable)(driverError), code).to.be.instanceOf(errors_1.UnavailableError);
            (0, chai_1.expect)((0, unavailable_1.databaseUnavailable)(new typeorm_1.QueryFailedError('SELECT 1', [], driverError)), `${code} wrapped`).to.be.instanceOf(errors_1.UnavailableError);
        }
        (0, chai_1.expect)((0, unavailable_1.databaseUnavailable)(new Error('outer', { cause: withCode('x', 'ECONNRESET') }))).to.be.instanceOf(errors_1.UnavailableError);
    });
    it('anything else is not an outage: constraint violations, syntax errors, bugs', () => {
        for (const e of [
            withCode('duplicate key value violates unique constraint', '23505'),
            withCode('syntax error at or near "SELEC"', '42601'),
            withCode('could not serialize access', '40001'),
            new TypeError("Cannot read properties of undefined (reading 'id')"),
            new Error('the flow ended without an outcome'),
            null,
            'a string',
        ])
            (0, chai_1.expect)((0, unavailable_1.databaseUnavailable)(e), String(e)).to.equal(null);
    });
});
//# sourceMappingURL=database-unavailable.test.js.map
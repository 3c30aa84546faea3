import { expect } from 'chai';
import { QueryFailedError } from 'typeorm';
import { UnavailableError } from '../../src/domain/errors';
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailable } from '../../src/persistence/unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

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
      const u = databaseUnavailable(e);
      expect(u, e.message).to.be.instanceOf(UnavailableError);
      expect(u!.status).to.equal(503);
      expect(u!.retryAfterSeconds).to.equal(DATABASE_RETRY_AFTER_SECONDS);
    }
  });

  it('SQLSTATEs of a server that cannot serve now, also inside TypeORM’s QueryFailedError', () => {
    for (const code of ['57014', '57P01', '57P03', '53300', '08006', '08001', '55P03', '25006']) {
      const driverError = withCode('server says no', code);
      expect(databaseUnavailable(driverError), code).to.be.instanceOf(UnavailableError);
      expect(databaseUnavailable(new QueryFailedError('SELECT 1', [], driverError)), `${code} wrapped`).to.be.instanceOf(UnavailableError);
    }
    expect(databaseUnavailable(new Error('outer', { cause: withCode('x', 'ECONNRESET') }))).to.be.instanceOf(UnavailableError);
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
      expect(databaseUnavailable(e), String(e)).to.equal(null);
  });
});

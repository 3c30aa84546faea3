import { Writable } from 'node:stream';
import { expect } from 'chai';
import { QueryFailedError } from 'typeorm';
import { createLogger } from '../../src/logger';

describe('logger: redaction', () => {
  it('a failed query is logged with its SQL and reason, never with its bound values', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const failure = new QueryFailedError(
      'INSERT INTO people (first_name) VALUES ($1)',
      ['enc1.k1.SECRET-CIPHERTEXT'],
      new Error('disk full'),
    );
    createLogger({ logLevel: 'debug' }, sink).debug({ err: failure }, 'command failed');
    const logged = JSON.parse(lines[0]!);
    expect(logged.err.query).to.contain('INSERT INTO people');
    expect(logged.err.message).to.contain('disk full');
    expect(lines[0]).not.to.contain('SECRET-CIPHERTEXT');
    expect(logged.err.parameters).to.equal('[redacted]');
  });
});

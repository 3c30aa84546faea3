"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_stream_1 = require("node:stream");
const chai_1 = require("chai");
const typeorm_1 = require("typeorm");
const logger_1 = require("../../src/logger");
describe('logger: redaction', () => {
    it('a failed query is logged with its SQL and reason, never with its bound values', () => {
        const lines = [];
        const sink = new node_stream_1.Writable({
            write(chunk, _enc, done) {
                lines.push(String(chunk));
                done();
            },
        });
        const failure = new typeorm_1.QueryFailedError('INSERT INTO people (first_name) VALUES ($1)', ['enc1.k1.SECRET-CIPHERTEXT'], new Error('disk full'));
        (0, logger_1.createLogger)({ logLevel: 'debug' }, sink).debug({ err: failure }, 'command failed');
        const logged = JSON.parse(lines[0]);
        (0, chai_1.expect)(logged.err.query).to.contain('INSERT INTO people');
        (0, chai_1.expect)(logged.err.message).to.contain('disk full');
        (0, chai_1.expect)(lines[0]).not.to.contain('SECRET-CIPHERTEXT');
        (0, chai_1.expect)(logged.err.parameters).to.equal('[redacted]');
    });
});
//# sourceMappingURL=logger-redaction.test.js.map
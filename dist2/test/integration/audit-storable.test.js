"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const inbound_1 = require("../../src/saml/bindings/inbound");
const postgres_1 = require("../support/postgres");
/**
 * The audit log quotes what clients sent (every refused SAML request is audited with its reason).
 * PostgreSQL refuses a NUL in text and jsonb and a lone surrogate in jsonb, so such a reason made the
 * audit insert fail and the refusal page a 500.
 */
(0, postgres_1.describeEachBackend)('audit log: entries quoting NUL or lone surrogates are stored', ({ db }) => {
    beforeEach(async () => (0, postgres_1.truncateAll)(db()));
    it('stores a refusal whose reason quotes a NUL query key ("%00=1&%00=2"), with U+FFFD in its place', async () => {
        let reason = '';
        try {
            await (0, inbound_1.decodeRedirect)('SAMLRequest=x&%00=1&%00=2', ['SAMLRequest']);
        }
        catch (e) {
            reason = e.publicMessage;
        }
        (0, chai_1.expect)(reason).to.equal('query parameter \u0000 appears more than once');
        await db().repositories.audit.record({
            actor: { type: 'sp', id: 'sp\u0000\uD800', ip: null },
            action: 'saml.authn_request.refused',
            outcome: 'failure',
            details: { reason, nested: ['\uDC00', { '\u0000key': 1 }] },
        });
        const [event] = await db().repositories.audit.list({ action: 'saml.authn_request.refused' });
        (0, chai_1.expect)(event.actor.id).to.equal('sp\uFFFD\uFFFD');
        (0, chai_1.expect)(event.details).to.deep.equal({
            reason: 'query parameter \uFFFD appears more than once',
            nested: ['\uFFFD', { '\uFFFDkey': 1 }],
        });
    });
    it('leaves proper surrogate pairs and other text alone', async () => {
        await db().repositories.audit.record({
            actor: { type: 'sp', id: 'sp 😀', ip: null },
            action: 'x',
            outcome: 'success',
            details: { a: 'é 😀 \t', n: 3, b: true, z: null },
        });
        const [event] = await db().repositories.audit.list({ action: 'x' });
        (0, chai_1.expect)(event.actor.id).to.equal('sp 😀');
        (0, chai_1.expect)(event.details).to.deep.equal({ a: 'é 😀 \t', n: 3, b: true, z: null });
    });
});
//# sourceMappingURL=audit-storable.test.js.map
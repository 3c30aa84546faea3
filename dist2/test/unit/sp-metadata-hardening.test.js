"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const secrets_1 = require("../../src/crypto/secrets");
const errors_1 = require("../../src/domain/errors");
const sp_metadata_1 = require("../../src/saml/metadata/sp-metadata");
const signature_1 = require("../../src/saml/xml/signature");
/** Regression cases for SP metadata: each threw something other than a ValidationError before. */
const metadata = (cert, keyInfoExtra = '', extensions = '') => '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="_fuzzmd" entityID="urn:x:sp">' +
    `<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${extensions}` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo>${keyInfoExtra}<ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    '<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.fuzz.example/acs" index="0"/>' +
    '</md:SPSSODescriptor></md:EntityDescriptor>';
const nested = (depth) => `<x:n xmlns:x="urn:x">${'<x:n>'.repeat(depth - 1)}${'</x:n>'.repeat(depth)}`;
function refusal(work) {
    try {
        work();
    }
    catch (e) {
        (0, chai_1.expect)(e).to.be.instanceOf(errors_1.ValidationError);
        return e;
    }
    throw new Error('expected a refusal');
}
describe('SP metadata: hostile input is a ValidationError', () => {
    let key;
    before(async () => {
        key = await (0, secrets_1.generateKeyPair)('metadata hardening');
    });
    it('plain http endpoints: refused by default (production), on loopback only when the caller allows it', () => {
        const at = (acs) => metadata((0, signature_1.certificateBody)(key.certificatePem)).replace('https://sp.fuzz.example/acs', acs);
        (0, chai_1.expect)(refusal(() => (0, sp_metadata_1.parseSpMetadata)(at('http://localhost:3001/saml/acs'))).message).to.match(/must use https.*outside production/);
        (0, chai_1.expect)((0, sp_metadata_1.parseSpMetadata)(at('http://localhost:3001/saml/acs'), { httpOnLoopback: true }).acsEndpoints[0].location).to.equal('http://localhost:3001/saml/acs');
        (0, chai_1.expect)((0, sp_metadata_1.parseSpMetadata)(at('http://127.0.0.1:3001/saml/acs'), { httpOnLoopback: true }).entityId).to.equal('urn:x:sp');
        (0, chai_1.expect)(refusal(() => (0, sp_metadata_1.parseSpMetadata)(at('http://sp.example.nl/acs'), { httpOnLoopback: true })).message).to.match(/must use https/);
    });
    it('accepts the well-formed baseline', () => {
        (0, chai_1.expect)((0, sp_metadata_1.parseSpMetadata)(metadata((0, signature_1.certificateBody)(key.certificatePem))).entityId).to.equal('urn:x:sp');
    });
    it('refuses KeyInfo nested 32,814 deep (sp-metadata fuzz case, seed 11: RangeError in the recursive certificate search)', () => {
        const e = refusal(() => (0, sp_metadata_1.parseSpMetadata)(metadata((0, signature_1.certificateBody)(key.certificatePem), nested(32_814))));
        (0, chai_1.expect)(e.message).to.equal(`metadata: elements are nested more than ${sp_metadata_1.METADATA_MAX_DEPTH} levels deep`);
    });
    it(`allows extensions up to ${sp_metadata_1.METADATA_MAX_DEPTH} levels in all`, () => {
        // EntityDescriptor, SPSSODescriptor and Extensions are three levels.
        (0, chai_1.expect)(() => (0, sp_metadata_1.parseSpMetadata)(metadata((0, signature_1.certificateBody)(key.certificatePem), '', `<md:Extensions>${nested(sp_metadata_1.METADATA_MAX_DEPTH - 3)}</md:Extensions>`))).not.to.throw();
        refusal(() => (0, sp_metadata_1.parseSpMetadata)(metadata((0, signature_1.certificateBody)(key.certificatePem), '', `<md:Extensions>${nested(sp_metadata_1.METADATA_MAX_DEPTH - 2)}</md:Extensions>`)));
    });
    for (const [what, trust] of [
        ['a blank trust certificate file', '\n'],
        ['an empty PEM', '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n'],
        ['text that is no certificate', 'not a certificate'],
    ]) {
        // The first two threw a TypeError (toPem on an empty body), the third failed later as "does not verify".
        it(`refuses ${what} given as --trust-cert, by name`, () => {
            const e = refusal(() => (0, sp_metadata_1.parseSpMetadata)(metadata((0, signature_1.certificateBody)(key.certificatePem)), { trustCertificate: trust }));
            (0, chai_1.expect)(e.message).to.equal('the trust certificate is not a valid X.509 certificate (PEM)');
        });
    }
    it('reports XML-level problems as ValidationError, not SamlRequestError (a comment inside NameIDFormat)', () => {
        const xml = metadata((0, signature_1.certificateBody)(key.certificatePem)).replace('<md:AssertionConsumerService', '<md:NameIDFormat>a<!---->b</md:NameIDFormat><md:AssertionConsumerService');
        (0, chai_1.expect)(refusal(() => (0, sp_metadata_1.parseSpMetadata)(xml)).message).to.match(/NameIDFormat may only contain text/);
    });
    it('refuses a NUL character reference in the entityID', () => {
        (0, chai_1.expect)(refusal(() => (0, sp_metadata_1.parseSpMetadata)(metadata((0, signature_1.certificateBody)(key.certificatePem)).replace('urn:x:sp', 'urn:x:sp&#0;'))).message).to.match(/character XML does not allow: U\+0000/);
    });
});
//# sourceMappingURL=sp-metadata-hardening.test.js.map
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_zlib_1 = __importDefault(require("node:zlib"));
const chai_1 = require("chai");
const errors_1 = require("../../src/domain/errors");
const sso_1 = require("../../src/saml/sso");
const parse_authn_request_1 = require("../../src/saml/steps/parse-authn-request");
const inbound_1 = require("../../src/saml/bindings/inbound");
const slo_1 = require("../../src/saml/slo");
const environment_1 = require("../../scripts/fuzz/environment");
const assert_1 = require("../support/assert");
/**
 * Regression cases found by the fuzzer (scripts/fuzz), run through the same in-process calls as the
 * HTTP routes, against PGlite with the fuzz environment's registered SPs. Each threw something other
 * than an AppError before — which the routes turn into a 500.
 */
describe('SAML inbound: fuzz-found crashes stay refusals (PGlite)', function () {
    let fuzz;
    before(async () => {
        fuzz = await (0, environment_1.openFuzzEnvironment)();
    });
    after(async () => fuzz?.close());
    const redirect = (xml) => `SAMLRequest=${encodeURIComponent(node_zlib_1.default.deflateRawSync(Buffer.from(xml)).toString('base64'))}`;
    it('authn-redirect (seed 11, case 541): an Issuer ending in &#0; (was: QueryFailedError, invalid byte sequence 0x00)', async () => {
        const xml = '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_replayed-2" Version="2.0" IssueInstant="2027-12-01T03:37:45.019Z" Destination="https://hub.fuzz.example/saml/sso" AssertionConsumerServiceURL="http://127.0.0.1:9/fuzz/acs" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">' +
            '<saml:Issuer>https://sp.fuzz.example/optional&#0;</saml:Issuer></samlp:AuthnRequest>';
        const e = await (0, assert_1.rejects)((0, sso_1.validateAuthnRequest)(fuzz.ctx, await (0, parse_authn_request_1.decodeAuthnRequest)('redirect', redirect(xml)), fuzz.env.now));
        (0, chai_1.expect)(e).to.be.instanceOf(errors_1.SamlRequestError);
        (0, chai_1.expect)(e.publicMessage).to.equal('AuthnRequest: contains a character XML does not allow: U+0000 (as the character reference &#0;)');
    });
    it('logout-response (seed 11, case 83): Issuer &#x0; and xml:lang="&#0;" over POST (was: QueryFailedError)', async () => {
        const xml = '<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_b32adfe46459" Version="2.0" IssueInstant="2026-12-01T03:34:57.691Z" Destination="https://hub.fuzz.example/saml/slo" InResponseTo="_08594dfe2a948d1e01130" xml:lang="&#0;">' +
            '<saml:Issuer>&#x0;</saml:Issuer><samlp:Extensions><x:e xmlns:x="urn:x">v</x:e></samlp:Extensions><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"></samlp:StatusCode></samlp:Status></samlp:LogoutResponse>';
        const message = (0, inbound_1.decodePost)({ SAMLResponse: Buffer.from(xml).toString('base64') }, ['SAMLRequest', 'SAMLResponse']);
        const e = await (0, assert_1.rejects)((0, slo_1.checkLogoutResponse)(fuzz.ctx, message, fuzz.env.now));
        (0, chai_1.expect)(e).to.be.instanceOf(errors_1.SamlRequestError);
        (0, chai_1.expect)(e.publicMessage).to.match(/^LogoutResponse: contains a character XML does not allow: U\+0000/);
    });
    it('a Redirect AuthnRequest from a registered SP with Extensions 9,000 deep, within 64 KiB (was: RangeError in the signature step)', async () => {
        const xml = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_deep" Version="2.0" IssueInstant="${fuzz.env.now.toISOString()}" Destination="${fuzz.env.ssoUrl}">` +
            `<saml:Issuer>${fuzz.env.optionalSp}</saml:Issuer><samlp:Extensions><x:e xmlns:x="urn:x">${'<a>'.repeat(9_000)}${'</a>'.repeat(9_000)}</x:e></samlp:Extensions></samlp:AuthnRequest>`;
        (0, chai_1.expect)(xml.length).to.be.below(64 * 1024);
        const e = await (0, assert_1.rejects)((0, sso_1.validateAuthnRequest)(fuzz.ctx, await (0, parse_authn_request_1.decodeAuthnRequest)('redirect', redirect(xml)), fuzz.env.now));
        (0, chai_1.expect)(e).to.be.instanceOf(errors_1.SamlRequestError);
        (0, chai_1.expect)(e.publicMessage).to.equal('AuthnRequest: elements are nested more than 64 levels deep');
    });
});
//# sourceMappingURL=saml-inbound-hardening.test.js.map
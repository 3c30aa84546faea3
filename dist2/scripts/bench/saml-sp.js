"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.spMetadata = spMetadata;
exports.authnRequestPath = authnRequestPath;
/**
 * A publisher's SP as the benchmarks and load scripts play it: its metadata (signed AuthnRequests,
 * HTTP-POST ACS on loopback) and signed HTTP-Redirect AuthnRequests. Shared by bench:sso (which signs in
 * worker threads, requiring this module there) and the morning-peak scenario.
 */
const node_crypto_1 = __importDefault(require("node:crypto"));
const node_zlib_1 = __importDefault(require("node:zlib"));
const signature_1 = require("../../src/saml/xml/signature");
const SIG_ALG = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
/** The SP's metadata: signed requests required, one POST ACS, and the attributes a typical publisher asks for. */
function spMetadata(sp, certificatePem) {
    return (`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${sp.entityId}">` +
        `<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="true" WantAssertionsSigned="true">` +
        `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${(0, signature_1.certificateBody)(certificatePem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
        `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${sp.acs}" index="0"/>` +
        `<md:AttributeConsumingService index="0"><md:ServiceName xml:lang="nl">b</md:ServiceName><md:RequestedAttribute Name="urn:oid:2.5.4.42"/><md:RequestedAttribute Name="urn:oid:2.5.4.4"/><md:RequestedAttribute Name="urn:oid:1.3.6.1.4.1.5923.1.1.1.1"/><md:RequestedAttribute Name="urn:mace:leerpoort.nl:attribute-def:groepNaam"/></md:AttributeConsumingService>` +
        '</md:SPSSODescriptor></md:EntityDescriptor>');
}
/** One signed HTTP-Redirect AuthnRequest (fresh ID and IssueInstant) as a path below the hub: `/saml/sso?…`. */
function authnRequestPath(sp, ssoUrl, key) {
    const xml = '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ' +
        `ID="_${node_crypto_1.default.randomBytes(16).toString('hex')}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${ssoUrl}" ` +
        `AssertionConsumerServiceURL="${sp.acs}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">` +
        `<saml:Issuer>${sp.entityId}</saml:Issuer></samlp:AuthnRequest>`;
    // The signature covers the query octets exactly as sent (SAML bindings §3.4.4.1).
    const octets = 'SAMLRequest=' +
        encodeURIComponent(node_zlib_1.default.deflateRawSync(Buffer.from(xml)).toString('base64')) +
        '&SigAlg=' +
        encodeURIComponent(SIG_ALG);
    return `/saml/sso?${octets}&Signature=${encodeURIComponent(node_crypto_1.default.sign('RSA-SHA256', Buffer.from(octets), key).toString('base64'))}`;
}
//# sourceMappingURL=saml-sp.js.map
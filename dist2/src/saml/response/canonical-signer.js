"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.c14nText = c14nText;
exports.c14nAttr = c14nAttr;
exports.signCanonicalElement = signCanonicalElement;
const node_crypto_1 = __importDefault(require("node:crypto"));
const namespaces_1 = require("../xml/namespaces");
const signature_1 = require("../xml/signature");
/**
 * The fast path for *producing* signatures. The hub's own templates emit their elements already in
 * exclusive-c14n form (sorted attributes, explicit end tags, c14n escaping, namespace declarations
 * exactly where exc-c14n puts them), so the digest is a SHA-256 over the string we built and the
 * SignedInfo is a fixed canonical template: no DOM, no re-parsing. Only node:crypto does maths.
 *
 * Every output of this path is checked in the tests against xml-crypto (same DigestValue and
 * SignatureValue: RSA PKCS#1 v1.5 is deterministic) and verified by xmlsec1.
 */
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Text content as exclusive c14n writes it. */
function c14nText(value) {
    return value.replace(INVALID_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}
/** A double-quoted attribute value as exclusive c14n writes it. */
function c14nAttr(value) {
    return value
        .replace(INVALID_XML_CHARS, '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/"/g, '&quot;')
        .replace(/\t/g, '&#x9;')
        .replace(/\n/g, '&#xA;')
        .replace(/\r/g, '&#xD;');
}
const certificateBodies = new Map();
/** The hub's certificate as KeyInfo carries it, computed once per key. */
function certificateBodyOf(key) {
    let body = certificateBodies.get(key.certificatePem);
    if (!body) {
        body = (0, signature_1.certificateBody)(key.certificatePem);
        certificateBodies.set(key.certificatePem, body);
    }
    return body;
}
function signedInfo(referenceId, digest, declareNamespace) {
    return (`<ds:SignedInfo${declareNamespace ? ` xmlns:ds="${namespaces_1.NS.dsig}"` : ''}>` +
        `<ds:CanonicalizationMethod Algorithm="${namespaces_1.ALG.excC14n}"></ds:CanonicalizationMethod>` +
        `<ds:SignatureMethod Algorithm="${namespaces_1.ALG.rsaSha256}"></ds:SignatureMethod>` +
        `<ds:Reference URI="#${referenceId}">` +
        `<ds:Transforms><ds:Transform Algorithm="${namespaces_1.ALG.enveloped}"></ds:Transform><ds:Transform Algorithm="${namespaces_1.ALG.excC14n}"></ds:Transform></ds:Transforms>` +
        `<ds:DigestMethod Algorithm="${namespaces_1.ALG.sha256}"></ds:DigestMethod>` +
        `<ds:DigestValue>${digest}</ds:DigestValue>` +
        '</ds:Reference></ds:SignedInfo>');
}
/**
 * Signs an element given in canonical form (`canonicalXml` is the whole element, unsigned, and its
 * first `</saml:Issuer>` is the element's own Issuer) and returns it with the enveloped signature
 * inserted after that Issuer — itself in canonical form, so an enclosing element can be signed the same way.
 */
function signCanonicalElement(canonicalXml, id, key, certificateB64 = certificateBodyOf(key)) {
    const digest = node_crypto_1.default.createHash('sha256').update(canonicalXml, 'utf8').digest('base64');
    const signature = node_crypto_1.default.sign('RSA-SHA256', Buffer.from(signedInfo(id, digest, true), 'utf8'), (0, signature_1.privateKeyOf)(key)).toString('base64');
    const element = `<ds:Signature xmlns:ds="${namespaces_1.NS.dsig}">` +
        signedInfo(id, digest, false) +
        `<ds:SignatureValue>${signature}</ds:SignatureValue>` +
        `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateB64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
        '</ds:Signature>';
    const at = canonicalXml.indexOf('</saml:Issuer>') + '</saml:Issuer>'.length;
    if (at < '</saml:Issuer>'.length)
        throw new Error('canonical element has no saml:Issuer');
    return canonicalXml.slice(0, at) + element + canonicalXml.slice(at);
}
//# sourceMappingURL=canonical-signer.js.map
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.newId = exports.AUTHN_CONTEXT_PASSWORD = void 0;
exports.buildAssertion = buildAssertion;
exports.buildSuccessResponse = buildSuccessResponse;
exports.buildErrorResponse = buildErrorResponse;
const node_crypto_1 = __importDefault(require("node:crypto"));
const xml_encryption_1 = require("xml-encryption");
const attributes_1 = require("../attributes");
const escape_1 = require("../xml/escape");
const canonical_signer_1 = require("./canonical-signer");
const namespaces_1 = require("../xml/namespaces");
const time_limits_1 = require("../time-limits");
const signature_1 = require("../xml/signature");
/**
 * Builds the hub's SAML Responses. The assertion is always signed (saml2int); the Response is signed
 * too when the SP wants it; an encrypted assertion is signed first, then encrypted, then the Response
 * around it is signed (so every signature covers exactly the bytes the SP receives).
 */
exports.AUTHN_CONTEXT_PASSWORD = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';
const newId = () => `_${node_crypto_1.default.randomBytes(20).toString('hex')}`;
exports.newId = newId;
function attributeStatement(attributes) {
    if (attributes.length === 0)
        return '';
    return ('<saml:AttributeStatement>' +
        attributes
            .map((a) => `<saml:Attribute FriendlyName="${(0, canonical_signer_1.c14nAttr)(a.friendlyName)}" Name="${(0, canonical_signer_1.c14nAttr)(a.name)}" NameFormat="${attributes_1.NAME_FORMAT_URI}">` +
            a.values.map((v) => `<saml:AttributeValue>${(0, canonical_signer_1.c14nText)(v)}</saml:AttributeValue>`).join('') +
            '</saml:Attribute>')
            .join('') +
        '</saml:AttributeStatement>');
}
/**
 * The assertion, written directly in exclusive-c14n form (attributes in canonical order, explicit end
 * tags, c14n escaping) so the fast signer can digest the string as built. No xsi:type on values: a
 * QName inside an attribute value would need InclusiveNamespaces to survive exclusive c14n.
 */
function buildAssertion(input, id = (0, exports.newId)()) {
    const now = input.now ?? new Date();
    const issueInstant = now.toISOString();
    const notBefore = new Date(now.getTime() - time_limits_1.CLOCK_SKEW_MS).toISOString();
    const notOnOrAfter = new Date(now.getTime() + time_limits_1.ASSERTION_LIFETIME_MS).toISOString();
    const inResponseTo = input.inResponseTo ? ` InResponseTo="${(0, canonical_signer_1.c14nAttr)(input.inResponseTo)}"` : '';
    return (`<saml:Assertion xmlns:saml="${namespaces_1.NS.assertion}" ID="${id}" IssueInstant="${issueInstant}" Version="2.0">` +
        `<saml:Issuer>${(0, canonical_signer_1.c14nText)(input.idpEntityId)}</saml:Issuer>` +
        '<saml:Subject>' +
        `<saml:NameID Format="${(0, canonical_signer_1.c14nAttr)(input.nameId.format)}" NameQualifier="${(0, canonical_signer_1.c14nAttr)(input.idpEntityId)}" SPNameQualifier="${(0, canonical_signer_1.c14nAttr)(input.spEntityId)}">${(0, canonical_signer_1.c14nText)(input.nameId.value)}</saml:NameID>` +
        '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
        `<saml:SubjectConfirmationData${inResponseTo} NotOnOrAfter="${notOnOrAfter}" Recipient="${(0, canonical_signer_1.c14nAttr)(input.acsUrl)}"></saml:SubjectConfirmationData>` +
        '</saml:SubjectConfirmation>' +
        '</saml:Subject>' +
        `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">` +
        `<saml:AudienceRestriction><saml:Audience>${(0, canonical_signer_1.c14nText)(input.spEntityId)}</saml:Audience></saml:AudienceRestriction>` +
        '</saml:Conditions>' +
        `<saml:AuthnStatement AuthnInstant="${input.authnInstant.toISOString()}" SessionIndex="${(0, canonical_signer_1.c14nAttr)(input.sessionIndex)}">` +
        `<saml:AuthnContext><saml:AuthnContextClassRef>${exports.AUTHN_CONTEXT_PASSWORD}</saml:AuthnContextClassRef></saml:AuthnContext>` +
        '</saml:AuthnStatement>' +
        attributeStatement(input.attributes) +
        '</saml:Assertion>');
}
function encryptAssertion(assertionXml, certificatePem) {
    const pem = (0, signature_1.toPem)(certificatePem);
    return new Promise((resolve, reject) => {
        (0, xml_encryption_1.encrypt)(assertionXml, {
            rsa_pub: pem,
            pem,
            encryptionAlgorithm: 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
            keyEncryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
            disallowEncryptionWithInsecureAlgorithm: true,
            warnInsecureAlgorithm: false,
        }, (err, encrypted) => (err ? reject(err) : resolve(encrypted)));
    });
}
/** The Response around its content, in exclusive-c14n form (xmlns:saml belongs on the Issuer there). */
function responseEnvelope(id, p, status, body) {
    const inResponseTo = p.inResponseTo ? ` InResponseTo="${(0, canonical_signer_1.c14nAttr)(p.inResponseTo)}"` : '';
    return (`<samlp:Response xmlns:samlp="${namespaces_1.NS.protocol}" Destination="${(0, canonical_signer_1.c14nAttr)(p.destination)}" ID="${id}"${inResponseTo} IssueInstant="${p.now.toISOString()}" Version="2.0">` +
        `<saml:Issuer xmlns:saml="${namespaces_1.NS.assertion}">${(0, canonical_signer_1.c14nText)(p.idpEntityId)}</saml:Issuer>` +
        status +
        body +
        '</samlp:Response>');
}
async function buildSuccessResponse(input, options) {
    const now = input.now ?? new Date();
    const assertionId = (0, exports.newId)();
    const responseId = (0, exports.newId)();
    const status = `<samlp:Status><samlp:StatusCode Value="${namespaces_1.STATUS.success}"></samlp:StatusCode></samlp:Status>`;
    const envelope = { idpEntityId: input.idpEntityId, destination: input.acsUrl, inResponseTo: input.inResponseTo, now };
    const signedAssertion = (0, canonical_signer_1.signCanonicalElement)(buildAssertion({ ...input, now }, assertionId), assertionId, options.signing);
    if (!options.encryptTo) {
        // Fast path: everything here is canonical already, so the Response is digested as built too.
        const xml = responseEnvelope(responseId, envelope, status, signedAssertion);
        return options.signResponse ? (0, canonical_signer_1.signCanonicalElement)(xml, responseId, options.signing) : xml;
    }
    // The encrypted assertion (xml-encryption's output) is not canonical: sign the Response with xml-crypto.
    const encrypted = `<saml:EncryptedAssertion xmlns:saml="${namespaces_1.NS.assertion}">${await encryptAssertion(signedAssertion, options.encryptTo)}</saml:EncryptedAssertion>`;
    const xml = responseEnvelope(responseId, envelope, status, encrypted);
    return options.signResponse ? (0, signature_1.signElement)(xml, 'Response', responseId, options.signing) : xml;
}
/** A signed error Response: goes only to an ACS URL verified against the SP's metadata. */
function buildErrorResponse(input, signing) {
    const id = (0, exports.newId)();
    const sub = input.subStatus ? `<samlp:StatusCode Value="${(0, escape_1.escapeXml)(input.subStatus)}"/>` : '';
    const message = input.message ? `<samlp:StatusMessage>${(0, escape_1.escapeXml)(input.message)}</samlp:StatusMessage>` : '';
    const xml = responseEnvelope(id, { idpEntityId: input.idpEntityId, destination: input.destination, inResponseTo: input.inResponseTo, now: input.now ?? new Date() }, `<samlp:Status><samlp:StatusCode Value="${(0, escape_1.escapeXml)(input.topLevel ?? namespaces_1.STATUS.responder)}">${sub}</samlp:StatusCode>${message}</samlp:Status>`, '');
    return (0, signature_1.signElement)(xml, 'Response', id, signing);
}
//# sourceMappingURL=build-response.js.map
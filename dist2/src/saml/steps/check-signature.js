"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkAuthnRequestSignature = void 0;
exports.verifyMessageSignature = verifyMessageSignature;
const errors_1 = require("../../domain/errors");
const flow_1 = require("../flow");
const signature_1 = require("../xml/signature");
const parse_authn_request_1 = require("./parse-authn-request");
/**
 * The signature rules every inbound message shares: HTTP-Redirect is signed over the query string as
 * received (an XML signature inside is refused); HTTP-POST carries one enveloped signature. A signature
 * present is always verified, against the SP's metadata certificates only; `required` says whether an
 * unsigned message is refused. Returns the document to read from: after a POST signature, exactly the
 * signed bytes.
 */
function verifyMessageSignature(message, doc, sp, what, required) {
    let signed = false;
    if (message.binding === 'redirect') {
        if ((0, signature_1.signaturesIn)(doc).length > 0)
            throw new errors_1.SamlRequestError(`${what}: an XML signature is not allowed in the HTTP-Redirect binding (sign the query string)`);
        if (message.querySignature) {
            const q = message.querySignature;
            (0, signature_1.verifyRedirectSignature)(q.signedOctets, q.sigAlg, q.signature, sp.signingCertificates, what);
            signed = true;
        }
    }
    else if ((0, signature_1.signaturesIn)(doc).length > 0) {
        doc = (0, signature_1.verifyEnvelopedSignature)(message.xml, doc, sp.signingCertificates, what);
        signed = true;
    }
    if (required && !signed)
        throw new errors_1.SamlRequestError(`SP '${sp.entityId}' must sign its ${what}s`);
    return { doc, signed };
}
/** AuthnRequests must be signed when the SP's metadata says AuthnRequestsSigned; from here on, read only what is signed. */
exports.checkAuthnRequestSignature = (0, flow_1.step)('check-signature', (_ctx, s) => {
    const verified = verifyMessageSignature(s.message, s.doc, s.sp, 'AuthnRequest', s.sp.authnRequestsSigned);
    s.signed = verified.signed;
    if (verified.doc !== s.doc) {
        s.doc = verified.doc;
        s.request = (0, parse_authn_request_1.readAuthnRequest)(verified.doc);
    }
});
//# sourceMappingURL=check-signature.js.map
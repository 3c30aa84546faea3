"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SIG_ALG = void 0;
exports.signEnveloped = signEnveloped;
exports.signOctets = signOctets;
const node_crypto_1 = __importDefault(require("node:crypto"));
const xmldom_1 = require("@xmldom/xmldom");
const xml_crypto_1 = require("xml-crypto");
/** Signing as an SP would do it, with the algorithms the fuzz cases choose (some of them refused). */
exports.SIG_ALG = {
    rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    rsaSha512: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
    rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
};
const DIGEST = { sha256: 'http://www.w3.org/2001/04/xmlenc#sha256', sha1: 'http://www.w3.org/2000/09/xmldsig#sha1' };
const NODE_ALG = {
    [exports.SIG_ALG.rsaSha256]: 'RSA-SHA256',
    [exports.SIG_ALG.rsaSha512]: 'RSA-SHA512',
    [exports.SIG_ALG.rsaSha1]: 'RSA-SHA1',
};
/**
 * Enveloped signature over the root (found by its ID attribute), after the Issuer or as first child.
 * Returns null when xml-crypto cannot sign this text (malformed, no ID, no Issuer) or it is larger than
 * SIGNABLE_BYTES: the case is then sent unsigned. The size limit is the harness's, not the product's:
 * xml-crypto's canonicalisation copies the namespace context per element, so signing a document
 * nested thousands of levels deep with a namespace on each level takes gigabytes — which is what
 * the hub's nesting cap keeps away from verification.
 */
const SIGNABLE_BYTES = 32 * 1024;
function wellFormed(xml) {
    let ok = true;
    const fail = () => {
        ok = false;
    };
    try {
        new xmldom_1.DOMParser({ errorHandler: { warning: fail, error: fail, fatalError: fail } }).parseFromString(xml, 'text/xml');
    }
    catch {
        return false;
    }
    return ok;
}
function signEnveloped(xml, key, variant) {
    const id = /\sID="([^"]+)"/.exec(xml)?.[1];
    if (!id || xml.length > SIGNABLE_BYTES || !wellFormed(xml))
        return null;
    const sha1 = variant === 'sha1';
    try {
        const signer = new xml_crypto_1.SignedXml({
            privateKey: key.privateKeyPem,
            publicCert: key.certificatePem,
            signatureAlgorithm: sha1 ? exports.SIG_ALG.rsaSha1 : exports.SIG_ALG.rsaSha256,
            canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
        });
        const target = `//*[@ID='${id}']`;
        signer.addReference({
            xpath: target,
            transforms: variant === 'no-transforms'
                ? ['http://www.w3.org/2001/10/xml-exc-c14n#']
                : ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
            digestAlgorithm: sha1 ? DIGEST.sha1 : DIGEST.sha256,
        });
        signer.computeSignature(xml, {
            prefix: 'ds',
            location: variant === 'first-child'
                ? { reference: target, action: 'prepend' }
                : { reference: `${target}/*[local-name(.)='Issuer']`, action: 'after' },
        });
        return signer.getSignedXml();
    }
    catch {
        return null;
    }
}
/** HTTP-Redirect signature over the given octets (SAMLRequest=…&RelayState=…&SigAlg=…). */
function signOctets(octets, sigAlg, key) {
    return node_crypto_1.default.sign(NODE_ALG[sigAlg] ?? 'RSA-SHA256', Buffer.from(octets, 'utf8'), key.privateKeyPem).toString('base64');
}
//# sourceMappingURL=signing.js.map
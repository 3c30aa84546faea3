"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.REDIRECT_SIG_ALGORITHMS = void 0;
exports.signaturesIn = signaturesIn;
exports.verifyEnvelopedSignature = verifyEnvelopedSignature;
exports.toPem = toPem;
exports.certificateBody = certificateBody;
exports.verifyRedirectSignature = verifyRedirectSignature;
exports.signRedirectOctets = signRedirectOctets;
exports.privateKeyOf = privateKeyOf;
exports.publicKeyOf = publicKeyOf;
exports.signElement = signElement;
const node_crypto_1 = __importDefault(require("node:crypto"));
const xml_crypto_1 = require("xml-crypto");
const errors_1 = require("../../domain/errors");
const dom_1 = require("./dom");
const namespaces_1 = require("./namespaces");
const parse_1 = require("./parse");
const schema_1 = require("./schema");
/**
 * XML signatures. Verification is xml-crypto's (never our own maths), wrapped in the structural rules
 * that stop signature wrapping: one signature, a direct child of the root, one Reference to exactly
 * the root's (unique) ID, strong algorithms only, keys from metadata only — and every value the caller
 * reads afterwards comes from the signed bytes xml-crypto returns, not from the document we were sent.
 */
const SIGNATURE_ALGORITHMS = new Set([namespaces_1.ALG.rsaSha256, namespaces_1.ALG.rsaSha512]);
const DIGEST_ALGORITHMS = new Set([namespaces_1.ALG.sha256, namespaces_1.ALG.sha512]);
const TRANSFORMS = new Set([namespaces_1.ALG.enveloped, namespaces_1.ALG.excC14n]);
function signaturesIn(doc) {
    return (0, dom_1.descendants)(doc, namespaces_1.NS.dsig, 'Signature');
}
function algorithmOf(el, what) {
    const alg = el?.getAttribute('Algorithm');
    if (!alg)
        throw new errors_1.SamlRequestError(`${what}: missing Algorithm`);
    return alg;
}
/** The structural checks, before any cryptography. Returns the Signature element. */
function checkSignatureShape(doc, what) {
    const root = doc.documentElement;
    const all = signaturesIn(doc);
    if (all.length === 0)
        throw new errors_1.SamlRequestError(`${what}: not signed`);
    if (all.length > 1)
        throw new errors_1.SamlRequestError(`${what}: more than one Signature element`);
    const signature = all[0];
    if (signature.parentNode !== root)
        throw new errors_1.SamlRequestError(`${what}: the Signature must be a direct child of the message root (signature wrapping?)`);
    if ((0, dom_1.hasCommentOrPi)(signature))
        throw new errors_1.SamlRequestError(`${what}: comments or processing instructions inside the Signature`);
    const rootId = root.getAttribute('ID');
    if (!rootId)
        throw new errors_1.SamlRequestError(`${what}: the signed root has no ID`);
    if ((0, dom_1.elementsWithId)(doc, rootId).length !== 1)
        throw new errors_1.SamlRequestError(`${what}: duplicate ID '${rootId}'`);
    const parts = (0, schema_1.checkSequence)(signature, [
        { ns: namespaces_1.NS.dsig, name: 'SignedInfo', min: 1 },
        { ns: namespaces_1.NS.dsig, name: 'SignatureValue', min: 1 },
        { ns: namespaces_1.NS.dsig, name: 'KeyInfo' },
        { ns: namespaces_1.NS.dsig, name: 'Object', max: 0 },
    ], `${what}/Signature`);
    const signedInfo = parts.SignedInfo[0];
    const si = (0, schema_1.checkSequence)(signedInfo, [
        { ns: namespaces_1.NS.dsig, name: 'CanonicalizationMethod', min: 1 },
        { ns: namespaces_1.NS.dsig, name: 'SignatureMethod', min: 1 },
        { ns: namespaces_1.NS.dsig, name: 'Reference', min: 1, max: 1 },
    ], `${what}/SignedInfo`);
    if (algorithmOf(si.CanonicalizationMethod[0], 'CanonicalizationMethod') !== namespaces_1.ALG.excC14n) {
        throw new errors_1.SamlRequestError(`${what}: canonicalization must be exclusive c14n without comments`);
    }
    const sigAlg = algorithmOf(si.SignatureMethod[0], 'SignatureMethod');
    if (!SIGNATURE_ALGORITHMS.has(sigAlg))
        throw new errors_1.SamlRequestError(`${what}: signature algorithm ${sigAlg} is not allowed (RSA-SHA256 or stronger)`);
    const reference = si.Reference[0];
    if (reference.getAttribute('URI') !== `#${rootId}`)
        throw new errors_1.SamlRequestError(`${what}: the Reference must point at the message root (#${rootId})`);
    const ref = (0, schema_1.checkSequence)(reference, [
        { ns: namespaces_1.NS.dsig, name: 'Transforms' },
        { ns: namespaces_1.NS.dsig, name: 'DigestMethod', min: 1 },
        { ns: namespaces_1.NS.dsig, name: 'DigestValue', min: 1 },
    ], `${what}/Reference`);
    for (const t of ref.Transforms?.[0] ? (0, dom_1.elementChildren)(ref.Transforms[0]) : []) {
        const alg = algorithmOf(t, 'Transform');
        if (!(0, dom_1.is)(t, namespaces_1.NS.dsig, 'Transform') || !TRANSFORMS.has(alg))
            throw new errors_1.SamlRequestError(`${what}: transform ${alg} is not allowed`);
    }
    const digestAlg = algorithmOf(ref.DigestMethod[0], 'DigestMethod');
    if (!DIGEST_ALGORITHMS.has(digestAlg))
        throw new errors_1.SamlRequestError(`${what}: digest algorithm ${digestAlg} is not allowed (SHA-256 or stronger)`);
    (0, dom_1.strictText)(ref.DigestValue[0], `${what}/DigestValue`);
    (0, dom_1.strictText)(parts.SignatureValue[0], `${what}/SignatureValue`);
    return signature;
}
/**
 * Verifies the enveloped signature of a message against the SP's metadata certificates and returns
 * the signed content, parsed (with the same limits as the message): callers must read the message
 * from this document only.
 */
function verifyEnvelopedSignature(xml, doc, certificates, what, limits) {
    const signature = checkSignatureShape(doc, what);
    if (certificates.length === 0)
        throw new errors_1.SamlRequestError(`${what}: signed, but the SP's metadata has no signing certificate`);
    for (const cert of certificates) {
        const verifier = new xml_crypto_1.SignedXml({ publicCert: toPem(cert) });
        // Only what checkSignatureShape allowed; no KeyInfo lookups (getCertFromKeyInfo stays a no-op).
        verifier.SignatureAlgorithms = {
            [namespaces_1.ALG.rsaSha256]: verifier.SignatureAlgorithms[namespaces_1.ALG.rsaSha256],
            [namespaces_1.ALG.rsaSha512]: verifier.SignatureAlgorithms[namespaces_1.ALG.rsaSha512],
        };
        verifier.HashAlgorithms = { [namespaces_1.ALG.sha256]: verifier.HashAlgorithms[namespaces_1.ALG.sha256], [namespaces_1.ALG.sha512]: verifier.HashAlgorithms[namespaces_1.ALG.sha512] };
        try {
            verifier.loadSignature(signature);
            if (!verifier.checkSignature(xml))
                continue;
        }
        catch {
            continue;
        }
        const signed = verifier.getSignedReferences();
        if (signed.length !== 1)
            throw new errors_1.SamlRequestError(`${what}: expected exactly one signed reference`);
        const signedDoc = (0, parse_1.parseUntrustedXml)(signed[0], what, limits);
        if (signedDoc.documentElement.getAttribute('ID') !== doc.documentElement.getAttribute('ID')) {
            throw new errors_1.SamlRequestError(`${what}: the signed content is not the message root`);
        }
        return signedDoc;
    }
    throw new errors_1.SamlRequestError(`${what}: signature does not verify with the SP's registered certificates`);
}
function toPem(cert) {
    if (cert.includes('BEGIN CERTIFICATE'))
        return cert;
    const body = cert.replace(/\s+/g, '');
    // An empty body still makes a (then unparseable) PEM rather than a TypeError.
    return `-----BEGIN CERTIFICATE-----\n${(body.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
}
/** Base64 body of a PEM certificate (as metadata carries it). */
function certificateBody(pem) {
    return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}
exports.REDIRECT_SIG_ALGORITHMS = {
    [namespaces_1.ALG.rsaSha256]: 'RSA-SHA256',
    [namespaces_1.ALG.rsaSha512]: 'RSA-SHA512',
};
/** HTTP-Redirect binding signature over the octets as received (SAML bindings §3.4.4.1). */
function verifyRedirectSignature(signedOctets, sigAlg, signatureB64, certificates, what) {
    const alg = exports.REDIRECT_SIG_ALGORITHMS[sigAlg];
    if (!alg)
        throw new errors_1.SamlRequestError(`${what}: SigAlg ${sigAlg} is not allowed (RSA-SHA256 or stronger)`);
    if (certificates.length === 0)
        throw new errors_1.SamlRequestError(`${what}: signed, but the SP's metadata has no signing certificate`);
    const signature = Buffer.from(signatureB64, 'base64');
    for (const cert of certificates) {
        try {
            if (node_crypto_1.default.verify(alg, Buffer.from(signedOctets, 'utf8'), publicKeyOf(cert), signature))
                return;
        }
        catch {
            /* try the next certificate */
        }
    }
    throw new errors_1.SamlRequestError(`${what}: signature does not verify with the SP's registered certificates`);
}
/** Signs with RSA-SHA256 for the HTTP-Redirect binding. */
function signRedirectOctets(octets, key) {
    return node_crypto_1.default.sign('RSA-SHA256', Buffer.from(octets, 'utf8'), privateKeyOf(key)).toString('base64');
}
// Parsing a PEM key or certificate costs more than the RSA operation itself: each is parsed once per
// process. The maps hold the hub's own keys and the registered SPs' certificates (bounded by the registry).
const privateKeys = new Map();
const publicKeys = new Map();
const MAX_PARSED_CERTIFICATES = 10_000;
function privateKeyOf(key) {
    let parsed = privateKeys.get(key.privateKeyPem);
    if (!parsed) {
        parsed = node_crypto_1.default.createPrivateKey(key.privateKeyPem);
        privateKeys.set(key.privateKeyPem, parsed);
    }
    return parsed;
}
/** The public key of a certificate (PEM or the base64 body metadata carries). */
function publicKeyOf(certificate) {
    let parsed = publicKeys.get(certificate);
    if (!parsed) {
        if (publicKeys.size >= MAX_PARSED_CERTIFICATES)
            publicKeys.clear();
        parsed = new node_crypto_1.default.X509Certificate(toPem(certificate)).publicKey;
        publicKeys.set(certificate, parsed);
    }
    return parsed;
}
/**
 * Enveloped RSA-SHA256 / exclusive-c14n signature over the element with the given ID, inserted right
 * after that element's Issuer (where the SAML schema puts it), or as first child (metadata).
 */
function signElement(xml, elementLocalName, id, key, placement = {}) {
    const signer = new xml_crypto_1.SignedXml({
        privateKey: key.privateKeyPem,
        publicCert: key.certificatePem,
        signatureAlgorithm: namespaces_1.ALG.rsaSha256,
        canonicalizationAlgorithm: namespaces_1.ALG.excC14n,
    });
    const target = `//*[local-name(.)='${elementLocalName}' and @ID='${id}']`;
    signer.addReference({ xpath: target, transforms: [namespaces_1.ALG.enveloped, namespaces_1.ALG.excC14n], digestAlgorithm: namespaces_1.ALG.sha256 });
    signer.computeSignature(xml, {
        prefix: 'ds',
        location: placement.firstChild
            ? { reference: target, action: 'prepend' }
            : { reference: `${target}/*[local-name(.)='Issuer']`, action: 'after' },
    });
    return signer.getSignedXml();
}
//# sourceMappingURL=signature.js.map
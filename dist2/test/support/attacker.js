"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.postFields = exports.newRequestId = exports.SHA1 = exports.SHA256 = void 0;
exports.authnRequestXml = authnRequestXml;
exports.signXml = signXml;
exports.redirectQuery = redirectQuery;
const node_crypto_1 = __importDefault(require("node:crypto"));
const node_zlib_1 = __importDefault(require("node:zlib"));
const xml_crypto_1 = require("xml-crypto");
/** Hand-made SAML messages, valid or deliberately broken, for the attack suite. */
exports.SHA256 = { sig: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', digest: 'http://www.w3.org/2001/04/xmlenc#sha256' };
exports.SHA1 = { sig: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digest: 'http://www.w3.org/2000/09/xmldsig#sha1' };
const newRequestId = () => `_${node_crypto_1.default.randomBytes(16).toString('hex')}`;
exports.newRequestId = newRequestId;
function authnRequestXml(f) {
    const attrs = [
        `ID="${f.id ?? (0, exports.newRequestId)()}"`,
        'Version="2.0"',
        `IssueInstant="${(f.issueInstant ?? new Date()).toISOString()}"`,
        f.destination === null ? '' : `Destination="${f.destination}"`,
        f.acsUrl ? `AssertionConsumerServiceURL="${f.acsUrl}"` : '',
        f.acsIndex !== undefined ? `AssertionConsumerServiceIndex="${f.acsIndex}"` : '',
        f.protocolBinding === null ? '' : `ProtocolBinding="${f.protocolBinding ?? 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST'}"`,
        f.forceAuthn ? 'ForceAuthn="true"' : '',
        f.isPassive ? 'IsPassive="true"' : '',
    ].filter(Boolean);
    return ((f.prolog ?? '') +
        `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ${attrs.join(' ')}>` +
        (f.issuerXml ?? `<saml:Issuer>${f.issuer}</saml:Issuer>`) +
        (f.extensions ?? '') +
        (f.nameIdFormat ? `<samlp:NameIDPolicy Format="${f.nameIdFormat}" AllowCreate="true"/>` : '') +
        '</samlp:AuthnRequest>');
}
/** Enveloped signature right after the Issuer, as a POST-binding SP would produce it. */
function signXml(xml, key, opts = {}) {
    const alg = opts.alg ?? exports.SHA256;
    const id = opts.referenceId ?? /ID="([^"]+)"/.exec(xml)[1];
    const signer = new xml_crypto_1.SignedXml({
        privateKey: key.privateKeyPem,
        publicCert: opts.keyInfoCert ?? key.certificatePem,
        signatureAlgorithm: alg.sig,
        canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    signer.addReference({
        xpath: `//*[@ID='${id}']`,
        transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
        digestAlgorithm: alg.digest,
    });
    signer.computeSignature(xml, { prefix: 'ds', location: { reference: `//*[@ID='${id}']/*[local-name(.)='Issuer']`, action: 'after' } });
    return signer.getSignedXml();
}
function redirectQuery(xml, opts = {}) {
    const deflated = opts.deflated ?? node_zlib_1.default.deflateRawSync(Buffer.from(xml));
    const octets = [
        `SAMLRequest=${encodeURIComponent(deflated.toString('base64'))}`,
        ...(opts.relayState !== undefined ? [`RelayState=${encodeURIComponent(opts.relayState)}`] : []),
    ];
    if (!opts.key)
        return octets.join('&');
    const sigAlg = opts.sigAlg ?? exports.SHA256.sig;
    const signed = [...octets, `SigAlg=${encodeURIComponent(sigAlg)}`].join('&');
    const nodeAlg = sigAlg === exports.SHA1.sig ? 'RSA-SHA1' : 'RSA-SHA256';
    const signature = node_crypto_1.default
        .sign(nodeAlg, Buffer.from(opts.tamper ? opts.tamper(signed) : signed), opts.key.privateKeyPem)
        .toString('base64');
    return `${signed}&Signature=${encodeURIComponent(signature)}`;
}
const postFields = (xml, relayState) => ({
    SAMLRequest: Buffer.from(xml).toString('base64'),
    ...(relayState !== undefined ? { RelayState: relayState } : {}),
});
exports.postFields = postFields;
//# sourceMappingURL=attacker.js.map
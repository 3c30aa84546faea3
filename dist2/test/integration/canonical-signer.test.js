"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_crypto_1 = __importDefault(require("node:crypto"));
const xmldom_1 = require("@xmldom/xmldom");
const chai_1 = require("chai");
const xml_crypto_1 = require("xml-crypto");
const secrets_1 = require("../../src/crypto/secrets");
const build_response_1 = require("../../src/saml/response/build-response");
const canonical_signer_1 = require("../../src/saml/response/canonical-signer");
const namespaces_1 = require("../../src/saml/xml/namespaces");
const signature_1 = require("../../src/saml/xml/signature");
const federation_1 = require("../support/federation");
/**
 * Differential tests of the fast signing path: every output must verify with xml-crypto and with
 * xmlsec1, and must carry exactly the DigestValue and SignatureValue xml-crypto computes itself for the
 * same unsigned XML (RSA PKCS#1 v1.5 signatures are deterministic).
 */
const NASTY = [
    '<',
    '>',
    '&',
    '"',
    "'",
    '\t',
    '\n',
    '\r',
    '\r\n',
    ']]>',
    '&amp;',
    '<!-- x -->',
    'ë',
    'Çelik',
    '🙂',
    '\u0001',
    '\u007f',
    ' ',
    '\u00a0',
    '𝔘',
    '\\',
    '%',
    '=',
    'xmlns:x="y"',
];
function randomText(rand, max = 20) {
    let s = '';
    const n = Math.floor(rand() * max);
    for (let i = 0; i < n; i++)
        s += rand() < 0.5 ? NASTY[Math.floor(rand() * NASTY.length)] : String.fromCharCode(97 + Math.floor(rand() * 26));
    return s;
}
function seeded(seed) {
    return () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
    };
}
function inputFor(i) {
    const rand = seeded(i + 1);
    return {
        idpEntityId: `https://hub.example.nl/saml/metadata?x=${encodeURIComponent(randomText(rand, 5))}`,
        spEntityId: `https://sp.example.nl/${randomText(rand, 6)}`,
        acsUrl: `https://sp.example.nl/acs?a=1&b=${randomText(rand, 4)}`,
        inResponseTo: i % 3 === 0 ? undefined : (0, build_response_1.newId)(),
        nameId: { value: randomText(rand, 30) || 'x', format: i % 2 ? namespaces_1.NAMEID_FORMAT.persistent : namespaces_1.NAMEID_FORMAT.transient },
        sessionIndex: (0, build_response_1.newId)(),
        authnInstant: new Date(Date.now() - 1000),
        attributes: Array.from({ length: Math.floor(rand() * 4) }, (_, k) => ({
            name: `urn:oid:2.5.4.${40 + k}`,
            friendlyName: `a${k}"<&>`,
            values: [randomText(rand), randomText(rand)],
        })),
        now: new Date(),
    };
}
const values = (xml) => ({
    digest: /<ds:DigestValue>([^<]+)</.exec(xml)[1],
    signature: /<ds:SignatureValue>([^<]+)</.exec(xml)[1],
});
function xmlCryptoVerifies(xml, cert, signature) {
    const verifier = new xml_crypto_1.SignedXml({ publicCert: cert });
    verifier.loadSignature(signature);
    return verifier.checkSignature(xml);
}
describe('fast signing path: differential against xml-crypto and xmlsec1', function () {
    let key;
    before(async () => {
        key = await (0, secrets_1.generateKeyPair)('differential');
    });
    it('produces byte-identical DigestValue and SignatureValue to xml-crypto for 60 assertions with hostile content', () => {
        for (let i = 0; i < 60; i++) {
            const id = (0, build_response_1.newId)();
            const unsigned = (0, build_response_1.buildAssertion)(inputFor(i), id);
            const fast = values((0, canonical_signer_1.signCanonicalElement)(unsigned, id, key));
            const reference = values((0, signature_1.signElement)(unsigned, 'Assertion', id, key));
            (0, chai_1.expect)(fast, `case ${i}`).to.deep.equal(reference);
        }
    });
    it('every fast-path Response verifies with xml-crypto (assertion and response signature)', async () => {
        for (let i = 0; i < 60; i++) {
            const xml = await (0, build_response_1.buildSuccessResponse)(inputFor(i), { signing: key, signResponse: true });
            const doc = new xmldom_1.DOMParser().parseFromString(xml, 'text/xml');
            const sigs = Array.from(doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature'));
            (0, chai_1.expect)(sigs, `case ${i}`).to.have.length(2);
            for (const sig of sigs)
                (0, chai_1.expect)(xmlCryptoVerifies(xml, key.certificatePem, sig), `case ${i}`).to.equal(true);
            // a one-byte change anywhere in the signed content breaks it
            const tampered = xml.replace('<saml:Audience>', '<saml:Audience>x');
            const tdoc = new xmldom_1.DOMParser().parseFromString(tampered, 'text/xml');
            const tsig = tdoc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[1];
            (0, chai_1.expect)(xmlCryptoVerifies(tampered, key.certificatePem, tsig)).to.equal(false);
        }
    });
    it('every fast-path Response verifies with xmlsec1', async function () {
        (0, federation_1.requireTool)(this, (0, federation_1.hasXmlsec1)(), 'xmlsec1 (Debian package xmlsec1)');
        for (let i = 0; i < 25; i++) {
            const xml = await (0, build_response_1.buildSuccessResponse)(inputFor(i), { signing: key, signResponse: true });
            const a = await (0, federation_1.xmlsec1Verify)(xml, key.certificatePem, 'urn:oasis:names:tc:SAML:2.0:assertion:Assertion', federation_1.ASSERTION_SIGNATURE);
            const r = await (0, federation_1.xmlsec1Verify)(xml, key.certificatePem, 'urn:oasis:names:tc:SAML:2.0:protocol:Response', federation_1.RESPONSE_SIGNATURE);
            (0, chai_1.expect)(a.ok, `assertion ${i}: ${a.output}`).to.equal(true);
            (0, chai_1.expect)(r.ok, `response ${i}: ${r.output}`).to.equal(true);
        }
    });
    it('the assertion text round-trips: parsed values equal the input after XML rules (CR normalised, invalid chars dropped)', async () => {
        const input = {
            ...inputFor(7),
            attributes: [{ name: 'urn:oid:2.5.4.42', friendlyName: 'givenName', values: ['a\r\nb\u0001<c>&"\'\t'] }],
        };
        const xml = await (0, build_response_1.buildSuccessResponse)(input, { signing: key, signResponse: false });
        const doc = new xmldom_1.DOMParser().parseFromString(xml, 'text/xml');
        const value = doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'AttributeValue')[0].textContent;
        (0, chai_1.expect)(value).to.equal('a\r\nb<c>&"\'\t');
        (0, chai_1.expect)(node_crypto_1.default.createHash('sha256').update(xml).digest('hex')).to.have.length(64);
    });
});
//# sourceMappingURL=canonical-signer.test.js.map
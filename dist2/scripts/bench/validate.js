"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Benchmark (not a test): cost and memory of inbound AuthnRequest checking without a database —
 * base64 + inflate + safe parse + structural schema validation + field extraction, and the same with
 * an XML signature verified by xml-crypto. Prints µs per message and heap growth over the run, to show
 * the validator neither leaks nor costs more than ~1 ms per message.
 *
 *   npm run bench:validate
 */
const node_crypto_1 = __importDefault(require("node:crypto"));
const node_zlib_1 = __importDefault(require("node:zlib"));
const xml_crypto_1 = require("xml-crypto");
const secrets_1 = require("../../src/crypto/secrets");
const inbound_1 = require("../../src/saml/bindings/inbound");
const parse_authn_request_1 = require("../../src/saml/steps/parse-authn-request");
const signature_1 = require("../../src/saml/xml/signature");
const N = Number(process.env.BENCH_MESSAGES ?? 20000);
function request() {
    return (`<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${node_crypto_1.default.randomBytes(16).toString('hex')}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="https://hub.example.nl/saml/sso" AssertionConsumerServiceURL="https://sp.example.nl/acs" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">` +
        '<saml:Issuer>https://sp.example.nl/sp</saml:Issuer><samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" AllowCreate="true"/></samlp:AuthnRequest>');
}
async function measure(label, n, work) {
    for (let i = 0; i < Math.min(500, n); i++)
        await work();
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    for (let i = 0; i < n; i++)
        await work();
    const us = ((performance.now() - t0) * 1000) / n;
    global.gc?.();
    const growth = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024;
    console.log(`${label.padEnd(58)} ${us.toFixed(1).padStart(7)} µs/message   heap growth after ${n} messages: ${growth.toFixed(2)} MiB${global.gc ? '' : ' (run with --expose-gc for a clean figure)'}`);
}
async function main() {
    const queries = Array.from({ length: 256 }, () => `SAMLRequest=${encodeURIComponent(node_zlib_1.default.deflateRawSync(Buffer.from(request())).toString('base64'))}`);
    let i = 0;
    await measure('redirect: decode + inflate + parse + schema + fields', N, async () => {
        const m = await (0, inbound_1.decodeRedirect)(queries[i++ % queries.length], ['SAMLRequest']);
        (0, parse_authn_request_1.readAuthnRequest)((0, parse_authn_request_1.parseAuthnRequestXml)(m.xml));
    });
    const key = await (0, secrets_1.generateKeyPair)('bench');
    const signedXmls = Array.from({ length: 64 }, () => {
        const xml = request();
        const id = /ID="([^"]+)"/.exec(xml)[1];
        const s = new xml_crypto_1.SignedXml({
            privateKey: key.privateKeyPem,
            signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
            canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
        });
        s.addReference({
            xpath: `//*[@ID='${id}']`,
            transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
            digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
        });
        s.computeSignature(xml, { prefix: 'ds', location: { reference: `//*[@ID='${id}']/*[local-name(.)='Issuer']`, action: 'after' } });
        return s.getSignedXml();
    });
    const cert = (0, signature_1.certificateBody)(key.certificatePem);
    i = 0;
    await measure('POST: parse + schema + strict xml-crypto signature check', Math.min(N, 4000), () => {
        const xml = signedXmls[i++ % signedXmls.length];
        (0, parse_authn_request_1.readAuthnRequest)((0, signature_1.verifyEnvelopedSignature)(xml, (0, parse_authn_request_1.parseAuthnRequestXml)(xml), [cert], 'AuthnRequest'));
    });
    const rsaStart = performance.now();
    for (let k = 0; k < 2000; k++)
        node_crypto_1.default.verify('RSA-SHA256', Buffer.from('x'), key.certificatePem, Buffer.alloc(256));
    console.log(`${'(reference: raw RSA-2048 verify)'.padEnd(58)} ${(((performance.now() - rsaStart) * 1000) / 2000).toFixed(1).padStart(7)} µs/message`);
}
main().catch((e) => {
    console.error(e);
    process.exit(1);
});
//# sourceMappingURL=validate.js.map
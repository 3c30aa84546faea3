import crypto from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { expect } from 'chai';
import { SignedXml } from 'xml-crypto';
import { generateKeyPair, type KeyPair } from '../../src/crypto/secrets';
import { buildAssertion, buildSuccessResponse, newId, type AssertionInput } from '../../src/saml/response/build-response';
import { signCanonicalElement } from '../../src/saml/response/canonical-signer';
import { NAMEID_FORMAT } from '../../src/saml/xml/namespaces';
import { signElement } from '../../src/saml/xml/signature';
import { ASSERTION_SIGNATURE, hasXmlsec1, requireTool, RESPONSE_SIGNATURE, xmlsec1Verify } from '../support/federation';

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

function randomText(rand: () => number, max = 20): string {
  let s = '';
  const n = Math.floor(rand() * max);
  for (let i = 0; i < n; i++)
    s += rand() < 0.5 ? NASTY[Math.floor(rand() * NASTY.length)] : String.fromCharCode(97 + Math.floor(rand() * 26));
  return s;
}

function seeded(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

function inputFor(i: number): AssertionInput {
  const rand = seeded(i + 1);
  return {
    idpEntityId: `https://hub.example.nl/saml/metadata?x=${encodeURIComponent(randomText(rand, 5))}`,
    spEntityId: `https://sp.example.nl/${randomText(rand, 6)}`,
    acsUrl: `https://sp.example.nl/acs?a=1&b=${randomText(rand, 4)}`,
    inResponseTo: i % 3 === 0 ? undefined : newId(),
    nameId: { value: randomText(rand, 30) || 'x', format: i % 2 ? NAMEID_FORMAT.persistent : NAMEID_FORMAT.transient },
    sessionIndex: newId(),
    authnInstant: new Date(Date.now() - 1000),
    attributes: Array.from({ length: Math.floor(rand() * 4) }, (_, k) => ({
      name: `urn:oid:2.5.4.${40 + k}`,
      friendlyName: `a${k}"<&>`,
      values: [randomText(rand), randomText(rand)],
    })),
    now: new Date(),
  };
}

const values = (xml: string) => ({
  digest: /<ds:DigestValue>([^<]+)</.exec(xml)![1],
  signature: /<ds:SignatureValue>([^<]+)</.exec(xml)![1],
});

function xmlCryptoVerifies(xml: string, cert: string, signature: Element): boolean {
  const verifier = new SignedXml({ publicCert: cert });
  verifier.loadSignature(signature);
  return verifier.checkSignature(xml);
}

describe('fast signing path: differential against xml-crypto and xmlsec1', function () {
  let key: KeyPair;
  before(async () => {
    key = await generateKeyPair('differential');
  });

  it('produces byte-identical DigestValue and SignatureValue to xml-crypto for 60 assertions with hostile content', () => {
    for (let i = 0; i < 60; i++) {
      const id = newId();
      const unsigned = buildAssertion(inputFor(i), id);
      const fast = values(signCanonicalElement(unsigned, id, key));
      const reference = values(signElement(unsigned, 'Assertion', id, key));
      expect(fast, `case ${i}`).to.deep.equal(reference);
    }
  });

  it('every fast-path Response verifies with xml-crypto (assertion and response signature)', async () => {
    for (let i = 0; i < 60; i++) {
      const xml = await buildSuccessResponse(inputFor(i), { signing: key, signResponse: true });
      const doc = new DOMParser().parseFromString(xml, 'text/xml');
      const sigs = Array.from(
        doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature') as unknown as ArrayLike<Element>,
      );
      expect(sigs, `case ${i}`).to.have.length(2);
      for (const sig of sigs) expect(xmlCryptoVerifies(xml, key.certificatePem, sig), `case ${i}`).to.equal(true);
      // a one-byte change anywhere in the signed content breaks it
      const tampered = xml.replace('<saml:Audience>', '<saml:Audience>x');
      const tdoc = new DOMParser().parseFromString(tampered, 'text/xml');
      const tsig = tdoc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[1]!;
      expect(xmlCryptoVerifies(tampered, key.certificatePem, tsig)).to.equal(false);
    }
  });

  it('every fast-path Response verifies with xmlsec1', async function () {
    requireTool(this, hasXmlsec1(), 'xmlsec1 (Debian package xmlsec1)');
    for (let i = 0; i < 25; i++) {
      const xml = await buildSuccessResponse(inputFor(i), { signing: key, signResponse: true });
      const a = await xmlsec1Verify(xml, key.certificatePem, 'urn:oasis:names:tc:SAML:2.0:assertion:Assertion', ASSERTION_SIGNATURE);
      const r = await xmlsec1Verify(xml, key.certificatePem, 'urn:oasis:names:tc:SAML:2.0:protocol:Response', RESPONSE_SIGNATURE);
      expect(a.ok, `assertion ${i}: ${a.output}`).to.equal(true);
      expect(r.ok, `response ${i}: ${r.output}`).to.equal(true);
    }
  });

  it('the assertion text round-trips: parsed values equal the input after XML rules (CR normalised, invalid chars dropped)', async () => {
    const input = {
      ...inputFor(7),
      attributes: [{ name: 'urn:oid:2.5.4.42', friendlyName: 'givenName', values: ['a\r\nb\u0001<c>&"\'\t'] }],
    };
    const xml = await buildSuccessResponse(input, { signing: key, signResponse: false });
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const value = doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'AttributeValue')[0]!.textContent;
    expect(value).to.equal('a\r\nb<c>&"\'\t');
    expect(crypto.createHash('sha256').update(xml).digest('hex')).to.have.length(64);
  });
});

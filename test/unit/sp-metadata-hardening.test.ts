import { expect } from 'chai';
import { generateKeyPair, type KeyPair } from '../../src/crypto/secrets';
import { ValidationError } from '../../src/domain/errors';
import { METADATA_MAX_DEPTH, parseSpMetadata } from '../../src/saml/metadata/sp-metadata';
import { certificateBody } from '../../src/saml/xml/signature';

/** Regression cases for SP metadata: each threw something other than a ValidationError before. */

const metadata = (cert: string, keyInfoExtra = '', extensions = '') =>
  '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="_fuzzmd" entityID="urn:x:sp">' +
  `<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${extensions}` +
  `<md:KeyDescriptor use="signing"><ds:KeyInfo>${keyInfoExtra}<ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
  '<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.fuzz.example/acs" index="0"/>' +
  '</md:SPSSODescriptor></md:EntityDescriptor>';

const nested = (depth: number) => `<x:n xmlns:x="urn:x">${'<x:n>'.repeat(depth - 1)}${'</x:n>'.repeat(depth)}`;

function refusal(work: () => unknown): ValidationError {
  try {
    work();
  } catch (e) {
    expect(e).to.be.instanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a refusal');
}

describe('SP metadata: hostile input is a ValidationError', () => {
  let key: KeyPair;
  before(async () => {
    key = await generateKeyPair('metadata hardening');
  });

  it('plain http endpoints: refused by default (production), on loopback only when the caller allows it', () => {
    const at = (acs: string) => metadata(certificateBody(key.certificatePem)).replace('https://sp.fuzz.example/acs', acs);
    expect(refusal(() => parseSpMetadata(at('http://localhost:3001/saml/acs'))).message).to.match(/must use https.*outside production/);
    expect(parseSpMetadata(at('http://localhost:3001/saml/acs'), { httpOnLoopback: true }).acsEndpoints[0]!.location).to.equal(
      'http://localhost:3001/saml/acs',
    );
    expect(parseSpMetadata(at('http://127.0.0.1:3001/saml/acs'), { httpOnLoopback: true }).entityId).to.equal('urn:x:sp');
    expect(refusal(() => parseSpMetadata(at('http://sp.example.nl/acs'), { httpOnLoopback: true })).message).to.match(/must use https/);
  });

  it('accepts the well-formed baseline', () => {
    expect(parseSpMetadata(metadata(certificateBody(key.certificatePem))).entityId).to.equal('urn:x:sp');
  });

  it('refuses KeyInfo nested 32,814 deep (sp-metadata fuzz case, seed 11: RangeError in the recursive certificate search)', () => {
    const e = refusal(() => parseSpMetadata(metadata(certificateBody(key.certificatePem), nested(32_814))));
    expect(e.message).to.equal(`metadata: elements are nested more than ${METADATA_MAX_DEPTH} levels deep`);
  });

  it(`allows extensions up to ${METADATA_MAX_DEPTH} levels in all`, () => {
    // EntityDescriptor, SPSSODescriptor and Extensions are three levels.
    expect(() =>
      parseSpMetadata(
        metadata(certificateBody(key.certificatePem), '', `<md:Extensions>${nested(METADATA_MAX_DEPTH - 3)}</md:Extensions>`),
      ),
    ).not.to.throw();
    refusal(() =>
      parseSpMetadata(
        metadata(certificateBody(key.certificatePem), '', `<md:Extensions>${nested(METADATA_MAX_DEPTH - 2)}</md:Extensions>`),
      ),
    );
  });

  for (const [what, trust] of [
    ['a blank trust certificate file', '\n'],
    ['an empty PEM', '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n'],
    ['text that is no certificate', 'not a certificate'],
  ] as const) {
    // The first two threw a TypeError (toPem on an empty body), the third failed later as "does not verify".
    it(`refuses ${what} given as --trust-cert, by name`, () => {
      const e = refusal(() => parseSpMetadata(metadata(certificateBody(key.certificatePem)), { trustCertificate: trust }));
      expect(e.message).to.equal('the trust certificate is not a valid X.509 certificate (PEM)');
    });
  }

  it('reports XML-level problems as ValidationError, not SamlRequestError (a comment inside NameIDFormat)', () => {
    const xml = metadata(certificateBody(key.certificatePem)).replace(
      '<md:AssertionConsumerService',
      '<md:NameIDFormat>a<!---->b</md:NameIDFormat><md:AssertionConsumerService',
    );
    expect(refusal(() => parseSpMetadata(xml)).message).to.match(/NameIDFormat may only contain text/);
  });

  it('refuses a NUL character reference in the entityID', () => {
    expect(
      refusal(() => parseSpMetadata(metadata(certificateBody(key.certificatePem)).replace('urn:x:sp', 'urn:x:sp&#0;'))).message,
    ).to.match(/character XML does not allow: U\+0000/);
  });
});

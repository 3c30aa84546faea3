import zlib from 'node:zlib';
import { expect } from 'chai';
import { SamlRequestError } from '../../src/domain/errors';
import { validateAuthnRequest } from '../../src/saml/sso';
import { decodeAuthnRequest } from '../../src/saml/steps/parse-authn-request';
import { decodePost } from '../../src/saml/bindings/inbound';
import { checkLogoutResponse } from '../../src/saml/slo';
import { type FuzzEnvironment, openFuzzEnvironment } from '../../scripts/fuzz/environment';
import { rejects } from '../support/assert';

/**
 * Regression cases found by the fuzzer (scripts/fuzz), run through the same in-process calls as the
 * HTTP routes, against PGlite with the fuzz environment's registered SPs. Each threw something other
 * than an AppError before — which the routes turn into a 500.
 */
describe('SAML inbound: fuzz-found crashes stay refusals (PGlite)', function () {
  let fuzz: FuzzEnvironment;
  before(async () => {
    fuzz = await openFuzzEnvironment();
  });
  after(async () => fuzz?.close());

  const redirect = (xml: string) => `SAMLRequest=${encodeURIComponent(zlib.deflateRawSync(Buffer.from(xml)).toString('base64'))}`;

  it('authn-redirect (seed 11, case 541): an Issuer ending in &#0; (was: QueryFailedError, invalid byte sequence 0x00)', async () => {
    const xml =
      '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_replayed-2" Version="2.0" IssueInstant="2027-12-01T03:37:45.019Z" Destination="https://hub.fuzz.example/saml/sso" AssertionConsumerServiceURL="http://127.0.0.1:9/fuzz/acs" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">' +
      '<saml:Issuer>https://sp.fuzz.example/optional&#0;</saml:Issuer></samlp:AuthnRequest>';
    const e = await rejects(validateAuthnRequest(fuzz.ctx, await decodeAuthnRequest('redirect', redirect(xml)), fuzz.env.now));
    expect(e).to.be.instanceOf(SamlRequestError);
    expect((e as SamlRequestError).publicMessage).to.equal(
      'AuthnRequest: contains a character XML does not allow: U+0000 (as the character reference &#0;)',
    );
  });

  it('logout-response (seed 11, case 83): Issuer &#x0; and xml:lang="&#0;" over POST (was: QueryFailedError)', async () => {
    const xml =
      '<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_b32adfe46459" Version="2.0" IssueInstant="2026-12-01T03:34:57.691Z" Destination="https://hub.fuzz.example/saml/slo" InResponseTo="_08594dfe2a948d1e01130" xml:lang="&#0;">' +
      '<saml:Issuer>&#x0;</saml:Issuer><samlp:Extensions><x:e xmlns:x="urn:x">v</x:e></samlp:Extensions><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"></samlp:StatusCode></samlp:Status></samlp:LogoutResponse>';
    const message = decodePost({ SAMLResponse: Buffer.from(xml).toString('base64') }, ['SAMLRequest', 'SAMLResponse']);
    const e = await rejects(checkLogoutResponse(fuzz.ctx, message, fuzz.env.now));
    expect(e).to.be.instanceOf(SamlRequestError);
    expect((e as SamlRequestError).publicMessage).to.match(/^LogoutResponse: contains a character XML does not allow: U\+0000/);
  });

  it('a Redirect AuthnRequest from a registered SP with Extensions 9,000 deep, within 64 KiB (was: RangeError in the signature step)', async () => {
    const xml =
      `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_deep" Version="2.0" IssueInstant="${fuzz.env.now.toISOString()}" Destination="${fuzz.env.ssoUrl}">` +
      `<saml:Issuer>${fuzz.env.optionalSp}</saml:Issuer><samlp:Extensions><x:e xmlns:x="urn:x">${'<a>'.repeat(9_000)}${'</a>'.repeat(9_000)}</x:e></samlp:Extensions></samlp:AuthnRequest>`;
    expect(xml.length).to.be.below(64 * 1024);
    const e = await rejects(validateAuthnRequest(fuzz.ctx, await decodeAuthnRequest('redirect', redirect(xml)), fuzz.env.now));
    expect(e).to.be.instanceOf(SamlRequestError);
    expect((e as SamlRequestError).publicMessage).to.equal('AuthnRequest: elements are nested more than 64 levels deep');
  });
});

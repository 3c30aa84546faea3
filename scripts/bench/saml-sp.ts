/**
 * A publisher's SP as the benchmarks and load scripts play it: its metadata (signed AuthnRequests,
 * HTTP-POST ACS on loopback) and signed HTTP-Redirect AuthnRequests. Shared by bench:sso (which signs in
 * worker threads, requiring this module there) and the morning-peak scenario.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { certificateBody } from '../../src/saml/xml/signature';

export interface BenchSp {
  readonly entityId: string;
  /** http is accepted on loopback only; nothing listens there: the scenario stops at the hub's answer. */
  readonly acs: string;
}

const SIG_ALG = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

/** The SP's metadata: signed requests required, one POST ACS, and the attributes a typical publisher asks for. */
export function spMetadata(sp: BenchSp, certificatePem: string): string {
  return (
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${sp.entityId}">` +
    `<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="true" WantAssertionsSigned="true">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBody(certificatePem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${sp.acs}" index="0"/>` +
    `<md:AttributeConsumingService index="0"><md:ServiceName xml:lang="nl">b</md:ServiceName><md:RequestedAttribute Name="urn:oid:2.5.4.42"/><md:RequestedAttribute Name="urn:oid:2.5.4.4"/><md:RequestedAttribute Name="urn:oid:1.3.6.1.4.1.5923.1.1.1.1"/><md:RequestedAttribute Name="urn:mace:leerpoort.nl:attribute-def:groepNaam"/></md:AttributeConsumingService>` +
    '</md:SPSSODescriptor></md:EntityDescriptor>'
  );
}

/** One signed HTTP-Redirect AuthnRequest (fresh ID and IssueInstant) as a path below the hub: `/saml/sso?…`. */
export function authnRequestPath(sp: BenchSp, ssoUrl: string, key: crypto.KeyObject): string {
  const xml =
    '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ' +
    `ID="_${crypto.randomBytes(16).toString('hex')}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${ssoUrl}" ` +
    `AssertionConsumerServiceURL="${sp.acs}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">` +
    `<saml:Issuer>${sp.entityId}</saml:Issuer></samlp:AuthnRequest>`;
  // The signature covers the query octets exactly as sent (SAML bindings §3.4.4.1).
  const octets =
    'SAMLRequest=' +
    encodeURIComponent(zlib.deflateRawSync(Buffer.from(xml)).toString('base64')) +
    '&SigAlg=' +
    encodeURIComponent(SIG_ALG);
  return `/saml/sso?${octets}&Signature=${encodeURIComponent(crypto.sign('RSA-SHA256', Buffer.from(octets), key).toString('base64'))}`;
}

import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { SignedXml } from 'xml-crypto';
import type { KeyPair } from '../../src/crypto/secrets';

/** Hand-made SAML messages, valid or deliberately broken, for the attack suite. */

export const SHA256 = { sig: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', digest: 'http://www.w3.org/2001/04/xmlenc#sha256' };
export const SHA1 = { sig: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digest: 'http://www.w3.org/2000/09/xmldsig#sha1' };

export interface RequestFields {
  id?: string;
  issuer?: string;
  issuerXml?: string;
  destination?: string | null;
  issueInstant?: Date;
  acsUrl?: string | null;
  acsIndex?: number;
  protocolBinding?: string | null;
  forceAuthn?: boolean;
  isPassive?: boolean;
  extensions?: string;
  nameIdFormat?: string;
  prolog?: string;
}

export const newRequestId = () => `_${crypto.randomBytes(16).toString('hex')}`;

export function authnRequestXml(f: RequestFields): string {
  const attrs = [
    `ID="${f.id ?? newRequestId()}"`,
    'Version="2.0"',
    `IssueInstant="${(f.issueInstant ?? new Date()).toISOString()}"`,
    f.destination === null ? '' : `Destination="${f.destination}"`,
    f.acsUrl ? `AssertionConsumerServiceURL="${f.acsUrl}"` : '',
    f.acsIndex !== undefined ? `AssertionConsumerServiceIndex="${f.acsIndex}"` : '',
    f.protocolBinding === null ? '' : `ProtocolBinding="${f.protocolBinding ?? 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST'}"`,
    f.forceAuthn ? 'ForceAuthn="true"' : '',
    f.isPassive ? 'IsPassive="true"' : '',
  ].filter(Boolean);
  return (
    (f.prolog ?? '') +
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ${attrs.join(' ')}>` +
    (f.issuerXml ?? `<saml:Issuer>${f.issuer}</saml:Issuer>`) +
    (f.extensions ?? '') +
    (f.nameIdFormat ? `<samlp:NameIDPolicy Format="${f.nameIdFormat}" AllowCreate="true"/>` : '') +
    '</samlp:AuthnRequest>'
  );
}

/** Enveloped signature right after the Issuer, as a POST-binding SP would produce it. */
export function signXml(xml: string, key: KeyPair, opts: { alg?: typeof SHA256; referenceId?: string; keyInfoCert?: string } = {}): string {
  const alg = opts.alg ?? SHA256;
  const id = opts.referenceId ?? /ID="([^"]+)"/.exec(xml)![1]!;
  const signer = new SignedXml({
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

export function redirectQuery(
  xml: string,
  opts: { relayState?: string; key?: KeyPair; sigAlg?: string; deflated?: Buffer; tamper?: (octets: string) => string } = {},
): string {
  const deflated = opts.deflated ?? zlib.deflateRawSync(Buffer.from(xml));
  const octets = [
    `SAMLRequest=${encodeURIComponent(deflated.toString('base64'))}`,
    ...(opts.relayState !== undefined ? [`RelayState=${encodeURIComponent(opts.relayState)}`] : []),
  ];
  if (!opts.key) return octets.join('&');
  const sigAlg = opts.sigAlg ?? SHA256.sig;
  const signed = [...octets, `SigAlg=${encodeURIComponent(sigAlg)}`].join('&');
  const nodeAlg = sigAlg === SHA1.sig ? 'RSA-SHA1' : 'RSA-SHA256';
  const signature = crypto
    .sign(nodeAlg, Buffer.from(opts.tamper ? opts.tamper(signed) : signed), opts.key.privateKeyPem)
    .toString('base64');
  return `${signed}&Signature=${encodeURIComponent(signature)}`;
}

export const postFields = (xml: string, relayState?: string) => ({
  SAMLRequest: Buffer.from(xml).toString('base64'),
  ...(relayState !== undefined ? { RelayState: relayState } : {}),
});

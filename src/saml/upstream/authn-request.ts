import crypto from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { SigningKey } from '../xml/signature';
import { signRedirectOctets } from '../xml/signature';
import { escapeXml } from '../xml/escape';
import { ALG, BINDING, NS } from '../xml/namespaces';
import { MESSAGE_LIFETIME_MS } from '../time-limits';
import type { UpstreamSpEndpoints } from './sp-metadata';

const deflateRaw = promisify(zlib.deflateRaw);

/** How long the hub waits for the school IdP's answer: the user may have to type a password and a code there. */
export const UPSTREAM_REQUEST_LIFETIME_MS = 2 * MESSAGE_LIFETIME_MS;

export interface UpstreamAuthnRequestOut {
  readonly id: string;
  /** The IdP's SSO URL with SAMLRequest, SigAlg and Signature (HTTP-Redirect binding, signed query). */
  readonly url: string;
  readonly expiresAt: Date;
}

/**
 * A signed AuthnRequest to a school's IdP over HTTP-Redirect: the hub's SP entity as Issuer, its ACS
 * (HTTP-POST) for the answer. No RelayState: where the login continues is stored with the request ID.
 */
export async function buildUpstreamAuthnRequest(
  sp: UpstreamSpEndpoints,
  idpSsoUrl: string,
  key: SigningKey,
  now = new Date(),
): Promise<UpstreamAuthnRequestOut> {
  const id = `_${crypto.randomBytes(20).toString('hex')}`;
  const xml =
    `<samlp:AuthnRequest xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${id}" Version="2.0" IssueInstant="${now.toISOString()}"` +
    ` Destination="${escapeXml(idpSsoUrl)}" AssertionConsumerServiceURL="${escapeXml(sp.acsUrl)}" ProtocolBinding="${BINDING.post}">` +
    `<saml:Issuer>${escapeXml(sp.entityId)}</saml:Issuer>` +
    '<samlp:NameIDPolicy AllowCreate="true"/>' +
    '</samlp:AuthnRequest>';
  const encoded = encodeURIComponent((await deflateRaw(Buffer.from(xml, 'utf8'))).toString('base64'));
  const octets = `SAMLRequest=${encoded}&SigAlg=${encodeURIComponent(ALG.rsaSha256)}`;
  const signature = encodeURIComponent(signRedirectOctets(octets, key));
  const url = new URL(idpSsoUrl);
  const query = `${octets}&Signature=${signature}`;
  return {
    id,
    url: `${url.origin}${url.pathname}?${url.search ? `${url.search.slice(1)}&` : ''}${query}`,
    expiresAt: new Date(now.getTime() + UPSTREAM_REQUEST_LIFETIME_MS),
  };
}

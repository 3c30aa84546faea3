import zlib from 'node:zlib';
import { BINDING, ALG } from '../xml/namespaces';
import { type SigningKey, signElement, signRedirectOctets } from '../xml/signature';

/** A message on its way to an SP: a redirect (HTTP-Redirect binding) or an auto-posting form (HTTP-POST). */
export type Delivery =
  | { readonly kind: 'redirect'; readonly url: string }
  | {
      readonly kind: 'post';
      readonly action: string;
      readonly field: 'SAMLRequest' | 'SAMLResponse';
      readonly value: string;
      readonly relayState?: string;
    };

function redirectUrl(
  location: string,
  kind: 'SAMLRequest' | 'SAMLResponse',
  xml: string,
  relayState: string | undefined,
  key: SigningKey,
): string {
  const encoded = encodeURIComponent(zlib.deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64'));
  const octets = [
    `${kind}=${encoded}`,
    ...(relayState !== undefined ? [`RelayState=${encodeURIComponent(relayState)}`] : []),
    `SigAlg=${encodeURIComponent(ALG.rsaSha256)}`,
  ].join('&');
  const signature = encodeURIComponent(signRedirectOctets(octets, key));
  return `${location}${location.includes('?') ? '&' : '?'}${octets}&Signature=${signature}`;
}

/**
 * The one "send to SP" step for messages the hub signs on the way out (logout requests and responses):
 * over HTTP-Redirect the query string is signed, over HTTP-POST the message carries an enveloped signature.
 */
export function sendToSp(
  endpoint: { readonly binding: string; readonly url: string },
  message: { readonly kind: 'SAMLRequest' | 'SAMLResponse'; readonly xml: string; readonly id: string; readonly rootName: string },
  relayState: string | undefined,
  key: SigningKey,
): Delivery {
  if (endpoint.binding === BINDING.redirect)
    return { kind: 'redirect', url: redirectUrl(endpoint.url, message.kind, message.xml, relayState, key) };
  const value = Buffer.from(signElement(message.xml, message.rootName, message.id, key), 'utf8').toString('base64');
  return { kind: 'post', action: endpoint.url, field: message.kind, value, ...(relayState !== undefined ? { relayState } : {}) };
}

/** A Response already signed (SSO) to a verified ACS: always HTTP-POST. */
export function postResponse(acsUrl: string, xml: string, relayState: string | undefined): Delivery {
  return {
    kind: 'post',
    action: acsUrl,
    field: 'SAMLResponse',
    value: Buffer.from(xml, 'utf8').toString('base64'),
    ...(relayState !== undefined ? { relayState } : {}),
  };
}

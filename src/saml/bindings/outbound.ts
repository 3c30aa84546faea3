import zlib from 'node:zlib';
import { ALG } from '../xml/namespaces';
import { type SigningKey, signElement, signRedirectOctets } from '../xml/signature';

/** Outbound messages: HTTP-Redirect (query-string signature) or HTTP-POST (enveloped XML signature). */

export function redirectUrl(location: string, kind: 'SAMLRequest' | 'SAMLResponse', xml: string, relayState: string | undefined, key: SigningKey): string {
  const encoded = encodeURIComponent(zlib.deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64'));
  const octets = [`${kind}=${encoded}`, ...(relayState !== undefined ? [`RelayState=${encodeURIComponent(relayState)}`] : []), `SigAlg=${encodeURIComponent(ALG.rsaSha256)}`].join('&');
  const signature = encodeURIComponent(signRedirectOctets(octets, key.privateKeyPem));
  return `${location}${location.includes('?') ? '&' : '?'}${octets}&Signature=${signature}`;
}

export function signedPostValue(xml: string, rootLocalName: string, id: string, key: SigningKey): string {
  return Buffer.from(signElement(xml, rootLocalName, id, key), 'utf8').toString('base64');
}

import { SamlRequestError } from '../../domain/errors';
import { decodePost, decodeRedirect, type InboundMessage } from '../bindings/inbound';
import { step } from '../flow';
import type { SsoOutcome, SsoState } from '../sso-state';
import { firstChild, optionalAttr, strictText } from '../xml/dom';
import { NS } from '../xml/namespaces';
import { parseUntrustedXml } from '../xml/parse';
import { validateAuthnRequest } from '../xml/schema';

export interface ParsedAuthnRequest {
  readonly id: string;
  readonly issuer: string;
  readonly destination: string | null;
  readonly issueInstant: Date;
  readonly forceAuthn: boolean;
  readonly isPassive: boolean;
  readonly acsUrl: string | null;
  readonly acsIndex: number | null;
  readonly protocolBinding: string | null;
  readonly nameIdFormat: string | null;
}

const flag = (el: Element, name: string) => ['true', '1'].includes(el.getAttribute(name) ?? '');

/** Parses and schema-checks an AuthnRequest; returns the document (for the signature step) and its fields. */
export function parseAuthnRequestXml(xml: string): Document {
  const doc = parseUntrustedXml(xml, 'AuthnRequest');
  validateAuthnRequest(doc.documentElement);
  return doc;
}

/** Reads the fields of an AuthnRequest document (call it on the signed content when there is a signature). */
export function readAuthnRequest(doc: Document): ParsedAuthnRequest {
  const root = doc.documentElement;
  const issuerEl = firstChild(root, NS.assertion, 'Issuer');
  if (!issuerEl) throw new SamlRequestError('AuthnRequest has no Issuer');
  const issuer = strictText(issuerEl, 'Issuer').trim();
  if (!issuer) throw new SamlRequestError('AuthnRequest has an empty Issuer');
  const policy = firstChild(root, NS.protocol, 'NameIDPolicy');
  const indexText = optionalAttr(root, 'AssertionConsumerServiceIndex');
  return {
    id: root.getAttribute('ID')!,
    issuer,
    destination: optionalAttr(root, 'Destination'),
    issueInstant: new Date(root.getAttribute('IssueInstant')!),
    forceAuthn: flag(root, 'ForceAuthn'),
    isPassive: flag(root, 'IsPassive'),
    acsUrl: optionalAttr(root, 'AssertionConsumerServiceURL'),
    acsIndex: indexText === null ? null : Number(indexText),
    protocolBinding: optionalAttr(root, 'ProtocolBinding'),
    nameIdFormat: policy ? optionalAttr(policy, 'Format') : null,
  };
}

/** The message of an HTTP-Redirect (raw query string) or HTTP-POST (form body) AuthnRequest, size-capped and decoded. */
export async function decodeAuthnRequest(binding: 'redirect' | 'post', rawQueryOrBody: string | unknown): Promise<InboundMessage> {
  return binding === 'redirect' ? decodeRedirect(rawQueryOrBody as string, ['SAMLRequest']) : decodePost(rawQueryOrBody, ['SAMLRequest']);
}

/** The binding: size caps before and after inflating, base64, UTF-8, the query signature's exact octets. */
export const decodeBinding = step<SsoState, SsoOutcome>('decode-binding', async (_ctx, s) => {
  s.message = await decodeAuthnRequest(s.incoming!.binding, s.incoming!.raw);
});

/** Parse (no DOCTYPE, depth and size caps), check the schema, read the fields. */
export const parseAuthnRequest = step<SsoState, SsoOutcome>('parse', (_ctx, s) => {
  s.doc = parseAuthnRequestXml(s.message!.xml);
  s.request = readAuthnRequest(s.doc);
});

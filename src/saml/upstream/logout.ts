import { SamlRequestError } from '../../domain/errors';
import type { ReplayCache } from '../../domain/federation/ports';
import type {
  UpstreamAuthnRequest,
  UpstreamIdp,
  UpstreamRequestStore,
  UpstreamSessionLink,
  UpstreamSubject,
} from '../../domain/federation/upstream';
import { checkRelayState, type InboundMessage } from '../bindings/inbound';
import { type Delivery, sendToSp } from '../bindings/outbound';
import { logoutEndpoint, logoutRequestXml, logoutResponseXml } from '../slo';
import { checkDestination } from '../steps/check-destination';
import { checkReplay } from '../steps/check-replay';
import { checkIssueInstant, checkNotOnOrAfter } from '../steps/check-time';
import { childrenNamed, elementChildren, firstChild, hasCommentOrPi, is, optionalAttr, strictText } from '../xml/dom';
import { NS } from '../xml/namespaces';
import { parseUntrustedXml } from '../xml/parse';
import { validateLogoutRequest, validateLogoutResponse } from '../xml/schema';
import { type SigningKey, signaturesIn, verifyRedirectSignature, verifySignedElement } from '../xml/signature';
import type { DecryptionKey } from './decrypt';
import { UPSTREAM_REQUEST_LIFETIME_MS } from './authn-request';
import { readSubjectId } from './subject';

/**
 * Single Logout between the hub (as SP) and a school's own IdP, both ways: the hub's signed
 * LogoutRequest and LogoutResponse, and the checks on the IdP's — as strict as those on its Responses:
 * signed by the registered IdP (the Redirect query as received, or one enveloped signature over the
 * message, read from the signed bytes only), Issuer, Destination = the hub's SP logout endpoint, time
 * window, replay, and for a LogoutResponse an InResponseTo naming a LogoutRequest the hub sent to that
 * IdP (stored, taken once).
 */

/** The hub as SP: its entity ID (Issuer) and logout endpoint (Destination), and its decryption keys (EncryptedID). */
export interface UpstreamSloContext {
  readonly entityId: string;
  readonly sloUrl: string;
  readonly decryptionKeys: readonly DecryptionKey[];
}

/** Stored LogoutRequests the hub sent to school IdPs live beside the AuthnRequests, under their own prefix. */
export const logoutRequestKey = (id: string) => `logout:${id}`;

const SIGNER = "the school IdP's registered certificates";

function issuerOf(root: Element, what: string): string {
  const issuer = firstChild(root, NS.assertion, 'Issuer');
  if (!issuer) throw new SamlRequestError(`${what} has no Issuer`);
  return strictText(issuer, `${what}/Issuer`).trim();
}

/**
 * Verifies the message's signature against each registration of its Issuer (a school board may register
 * one IdP for several schools) and returns the registrations it verified for, with the document to read
 * from (after a POST signature: exactly the signed bytes). An unsigned message is refused.
 */
function verifyFor(
  message: InboundMessage,
  doc: Document,
  registrations: readonly UpstreamIdp[],
  what: string,
): { doc: Document; verified: UpstreamIdp[] } {
  if (message.binding === 'redirect') {
    if (signaturesIn(doc).length > 0)
      throw new SamlRequestError(`${what}: an XML signature is not allowed in the HTTP-Redirect binding (sign the query string)`);
    const q = message.querySignature;
    if (!q) throw new SamlRequestError(`${what}: the school IdP must sign its logout messages`);
    let lastError: unknown = null;
    const verified = registrations.filter((r) => {
      try {
        verifyRedirectSignature(q.signedOctets, q.sigAlg, q.signature, r.signingCertificates, what, SIGNER);
        return true;
      } catch (e) {
        lastError = e;
        return false;
      }
    });
    if (verified.length === 0) throw lastError ?? new SamlRequestError(`${what}: no registered school IdP`);
    return { doc, verified };
  }
  const root = doc.documentElement;
  for (const sig of signaturesIn(doc)) {
    if (sig.parentNode !== root) throw new SamlRequestError(`${what}: a Signature outside the message root (signature wrapping?)`);
  }
  if (!elementChildren(root).some((c) => is(c, NS.dsig, 'Signature')))
    throw new SamlRequestError(`${what}: the school IdP must sign its logout messages`);
  let signed: Document | null = null;
  let lastError: unknown = null;
  const verified: UpstreamIdp[] = [];
  for (const r of registrations) {
    try {
      signed = verifySignedElement(message.xml, doc, root, r.signingCertificates, what, SIGNER);
      verified.push(r);
    } catch (e) {
      lastError = e;
    }
  }
  if (signed === null) throw lastError ?? new SamlRequestError(`${what}: no registered school IdP`);
  return { doc: signed, verified };
}

/** Parses a logout message as sent (hardened parser, no comments), and names its Issuer — not yet trusted. */
function parseLogoutMessage(message: InboundMessage, what: 'LogoutRequest' | 'LogoutResponse'): { doc: Document; issuer: string } {
  const doc = parseUntrustedXml(message.xml, what);
  if (hasCommentOrPi(doc.documentElement)) throw new SamlRequestError(`${what}: comments or processing instructions are not allowed`);
  if (what === 'LogoutRequest') validateLogoutRequest(doc.documentElement, { encryptedId: true });
  else validateLogoutResponse(doc.documentElement);
  return { doc, issuer: issuerOf(doc.documentElement, what) };
}

/** The Issuer of a school IdP's logout message as sent (unverified): only to find which registrations to check it against. */
export function peekLogoutIssuer(message: InboundMessage): string {
  return parseLogoutMessage(message, message.kind === 'SAMLRequest' ? 'LogoutRequest' : 'LogoutResponse').issuer;
}

/** The InResponseTo of a LogoutResponse as sent (unverified): to find the school the hub's request went to. */
export function peekInResponseTo(message: InboundMessage): string | null {
  return optionalAttr(parseLogoutMessage(message, 'LogoutResponse').doc.documentElement, 'InResponseTo');
}

export interface UpstreamLogoutRequestIn {
  readonly id: string;
  readonly idpEntityId: string;
  /** The schools whose registration of the IdP the signature verified for: only their sessions may end. */
  readonly schoolIds: readonly string[];
  readonly subject: UpstreamSubject;
  readonly encryptedId: boolean;
  /** Empty: every session of the subject (core §3.7.3.2). */
  readonly sessionIndexes: readonly string[];
  readonly relayState: string | undefined;
}

/**
 * Validates a school IdP's LogoutRequest. `registrations`: those of the Issuer it names (none: refused).
 * Checked in order: shape, signature, Destination, time, RelayState, the subject (EncryptedID decrypted),
 * then replay of its ID — the one write, last.
 */
export async function validateUpstreamLogoutRequest(input: {
  message: InboundMessage;
  registrations: readonly UpstreamIdp[];
  sp: UpstreamSloContext;
  now: Date;
  replayCache: ReplayCache;
}): Promise<UpstreamLogoutRequestIn> {
  const what = 'LogoutRequest';
  const { message, sp, now } = input;
  if (message.kind !== 'SAMLRequest') throw new SamlRequestError('expected a SAMLRequest');
  const sent = parseLogoutMessage(message, what);
  const registrations = input.registrations.filter((r) => r.entityId === sent.issuer);
  if (registrations.length === 0) throw new SamlRequestError(`${what}: the Issuer is not a registered school IdP`);
  const { doc, verified } = verifyFor(message, sent.doc, registrations, what);
  const root = doc.documentElement;
  if (issuerOf(root, what) !== sent.issuer) throw new SamlRequestError(`${what}: the signed Issuer differs`);
  checkDestination(optionalAttr(root, 'Destination'), sp.sloUrl, what);
  checkIssueInstant(new Date(root.getAttribute('IssueInstant')!), now, what);
  checkNotOnOrAfter(root.getAttribute('NotOnOrAfter'), now, what);
  checkRelayState(message.relayState);
  const idEl = firstChild(root, NS.assertion, 'EncryptedID') ?? firstChild(root, NS.assertion, 'NameID')!;
  const subject = readSubjectId(idEl, sp.decryptionKeys, what);
  const sessionIndexes = childrenNamed(root, NS.protocol, 'SessionIndex').map((s) => strictText(s, `${what}/SessionIndex`).trim());
  const id = root.getAttribute('ID')!;
  await checkReplay(input.replayCache, sent.issuer, `logout-request:${id}`, now, what);
  return {
    id,
    idpEntityId: sent.issuer,
    schoolIds: verified.map((r) => r.schoolId),
    subject,
    encryptedId: is(idEl, NS.assertion, 'EncryptedID'),
    sessionIndexes,
    relayState: message.relayState,
  };
}

/**
 * Whether a hub session's upstream login is one a LogoutRequest names (core §3.7.3.2): same IdP, a school
 * the signature verified for, the same NameID — format and qualifiers equal where both sides state them —
 * and, when SessionIndexes are given, one of them.
 */
export function logoutNames(request: UpstreamLogoutRequestIn, link: UpstreamSessionLink): boolean {
  const a = request.subject;
  const b = link.subject;
  const same = (x: string | null, y: string | null) => x === null || y === null || x === y;
  return (
    link.idpEntityId === request.idpEntityId &&
    request.schoolIds.includes(link.schoolId) &&
    a.nameId === b.nameId &&
    same(a.format, b.format) &&
    same(a.nameQualifier, b.nameQualifier) &&
    same(a.spNameQualifier, b.spNameQualifier) &&
    (request.sessionIndexes.length === 0 || (link.sessionIndex !== null && request.sessionIndexes.includes(link.sessionIndex)))
  );
}

export interface UpstreamLogoutResponseIn {
  /** The LogoutRequest the hub sent, taken out of the store (single use). */
  readonly request: UpstreamAuthnRequest;
  readonly status: string;
  readonly subStatus: string | null;
}

/**
 * Validates a school IdP's LogoutResponse to a LogoutRequest the hub sent it: shape, signature by the IdP
 * the request went to, Issuer, Destination, time, replay of its ID, and last the request it answers —
 * taken out of the store in one atomic DELETE, so a forged, foreign or replayed InResponseTo is refused.
 */
export async function validateUpstreamLogoutResponse(input: {
  message: InboundMessage;
  idp: UpstreamIdp;
  sp: UpstreamSloContext;
  now: Date;
  requests: UpstreamRequestStore;
  replayCache: ReplayCache;
}): Promise<UpstreamLogoutResponseIn> {
  const what = 'LogoutResponse';
  const { message, idp, sp, now } = input;
  if (message.kind !== 'SAMLResponse') throw new SamlRequestError('expected a SAMLResponse');
  const sent = parseLogoutMessage(message, what);
  if (sent.issuer !== idp.entityId) throw new SamlRequestError(`${what}: Issuer is not the school's registered IdP (${idp.entityId})`);
  const { doc } = verifyFor(message, sent.doc, [idp], what);
  const root = doc.documentElement;
  if (issuerOf(root, what) !== idp.entityId) throw new SamlRequestError(`${what}: the signed Issuer differs`);
  checkDestination(optionalAttr(root, 'Destination'), sp.sloUrl, what);
  checkIssueInstant(new Date(root.getAttribute('IssueInstant')!), now, what);
  checkRelayState(message.relayState);
  const inResponseTo = optionalAttr(root, 'InResponseTo');
  if (!inResponseTo) throw new SamlRequestError(`${what} has no InResponseTo`);
  const code = firstChild(firstChild(root, NS.protocol, 'Status')!, NS.protocol, 'StatusCode')!;
  const sub = firstChild(code, NS.protocol, 'StatusCode');
  await checkReplay(input.replayCache, idp.entityId, `logout-response:${root.getAttribute('ID')!}`, now, what);
  const request = await input.requests.consume(logoutRequestKey(inResponseTo), idp.entityId, now);
  if (request?.context.kind !== 'logout')
    throw new SamlRequestError(
      `${what}: InResponseTo does not name a LogoutRequest the hub sent to this IdP (forged, replayed or expired)`,
    );
  return { request, status: code.getAttribute('Value')!, subStatus: sub?.getAttribute('Value') ?? null };
}

/**
 * A signed LogoutRequest to the school's IdP naming the subject and SessionIndex exactly as its assertion
 * did (HTTP-Redirect preferred, else HTTP-POST); null when its metadata has no logout endpoint. The
 * caller stores the returned request (key `logoutRequestKey(id)`) before sending it.
 */
export function upstreamLogoutRequest(
  sp: UpstreamSloContext,
  idp: UpstreamIdp,
  link: UpstreamSessionLink,
  key: SigningKey,
  now = new Date(),
): { id: string; delivery: Delivery; expiresAt: Date } | null {
  const endpoint = logoutEndpoint(idp, false);
  if (!endpoint) return null;
  const { id, xml } = logoutRequestXml(sp.entityId, endpoint.url, link.subject, link.sessionIndex, now);
  return {
    id,
    delivery: sendToSp(endpoint, { kind: 'SAMLRequest', xml, id, rootName: 'LogoutRequest' }, undefined, key),
    expiresAt: new Date(now.getTime() + UPSTREAM_REQUEST_LIFETIME_MS),
  };
}

/** The hub's signed LogoutResponse to the school IdP's LogoutRequest; null when its metadata has no logout endpoint. */
export function upstreamLogoutResponse(
  sp: UpstreamSloContext,
  idp: UpstreamIdp,
  inResponseTo: string,
  status: string,
  subStatus: string | undefined,
  relayState: string | undefined,
  key: SigningKey,
): Delivery | null {
  const endpoint = logoutEndpoint(idp, true);
  if (!endpoint) return null;
  const { id, xml } = logoutResponseXml(sp.entityId, endpoint.url, inResponseTo, status, subStatus);
  return sendToSp(endpoint, { kind: 'SAMLResponse', xml, id, rootName: 'LogoutResponse' }, relayState, key);
}

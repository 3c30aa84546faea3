import { SamlRequestError } from '../domain/errors';
import type { SamlEndpoint, ServiceProvider } from '../domain/model';
import type { InboundMessage } from './bindings/inbound';
import { checkRelayState } from './bindings/inbound';
import type { IdpContext } from './idp-context';
import { newId } from './response/build-response';
import { checkDestination, checkIssueInstant, checkReplay, loadServiceProvider } from './steps/checks';
import { childrenNamed, firstChild, optionalAttr, strictText } from './xml/dom';
import { escapeXml as e } from './xml/escape';
import { BINDING, NS } from './xml/namespaces';
import { parseUntrustedXml } from './xml/parse';
import { validateLogoutRequest, validateLogoutResponse } from './xml/schema';
import { signaturesIn, verifyEnvelopedSignature, verifyRedirectSignature } from './xml/signature';

export interface ParsedLogoutRequest {
  readonly id: string;
  readonly issuer: string;
  readonly nameId: string;
  readonly sessionIndexes: readonly string[];
}

export interface ParsedLogoutResponse {
  readonly id: string;
  readonly issuer: string;
  readonly inResponseTo: string | null;
  readonly status: string;
}

function issuerOf(root: Element, what: string): string {
  const el = firstChild(root, NS.assertion, 'Issuer');
  if (!el) throw new SamlRequestError(`${what} has no Issuer`);
  return strictText(el, `${what}/Issuer`).trim();
}

/**
 * Signature rules shared by both logout messages: always verified when present, and required whenever the
 * SP has a signing certificate (an unsigned logout message could end anyone's session); only from an SP
 * whose metadata is still valid.
 */
async function verifiedDocument(ctx: IdpContext, message: InboundMessage, doc: Document, what: string, now: Date): Promise<{ sp: ServiceProvider; doc: Document }> {
  const sp = await loadServiceProvider(ctx.repos.serviceProviders, issuerOf(doc.documentElement, what), now);
  let signed = false;
  if (message.binding === 'redirect') {
    if (signaturesIn(doc).length > 0) throw new SamlRequestError(`${what}: an XML signature is not allowed in the HTTP-Redirect binding`);
    if (message.querySignature) {
      verifyRedirectSignature(message.querySignature.signedOctets, message.querySignature.sigAlg, message.querySignature.signature, sp.signingCertificates, what);
      signed = true;
    }
  } else if (signaturesIn(doc).length > 0) {
    doc = verifyEnvelopedSignature(message.xml, doc, sp.signingCertificates, what);
    signed = true;
  }
  if ((sp.signingCertificates.length > 0 || sp.authnRequestsSigned) && !signed) throw new SamlRequestError(`SP '${sp.entityId}' must sign its ${what}s (it has a signing certificate)`);
  return { sp, doc };
}

/** Parse, schema-check and verify a logout message; returns the SP and the signed root to read from. */
async function parseAndVerify(ctx: IdpContext, message: InboundMessage, what: 'LogoutRequest' | 'LogoutResponse', validate: (root: Element) => void, now: Date) {
  const doc = parseUntrustedXml(message.xml, what);
  validate(doc.documentElement);
  const verified = await verifiedDocument(ctx, message, doc, what, now);
  return { sp: verified.sp, root: verified.doc.documentElement };
}

export async function checkLogoutRequest(ctx: IdpContext, message: InboundMessage, now: Date): Promise<{ sp: ServiceProvider; request: ParsedLogoutRequest }> {
  const what = 'LogoutRequest';
  const verified = await parseAndVerify(ctx, message, what, validateLogoutRequest, now);
  const root = verified.root;
  checkDestination(optionalAttr(root, 'Destination'), ctx.sloUrl, what);
  checkIssueInstant(new Date(root.getAttribute('IssueInstant')!), now, what);
  const notOnOrAfter = root.getAttribute('NotOnOrAfter');
  if (notOnOrAfter && new Date(notOnOrAfter) <= now) throw new SamlRequestError(`${what} has expired (NotOnOrAfter)`);
  await checkReplay(ctx.repos.replayCache, verified.sp.entityId, root.getAttribute('ID')!, now, what);
  checkRelayState(message.relayState);
  const nameIdEl = firstChild(root, NS.assertion, 'NameID')!;
  return {
    sp: verified.sp,
    request: {
      id: root.getAttribute('ID')!,
      issuer: verified.sp.entityId,
      nameId: strictText(nameIdEl, 'NameID').trim(),
      sessionIndexes: childrenNamed(root, NS.protocol, 'SessionIndex').map((s) => strictText(s, 'SessionIndex').trim()),
    },
  };
}

export async function checkLogoutResponse(ctx: IdpContext, message: InboundMessage, now: Date): Promise<{ sp: ServiceProvider; response: ParsedLogoutResponse }> {
  const what = 'LogoutResponse';
  const verified = await parseAndVerify(ctx, message, what, validateLogoutResponse, now);
  const root = verified.root;
  if (root.hasAttribute('Destination')) checkDestination(root.getAttribute('Destination'), ctx.sloUrl, what);
  checkIssueInstant(new Date(root.getAttribute('IssueInstant')!), now, what);
  await checkReplay(ctx.repos.replayCache, verified.sp.entityId, root.getAttribute('ID')!, now, what);
  const status = firstChild(firstChild(root, NS.protocol, 'Status')!, NS.protocol, 'StatusCode')!.getAttribute('Value')!;
  return { sp: verified.sp, response: { id: root.getAttribute('ID')!, issuer: verified.sp.entityId, inResponseTo: optionalAttr(root, 'InResponseTo'), status } };
}

/** The SP's logout endpoint: HTTP-Redirect preferred, else HTTP-POST; null when it has none. */
export function logoutEndpoint(sp: ServiceProvider, forResponse: boolean): (SamlEndpoint & { url: string; binding: string }) | null {
  const endpoint = sp.sloEndpoints.find((e) => e.binding === BINDING.redirect) ?? sp.sloEndpoints.find((e) => e.binding === BINDING.post);
  if (!endpoint) return null;
  return { ...endpoint, url: forResponse && endpoint.responseLocation ? endpoint.responseLocation : endpoint.location };
}

export function buildLogoutRequest(ctx: IdpContext, destination: string, entry: { nameId: string; nameIdFormat: string; sessionIndex: string; spEntityId: string }, now = new Date()): { id: string; xml: string } {
  const id = newId();
  const xml =
    `<samlp:LogoutRequest xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${id}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${e(destination)}" NotOnOrAfter="${new Date(now.getTime() + 5 * 60_000).toISOString()}">` +
    `<saml:Issuer>${e(ctx.idpEntityId)}</saml:Issuer>` +
    `<saml:NameID Format="${e(entry.nameIdFormat)}" NameQualifier="${e(ctx.idpEntityId)}" SPNameQualifier="${e(entry.spEntityId)}">${e(entry.nameId)}</saml:NameID>` +
    `<samlp:SessionIndex>${e(entry.sessionIndex)}</samlp:SessionIndex>` +
    '</samlp:LogoutRequest>';
  return { id, xml };
}

export function buildLogoutResponse(ctx: IdpContext, destination: string, inResponseTo: string, status: string, subStatus?: string, now = new Date()): { id: string; xml: string } {
  const id = newId();
  const sub = subStatus ? `<samlp:StatusCode Value="${e(subStatus)}"/>` : '';
  const xml =
    `<samlp:LogoutResponse xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${id}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${e(destination)}" InResponseTo="${e(inResponseTo)}">` +
    `<saml:Issuer>${e(ctx.idpEntityId)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${e(status)}">${sub}</samlp:StatusCode></samlp:Status>` +
    '</samlp:LogoutResponse>';
  return { id, xml };
}

import { SamlRequestError } from '../domain/errors';
import type { SamlEndpoint, ServiceProvider } from '../domain/model';
import type { InboundMessage } from './bindings/inbound';
import { checkRelayState } from './bindings/inbound';
import { type Delivery, sendToSp } from './bindings/outbound';
import { runSteps, step, type Step } from './flow';
import type { IdpContext } from './idp-context';
import { newId } from './response/build-response';
import type { SamlSessionEntry } from './sso-state';
import { verifyMessageSignature } from './steps/check-signature';
import { checkDestination } from './steps/check-destination';
import { checkReplay } from './steps/check-replay';
import { checkIssueInstant, checkNotOnOrAfter } from './steps/check-time';
import { loadServiceProvider } from './steps/load-service-provider';
import { childrenNamed, firstChild, optionalAttr, strictText } from './xml/dom';
import { escapeXml as e } from './xml/escape';
import { BINDING, NS } from './xml/namespaces';
import { parseUntrustedXml } from './xml/parse';
import { validateLogoutRequest, validateLogoutResponse } from './xml/schema';
import { MESSAGE_LIFETIME_MS } from './time-limits';

/**
 * Single Logout: the checks of an SP's LogoutRequest or LogoutResponse as one table (the same signature,
 * destination, time and replay steps as SSO), the messages the hub sends, and the order in which a
 * logout visits the session's SPs. The web layer keeps the logout's progress in the user's session.
 */

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

interface LogoutState {
  readonly what: 'LogoutRequest' | 'LogoutResponse';
  readonly message: InboundMessage;
  readonly now: Date;
  doc?: Document;
  sp?: ServiceProvider;
}

type LogoutStep = Step<LogoutState, never>;
const root = (s: LogoutState) => s.doc!.documentElement;

function issuerOf(el: Element, what: string): string {
  const issuer = firstChild(el, NS.assertion, 'Issuer');
  if (!issuer) throw new SamlRequestError(`${what} has no Issuer`);
  return strictText(issuer, `${what}/Issuer`).trim();
}

const parseLogout = step<LogoutState, never>('parse', (_ctx, s) => {
  s.doc = parseUntrustedXml(s.message.xml, s.what);
  (s.what === 'LogoutRequest' ? validateLogoutRequest : validateLogoutResponse)(s.doc.documentElement);
});
const loadSp = step<LogoutState, never>('load-service-provider', async (ctx, s) => {
  s.sp = await loadServiceProvider(ctx.repos.serviceProviders, issuerOf(root(s), s.what), s.now);
});
/** Signed whenever the SP has a signing certificate: an unsigned logout message could end anyone's session. */
const checkSignature = step<LogoutState, never>('check-signature', (_ctx, s) => {
  const required = s.sp!.signingCertificates.length > 0 || s.sp!.authnRequestsSigned;
  s.doc = verifyMessageSignature(s.message, s.doc!, s.sp!, s.what, required).doc;
});
const checkRequestDestination = step<LogoutState, never>('check-destination', (ctx, s) =>
  checkDestination(optionalAttr(root(s), 'Destination'), ctx.sloUrl, s.what),
);
const checkResponseDestination = step<LogoutState, never>('check-destination', (ctx, s) => {
  if (root(s).hasAttribute('Destination')) checkDestination(root(s).getAttribute('Destination'), ctx.sloUrl, s.what);
});
const checkTime = step<LogoutState, never>('check-time', (_ctx, s) =>
  checkIssueInstant(new Date(root(s).getAttribute('IssueInstant')!), s.now, s.what),
);
const checkNotExpired = step<LogoutState, never>('check-not-on-or-after', (_ctx, s) =>
  checkNotOnOrAfter(root(s).getAttribute('NotOnOrAfter'), s.now, s.what),
);
const checkLogoutReplay = step<LogoutState, never>('check-replay', (ctx, s) =>
  checkReplay(ctx.repos.replayCache, s.sp!.entityId, root(s).getAttribute('ID')!, s.now, s.what),
);
const checkLogoutRelayState = step<LogoutState, never>('check-relay-state', (_ctx, s) => checkRelayState(s.message.relayState));

export const LOGOUT_REQUEST: readonly LogoutStep[] = [
  parseLogout,
  loadSp,
  checkSignature,
  checkRequestDestination,
  checkTime,
  checkNotExpired,
  checkLogoutReplay,
  checkLogoutRelayState,
];
export const LOGOUT_RESPONSE: readonly LogoutStep[] = [
  parseLogout,
  loadSp,
  checkSignature,
  checkResponseDestination,
  checkTime,
  checkLogoutReplay,
];

async function verify(ctx: IdpContext, steps: readonly LogoutStep[], state: LogoutState): Promise<{ sp: ServiceProvider; root: Element }> {
  await runSteps(steps, ctx, state, (error) => {
    throw error;
  });
  return { sp: state.sp!, root: root(state) };
}

export async function checkLogoutRequest(
  ctx: IdpContext,
  message: InboundMessage,
  now: Date,
): Promise<{ sp: ServiceProvider; request: ParsedLogoutRequest }> {
  const { sp, root: el } = await verify(ctx, LOGOUT_REQUEST, { what: 'LogoutRequest', message, now });
  return {
    sp,
    request: {
      id: el.getAttribute('ID')!,
      issuer: sp.entityId,
      nameId: strictText(firstChild(el, NS.assertion, 'NameID')!, 'NameID').trim(),
      sessionIndexes: childrenNamed(el, NS.protocol, 'SessionIndex').map((s) => strictText(s, 'SessionIndex').trim()),
    },
  };
}

export async function checkLogoutResponse(
  ctx: IdpContext,
  message: InboundMessage,
  now: Date,
): Promise<{ sp: ServiceProvider; response: ParsedLogoutResponse }> {
  const { sp, root: el } = await verify(ctx, LOGOUT_RESPONSE, { what: 'LogoutResponse', message, now });
  const status = firstChild(firstChild(el, NS.protocol, 'Status')!, NS.protocol, 'StatusCode')!.getAttribute('Value')!;
  return { sp, response: { id: el.getAttribute('ID')!, issuer: sp.entityId, inResponseTo: optionalAttr(el, 'InResponseTo'), status } };
}

/** The peer's logout endpoint (an SP's, or a school IdP's): HTTP-Redirect preferred, else HTTP-POST; null when it has none. */
export function logoutEndpoint(
  peer: { readonly sloEndpoints: readonly SamlEndpoint[] },
  forResponse: boolean,
): (SamlEndpoint & { url: string }) | null {
  const endpoint =
    peer.sloEndpoints.find((x) => x.binding === BINDING.redirect) ?? peer.sloEndpoints.find((x) => x.binding === BINDING.post);
  if (!endpoint) return null;
  return { ...endpoint, url: forResponse && endpoint.responseLocation ? endpoint.responseLocation : endpoint.location };
}

/** How a LogoutRequest names its subject: the NameID with its format and qualifiers. */
export interface LogoutSubject {
  readonly nameId: string;
  readonly format: string | null;
  readonly nameQualifier: string | null;
  readonly spNameQualifier: string | null;
}

/** A LogoutRequest from `issuer` (the hub as IdP towards SPs, or as SP towards a school's IdP). */
export function logoutRequestXml(
  issuer: string,
  destination: string,
  subject: LogoutSubject,
  sessionIndex: string | null,
  now = new Date(),
): { id: string; xml: string } {
  const id = newId();
  const attr = (name: string, value: string | null) => (value === null ? '' : ` ${name}="${e(value)}"`);
  const xml =
    `<samlp:LogoutRequest xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${id}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${e(destination)}" NotOnOrAfter="${new Date(now.getTime() + MESSAGE_LIFETIME_MS).toISOString()}">` +
    `<saml:Issuer>${e(issuer)}</saml:Issuer>` +
    `<saml:NameID${attr('Format', subject.format)}${attr('NameQualifier', subject.nameQualifier)}${attr('SPNameQualifier', subject.spNameQualifier)}>${e(subject.nameId)}</saml:NameID>` +
    (sessionIndex === null ? '' : `<samlp:SessionIndex>${e(sessionIndex)}</samlp:SessionIndex>`) +
    '</samlp:LogoutRequest>';
  return { id, xml };
}

/** A LogoutResponse from `issuer` (the hub as IdP, or as SP towards a school's IdP). */
export function logoutResponseXml(
  issuer: string,
  destination: string,
  inResponseTo: string,
  status: string,
  subStatus?: string,
  now = new Date(),
): { id: string; xml: string } {
  const id = newId();
  const sub = subStatus ? `<samlp:StatusCode Value="${e(subStatus)}"/>` : '';
  const xml =
    `<samlp:LogoutResponse xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${id}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${e(destination)}" InResponseTo="${e(inResponseTo)}">` +
    `<saml:Issuer>${e(issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${e(status)}">${sub}</samlp:StatusCode></samlp:Status>` +
    '</samlp:LogoutResponse>';
  return { id, xml };
}

/** A signed LogoutResponse to the SP's logout endpoint; null when it has none. */
export function logoutResponseTo(
  ctx: IdpContext,
  sp: ServiceProvider,
  inResponseTo: string,
  status: string,
  subStatus: string | undefined,
  relayState: string | undefined,
): Delivery | null {
  const endpoint = logoutEndpoint(sp, true);
  if (!endpoint) return null;
  const { id, xml } = logoutResponseXml(ctx.idpEntityId, endpoint.url, inResponseTo, status, subStatus);
  return sendToSp(endpoint, { kind: 'SAMLResponse', xml, id, rootName: 'LogoutResponse' }, relayState, ctx.signingKeys.active);
}

/** A signed LogoutRequest for one of the session's SPs; null when it has no logout endpoint. */
export function logoutRequestTo(ctx: IdpContext, sp: ServiceProvider, entry: SamlSessionEntry): { id: string; delivery: Delivery } | null {
  const endpoint = logoutEndpoint(sp, false);
  if (!endpoint) return null;
  const { id, xml } = logoutRequestXml(
    ctx.idpEntityId,
    endpoint.url,
    { nameId: entry.nameId, format: entry.nameIdFormat, nameQualifier: ctx.idpEntityId, spNameQualifier: entry.spEntityId },
    entry.sessionIndex,
  );
  return {
    id,
    delivery: sendToSp(endpoint, { kind: 'SAMLRequest', xml, id, rootName: 'LogoutRequest' }, undefined, ctx.signingKeys.active),
  };
}

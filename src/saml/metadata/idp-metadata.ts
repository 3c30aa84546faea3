import crypto from 'node:crypto';
import type { SigningKeys, KeyPair } from '../../crypto/secrets';
import { attributeScope } from '../attributes';
import { escapeXml } from '../xml/escape';
import { BINDING, NAMEID_FORMAT, NS } from '../xml/namespaces';
import { certificateBody, signElement } from '../xml/signature';

export interface IdpEndpoints {
  readonly entityId: string;
  readonly ssoUrl: string;
  readonly sloUrl: string;
}

export const METADATA_VALIDITY_MS = 7 * 24 * 3600 * 1000;

function keyDescriptor(use: 'signing' | 'encryption', pair: KeyPair): string {
  return `<md:KeyDescriptor use="${use}"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBody(pair.certificatePem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
}

/**
 * The IdP's metadata: signed with the active key, valid for a week (SPs refresh well before), listing
 * every published signing certificate so a key rollover never breaks an SP that refreshes.
 * Element order follows saml-schema-metadata-2.0 (Signature first; Extensions, KeyDescriptor, SLO,
 * NameIDFormat, SSO). The Extensions declare the scope of the scoped attributes (pairwise-id) as
 * shibmd:Scope: SPs accept a scoped value only for a scope its IdP declares.
 */
export function buildIdpMetadata(endpoints: IdpEndpoints, signing: SigningKeys, encryption: KeyPair, now = new Date()): string {
  const id = `_${crypto.randomUUID()}`;
  const signingKeys = [signing.active, signing.next, signing.previous].filter((k): k is KeyPair => k !== null);
  const e = (s: string) => escapeXml(s);
  const scope = attributeScope(endpoints.entityId);
  const xml =
    `<md:EntityDescriptor xmlns:md="${NS.metadata}" xmlns:ds="${NS.dsig}" ID="${id}" entityID="${e(endpoints.entityId)}" validUntil="${new Date(now.getTime() + METADATA_VALIDITY_MS).toISOString()}" cacheDuration="PT6H">` +
    `<md:IDPSSODescriptor protocolSupportEnumeration="${NS.protocol}" WantAuthnRequestsSigned="false">` +
    (scope ? `<md:Extensions><shibmd:Scope xmlns:shibmd="${NS.shibmd}" regexp="false">${e(scope)}</shibmd:Scope></md:Extensions>` : '') +
    signingKeys.map((k) => keyDescriptor('signing', k)).join('') +
    keyDescriptor('encryption', encryption) +
    `<md:SingleLogoutService Binding="${BINDING.redirect}" Location="${e(endpoints.sloUrl)}"/>` +
    `<md:SingleLogoutService Binding="${BINDING.post}" Location="${e(endpoints.sloUrl)}"/>` +
    `<md:NameIDFormat>${NAMEID_FORMAT.persistent}</md:NameIDFormat>` +
    `<md:NameIDFormat>${NAMEID_FORMAT.transient}</md:NameIDFormat>` +
    `<md:SingleSignOnService Binding="${BINDING.redirect}" Location="${e(endpoints.ssoUrl)}"/>` +
    `<md:SingleSignOnService Binding="${BINDING.post}" Location="${e(endpoints.ssoUrl)}"/>` +
    `</md:IDPSSODescriptor>` +
    `<md:Organization><md:OrganizationName xml:lang="nl">Leerpoort</md:OrganizationName><md:OrganizationDisplayName xml:lang="nl">Leerpoort</md:OrganizationDisplayName><md:OrganizationURL xml:lang="nl">${e(endpoints.entityId.replace(/\/saml\/metadata$/, '/'))}</md:OrganizationURL></md:Organization>` +
    `</md:EntityDescriptor>`;
  return signElement(xml, 'EntityDescriptor', id, signing.active, { firstChild: true });
}

import crypto from 'node:crypto';
import type { KeyPair, SigningKeys } from '../../crypto/secrets';
import { METADATA_VALIDITY_MS } from '../metadata/idp-metadata';
import { escapeXml } from '../xml/escape';
import { BINDING, NAMEID_FORMAT, NS } from '../xml/namespaces';
import { certificateBody, signElement } from '../xml/signature';

/** The hub as SP towards schools' IdPs: one entity for all schools. */
export interface UpstreamSpEndpoints {
  readonly entityId: string;
  readonly acsUrl: string;
  /** Single Logout with the school IdP: its LogoutRequests and LogoutResponses (HTTP-Redirect and HTTP-POST). */
  readonly sloUrl: string;
}

/** Derived from BASE_URL, beside the IdP endpoints under /saml. */
export function upstreamSpEndpoints(baseUrl: string): UpstreamSpEndpoints {
  const base = baseUrl.replace(/\/+$/, '');
  return { entityId: `${base}/saml/upstream/metadata`, acsUrl: `${base}/saml/upstream/acs`, sloUrl: `${base}/saml/upstream/slo` };
}

function keyDescriptor(use: 'signing' | 'encryption', pair: KeyPair): string {
  return `<md:KeyDescriptor use="${use}"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBody(pair.certificatePem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
}

/**
 * The hub's SP metadata for schools' IdPs: signed AuthnRequests, signed assertions wanted, the
 * signing keys (all published ones, for rollover) and the encryption key, Single Logout (HTTP-Redirect
 * and HTTP-POST, one URL), one ACS (HTTP-POST).
 * Signed with the active key like the IdP metadata.
 */
export function buildUpstreamSpMetadata(
  endpoints: UpstreamSpEndpoints,
  signing: SigningKeys,
  encryption: KeyPair,
  now = new Date(),
): string {
  const id = `_${crypto.randomUUID()}`;
  const signingKeys = [signing.active, signing.next, signing.previous].filter((k): k is KeyPair => k !== null);
  const e = (s: string) => escapeXml(s);
  const xml =
    `<md:EntityDescriptor xmlns:md="${NS.metadata}" xmlns:ds="${NS.dsig}" ID="${id}" entityID="${e(endpoints.entityId)}" validUntil="${new Date(now.getTime() + METADATA_VALIDITY_MS).toISOString()}" cacheDuration="PT6H">` +
    `<md:SPSSODescriptor protocolSupportEnumeration="${NS.protocol}" AuthnRequestsSigned="true" WantAssertionsSigned="true">` +
    signingKeys.map((k) => keyDescriptor('signing', k)).join('') +
    keyDescriptor('encryption', encryption) +
    `<md:SingleLogoutService Binding="${BINDING.redirect}" Location="${e(endpoints.sloUrl)}"/>` +
    `<md:SingleLogoutService Binding="${BINDING.post}" Location="${e(endpoints.sloUrl)}"/>` +
    `<md:NameIDFormat>${NAMEID_FORMAT.persistent}</md:NameIDFormat>` +
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>` +
    `<md:NameIDFormat>${NAMEID_FORMAT.unspecified}</md:NameIDFormat>` +
    `<md:AssertionConsumerService Binding="${BINDING.post}" Location="${e(endpoints.acsUrl)}" index="0" isDefault="true"/>` +
    `</md:SPSSODescriptor>` +
    `<md:Organization><md:OrganizationName xml:lang="nl">Leerpoort</md:OrganizationName><md:OrganizationDisplayName xml:lang="nl">Leerpoort</md:OrganizationDisplayName><md:OrganizationURL xml:lang="nl">${e(endpoints.entityId.replace(/\/saml\/upstream\/metadata$/, '/'))}</md:OrganizationURL></md:Organization>` +
    `</md:EntityDescriptor>`;
  return signElement(xml, 'EntityDescriptor', id, signing.active, { firstChild: true });
}

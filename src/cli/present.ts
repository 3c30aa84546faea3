import type { OidcClientRecord } from '../domain/federation/oidc-client';
import { formatWhen } from '../domain/maintenance/wording';
import type { School, ServiceNotice, ServiceProvider } from '../domain/model';

/** JSON shape of a school in CLI output. */
export function describeSchool(s: School) {
  return {
    id: s.id,
    brin: s.brin,
    dependanceCode: s.dependanceCode,
    name: s.name,
    assuNumber: s.assuNumber,
    visitingAddress: s.visitingAddress,
    status: s.status,
    agreementState: s.agreementState,
    homeAccessEnabled: s.homeAccessEnabled,
    teacher2faRequired: s.teacher2faRequired,
  };
}

/** JSON shape of a service provider in CLI output (certificates counted, not printed). */
export function describeSp(sp: ServiceProvider) {
  return {
    entityId: sp.entityId,
    participantId: sp.participantId,
    acs: sp.acsEndpoints.map((e) => ({ binding: e.binding, location: e.location, index: e.index, isDefault: e.isDefault })),
    slo: sp.sloEndpoints,
    signingCertificates: sp.signingCertificates.length,
    encryptionCertificates: sp.encryptionCertificates.length,
    authnRequestsSigned: sp.authnRequestsSigned,
    wantAssertionsSigned: sp.wantAssertionsSigned,
    signResponse: sp.signResponse,
    encryptAssertion: sp.encryptAssertion,
    allowUnsolicited: sp.allowUnsolicited,
    nameIdFormat: sp.nameIdFormat,
    requestedAttributes: sp.requestedAttributes.map((a) => a.name),
    attributeAllowList: sp.attributeAllowList,
    metadataValidUntil: sp.metadataValidUntil?.toISOString() ?? null,
  };
}

/** A three-month notice (end of the service, end of a browser's support) as `service` and `browser` print it with --json. */
export const serviceNoticeJson = (n: ServiceNotice) => ({
  id: n.id,
  kind: n.kind,
  browser: n.browser,
  effectiveAt: n.effectiveAt.toISOString(),
  announcedAt: n.announcedAt.toISOString(),
  cancelledAt: n.cancelledAt?.toISOString() ?? null,
});

/** The same notice on one line. */
export const describeServiceNotice = (n: ServiceNotice) =>
  `${n.id}  ${n.kind === 'service_end' ? 'end of the service' : `end of support for ${n.browser}`}  as of ${formatWhen(n.effectiveAt, 'en')}`;

/** JSON shape of an OIDC client in CLI output: everything but the secret's hash; keys counted. */
export function describeOidcClient(c: OidcClientRecord, participantName: string) {
  return {
    clientId: c.clientId,
    participant: participantName,
    participantId: c.participantId,
    redirectUris: c.redirectUris,
    postLogoutRedirectUris: c.postLogoutRedirectUris,
    backchannelLogoutUri: c.backchannelLogoutUri,
    tokenEndpointAuthMethod: c.tokenEndpointAuthMethod,
    keys: c.jwks?.keys.length ?? 0,
    refreshTokensAllowed: c.refreshTokensAllowed,
    createdAt: c.createdAt.toISOString(),
  };
}

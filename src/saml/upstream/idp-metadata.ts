import { ValidationError } from '../../domain/errors';
import type { UpstreamIdpMetadata } from '../../domain/federation/upstream';
import { asInvalidMetadata, readEntityDescriptor } from '../metadata/entity-descriptor';
import { checkEndpointUrl } from '../../domain/federation/endpoint-url';
import { readCertificate, readSloEndpoints } from '../metadata/sp-metadata';
import { childrenNamed } from '../xml/dom';
import { BINDING, NS } from '../xml/namespaces';

export interface IdpMetadataOptions {
  /** PEM certificate the metadata must be signed with (the school gives it when its IdP signs metadata). */
  readonly trustCertificate?: string | null;
  readonly now?: Date;
  /** Accept http:// endpoints on a loopback host (never in production). */
  readonly httpOnLoopback?: boolean;
}

/**
 * Parses and checks a school IdP's metadata: one EntityDescriptor with an IDPSSODescriptor for SAML
 * 2.0, unexpired (validUntil), signed by the trust certificate when one is given (and then read from
 * the signed bytes only), an HTTP-Redirect SingleSignOnService on https, and at least one signing
 * certificate (RSA ≥ 2048). SingleLogoutService endpoints are optional (HTTP-Redirect and HTTP-POST are
 * kept, others ignored); without one the hub cannot log the person out at the school. Every problem is
 * a ValidationError for the operator.
 */
export function parseIdpMetadata(xml: string, opts: IdpMetadataOptions = {}): UpstreamIdpMetadata {
  return asInvalidMetadata(() => readIdpMetadata(xml, opts.now ?? new Date(), opts.trustCertificate ?? null, opts.httpOnLoopback === true));
}

function readIdpMetadata(xml: string, now: Date, trustCertificate: string | null, httpOnLoopback: boolean): UpstreamIdpMetadata {
  const { root, entityId, validUntil, signatureVerified } = readEntityDescriptor(
    xml,
    now,
    trustCertificate,
    "give the school IdP's own EntityDescriptor",
  );

  const idps = childrenNamed(root, NS.metadata, 'IDPSSODescriptor');
  if (idps.length !== 1) throw new ValidationError('metadata must contain exactly one IDPSSODescriptor');
  const descriptor = idps[0]!;
  if (!(descriptor.getAttribute('protocolSupportEnumeration') ?? '').split(/\s+/).includes(NS.protocol))
    throw new ValidationError('IDPSSODescriptor does not support the SAML 2.0 protocol');

  const signingCertificates: string[] = [];
  for (const kd of childrenNamed(descriptor, NS.metadata, 'KeyDescriptor')) {
    const use = kd.getAttribute('use');
    if (use && use !== 'signing' && use !== 'encryption') throw new ValidationError(`KeyDescriptor use='${use}' is not valid`);
    const cert = readCertificate(kd, 'KeyDescriptor');
    if (use !== 'encryption' && !signingCertificates.includes(cert)) signingCertificates.push(cert);
  }
  if (signingCertificates.length === 0) throw new ValidationError('metadata has no signing certificate for the IdP');

  const sso = childrenNamed(descriptor, NS.metadata, 'SingleSignOnService').find((e) => e.getAttribute('Binding') === BINDING.redirect);
  if (!sso) throw new ValidationError('metadata has no SingleSignOnService with the HTTP-Redirect binding');
  const ssoUrl = sso.getAttribute('Location') ?? '';
  checkEndpointUrl(ssoUrl, 'SingleSignOnService', httpOnLoopback);
  const sloEndpoints = readSloEndpoints(descriptor, httpOnLoopback).filter(
    (e) => e.binding === BINDING.redirect || e.binding === BINDING.post,
  );
  return { entityId, ssoUrl, sloEndpoints, signingCertificates, validUntil, signatureVerified, metadataXml: xml };
}

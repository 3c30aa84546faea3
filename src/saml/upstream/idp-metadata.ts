import crypto from 'node:crypto';
import { SamlRequestError, ValidationError } from '../../domain/errors';
import type { UpstreamIdpMetadata } from '../../domain/federation/upstream';
import { checkEndpointUrl, MAX_METADATA_BYTES, METADATA_MAX_DEPTH, readCertificate } from '../metadata/sp-metadata';
import { childrenNamed, is, optionalAttr } from '../xml/dom';
import { BINDING, NS } from '../xml/namespaces';
import { parseUntrustedXml } from '../xml/parse';
import { certificateBody, signaturesIn, toPem, verifyEnvelopedSignature } from '../xml/signature';

const LIMITS = { maxDepth: METADATA_MAX_DEPTH };

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
 * certificate (RSA ≥ 2048). Every problem is a ValidationError for the operator.
 */
export function parseIdpMetadata(xml: string, opts: IdpMetadataOptions = {}): UpstreamIdpMetadata {
  try {
    return readIdpMetadata(xml, opts.now ?? new Date(), opts.trustCertificate ?? null, opts.httpOnLoopback === true);
  } catch (e) {
    if (e instanceof SamlRequestError) throw new ValidationError(e.publicMessage, e.detail);
    throw e;
  }
}

function readIdpMetadata(xml: string, now: Date, trustCertificate: string | null, httpOnLoopback: boolean): UpstreamIdpMetadata {
  if (Buffer.byteLength(xml, 'utf8') > MAX_METADATA_BYTES) throw new ValidationError('metadata is larger than 512 KiB');
  const doc = parseUntrustedXml(xml, 'metadata', LIMITS);
  let root = doc.documentElement;
  if (is(root, NS.metadata, 'EntitiesDescriptor'))
    throw new ValidationError("metadata holds an EntitiesDescriptor; give the school IdP's own EntityDescriptor");
  if (!is(root, NS.metadata, 'EntityDescriptor'))
    throw new ValidationError(`metadata root must be md:EntityDescriptor, found ${(root as Element).localName}`);

  let signatureVerified = false;
  if (trustCertificate) {
    const trusted = certificateBody(trustCertificate);
    try {
      new crypto.X509Certificate(toPem(trusted));
    } catch {
      throw new ValidationError('the trust certificate is not a valid X.509 certificate (PEM)');
    }
    if (signaturesIn(doc).length === 0) throw new ValidationError('metadata is not signed, but a trust certificate was given');
    root = verifyEnvelopedSignature(xml, doc, [trusted], 'metadata', LIMITS).documentElement;
    signatureVerified = true;
  }

  const entityId = root.getAttribute('entityID') ?? '';
  if (!entityId || entityId.length > 1024 || /\s/.test(entityId))
    throw new ValidationError('metadata: entityID is missing or not a valid URI');
  const validUntilText = optionalAttr(root, 'validUntil');
  const validUntil = validUntilText ? new Date(validUntilText) : null;
  if (validUntil && Number.isNaN(validUntil.getTime())) throw new ValidationError('metadata: validUntil is not a valid date');
  if (validUntil && validUntil <= now) throw new ValidationError(`metadata expired at ${validUntil.toISOString()} (validUntil)`);

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
  return { entityId, ssoUrl, signingCertificates, validUntil, signatureVerified, metadataXml: xml };
}

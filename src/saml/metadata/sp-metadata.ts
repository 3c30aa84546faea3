import crypto from 'node:crypto';
import { ValidationError } from '../../domain/errors';
import { checkEndpointUrl } from '../../domain/federation/endpoint-url';
import type { IndexedEndpoint, RequestedAttribute, SamlEndpoint, ServiceProviderRegistration } from '../../domain/model';
import { childrenNamed, descendants, optionalAttr, strictText } from '../xml/dom';
import { BINDING, NAMEID_FORMAT, NS } from '../xml/namespaces';
import { asInvalidMetadata, readEntityDescriptor } from './entity-descriptor';
import { certificateBody, toPem } from '../xml/signature';

/** What the hub takes from an SP's metadata. */
export interface ParsedSpMetadata {
  readonly entityId: string;
  readonly validUntil: Date | null;
  readonly signingCertificates: string[];
  readonly encryptionCertificates: string[];
  readonly acsEndpoints: IndexedEndpoint[];
  readonly sloEndpoints: SamlEndpoint[];
  readonly requestedAttributes: RequestedAttribute[];
  readonly wantAssertionsSigned: boolean;
  readonly authnRequestsSigned: boolean;
  readonly nameIdFormats: string[];
  readonly signatureVerified: boolean;
}

export { MAX_METADATA_BYTES, METADATA_MAX_DEPTH } from './entity-descriptor';

export function readCertificate(keyDescriptor: Element, what: string): string {
  const certs = descendants(keyDescriptor, NS.dsig, 'X509Certificate');
  if (certs.length !== 1) throw new ValidationError(`${what}: each KeyDescriptor needs exactly one X509Certificate`);
  const body = strictText(certs[0]!, `${what}/X509Certificate`).replace(/\s+/g, '');
  try {
    const x509 = new crypto.X509Certificate(toPem(body));
    const key = x509.publicKey;
    if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
      throw new ValidationError(`${what}: certificates need an RSA key of at least 2048 bits`);
    }
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    throw new ValidationError(`${what}: X509Certificate is not a valid certificate`);
  }
  return certificateBody(body);
}

/** The SingleLogoutService endpoints of an SP's or IdP's descriptor, each checked like every endpoint. */
export function readSloEndpoints(descriptor: Element, httpOnLoopback: boolean): SamlEndpoint[] {
  return childrenNamed(descriptor, NS.metadata, 'SingleLogoutService').map((el) => {
    const location = el.getAttribute('Location') ?? '';
    checkEndpointUrl(location, 'SingleLogoutService', httpOnLoopback);
    const responseLocation = optionalAttr(el, 'ResponseLocation') ?? undefined;
    if (responseLocation) checkEndpointUrl(responseLocation, 'SingleLogoutService ResponseLocation', httpOnLoopback);
    return { binding: el.getAttribute('Binding') ?? '', location, ...(responseLocation ? { responseLocation } : {}) };
  });
}

const bool = (el: Element, name: string, dflt: boolean) => (el.hasAttribute(name) ? ['true', '1'].includes(el.getAttribute(name)!) : dflt);

/**
 * Parses and checks SP metadata: one EntityDescriptor with an SPSSODescriptor for SAML 2.0, unexpired,
 * signed by `trustCertificate` when one is given, at least one ACS endpoint, well-formed certificates.
 */
export interface SpMetadataOptions {
  readonly trustCertificate?: string;
  readonly now?: Date;
  /** Accept http:// endpoints on a loopback host (never in production; default: https only). */
  readonly httpOnLoopback?: boolean;
}

export function parseSpMetadata(xml: string, opts: SpMetadataOptions = {}): ParsedSpMetadata {
  return asInvalidMetadata(() => readSpMetadata(xml, opts.now ?? new Date(), opts.trustCertificate, opts.httpOnLoopback === true));
}

function readSpMetadata(xml: string, now: Date, trustCertificate: string | undefined, httpOnLoopback: boolean): ParsedSpMetadata {
  const { root, entityId, validUntil, signatureVerified } = readEntityDescriptor(
    xml,
    now,
    trustCertificate,
    'register one SP (EntityDescriptor) at a time',
  );

  const sp = childrenNamed(root, NS.metadata, 'SPSSODescriptor');
  if (sp.length !== 1) throw new ValidationError('metadata must contain exactly one SPSSODescriptor');
  const descriptor = sp[0]!;
  if (!(descriptor.getAttribute('protocolSupportEnumeration') ?? '').split(/\s+/).includes(NS.protocol)) {
    throw new ValidationError('SPSSODescriptor does not support the SAML 2.0 protocol');
  }

  const signingCertificates: string[] = [];
  const encryptionCertificates: string[] = [];
  for (const kd of childrenNamed(descriptor, NS.metadata, 'KeyDescriptor')) {
    const use = kd.getAttribute('use');
    const cert = readCertificate(kd, 'KeyDescriptor');
    if (use === 'signing' || !use) signingCertificates.push(cert);
    if (use === 'encryption' || !use) encryptionCertificates.push(cert);
    if (use && use !== 'signing' && use !== 'encryption') throw new ValidationError(`KeyDescriptor use='${use}' is not valid`);
  }

  const acsEndpoints: IndexedEndpoint[] = childrenNamed(descriptor, NS.metadata, 'AssertionConsumerService').map((el, i) => {
    const binding = el.getAttribute('Binding') ?? '';
    const location = el.getAttribute('Location') ?? '';
    checkEndpointUrl(location, 'AssertionConsumerService', httpOnLoopback);
    const indexText = optionalAttr(el, 'index');
    if (indexText !== null && !/^\d{1,5}$/.test(indexText)) throw new ValidationError('AssertionConsumerService index must be a number');
    return { binding, location, index: indexText === null ? i : Number(indexText), isDefault: bool(el, 'isDefault', false) };
  });
  if (!acsEndpoints.some((e) => e.binding === BINDING.post))
    throw new ValidationError('metadata has no AssertionConsumerService with the HTTP-POST binding');
  if (new Set(acsEndpoints.map((e) => e.index)).size !== acsEndpoints.length)
    throw new ValidationError('AssertionConsumerService indexes must be unique');

  const sloEndpoints = readSloEndpoints(descriptor, httpOnLoopback);

  const requestedAttributes: RequestedAttribute[] = [];
  for (const acs of childrenNamed(descriptor, NS.metadata, 'AttributeConsumingService')) {
    for (const ra of childrenNamed(acs, NS.metadata, 'RequestedAttribute')) {
      const name = ra.getAttribute('Name');
      if (!name) throw new ValidationError('RequestedAttribute without Name');
      if (!requestedAttributes.some((r) => r.name === name)) {
        requestedAttributes.push({
          name,
          ...(ra.getAttribute('FriendlyName') ? { friendlyName: ra.getAttribute('FriendlyName')! } : {}),
          isRequired: bool(ra, 'isRequired', false),
        });
      }
    }
  }

  const nameIdFormats = childrenNamed(descriptor, NS.metadata, 'NameIDFormat').map((el) => strictText(el, 'NameIDFormat').trim());
  return {
    entityId,
    validUntil,
    signingCertificates,
    encryptionCertificates,
    acsEndpoints,
    sloEndpoints,
    requestedAttributes,
    wantAssertionsSigned: bool(descriptor, 'WantAssertionsSigned', true),
    authnRequestsSigned: bool(descriptor, 'AuthnRequestsSigned', false),
    nameIdFormats: nameIdFormats.length ? nameIdFormats : [NAMEID_FORMAT.persistent],
    signatureVerified,
  };
}

export interface OperatorSpSettings {
  /** Attribute names the SP may receive instead of its RequestedAttributes; null: use the metadata's. */
  readonly attributeAllowList?: readonly string[] | null;
  readonly signResponse?: boolean;
  readonly encryptAssertion?: boolean;
  readonly allowUnsolicited?: boolean;
}

/** What the hub stores for an SP: its checked metadata plus the operator's settings. */
export function registrationFromMetadata(
  metadataXml: string,
  parsed: ParsedSpMetadata,
  settings: OperatorSpSettings = {},
): Omit<ServiceProviderRegistration, 'participantId'> {
  const transientOnly = parsed.nameIdFormats.includes(NAMEID_FORMAT.transient) && !parsed.nameIdFormats.includes(NAMEID_FORMAT.persistent);
  return {
    entityId: parsed.entityId,
    metadataXml,
    metadataValidUntil: parsed.validUntil,
    signingCertificates: parsed.signingCertificates,
    encryptionCertificates: parsed.encryptionCertificates,
    acsEndpoints: parsed.acsEndpoints,
    sloEndpoints: parsed.sloEndpoints,
    requestedAttributes: parsed.requestedAttributes,
    attributeAllowList: settings.attributeAllowList ?? null,
    wantAssertionsSigned: parsed.wantAssertionsSigned,
    authnRequestsSigned: parsed.authnRequestsSigned,
    signResponse: settings.signResponse ?? true,
    encryptAssertion: settings.encryptAssertion ?? false,
    allowUnsolicited: settings.allowUnsolicited ?? false,
    nameIdFormat: transientOnly ? NAMEID_FORMAT.transient : NAMEID_FORMAT.persistent,
  };
}

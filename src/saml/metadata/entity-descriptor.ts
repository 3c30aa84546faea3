import crypto from 'node:crypto';
import { SamlRequestError, ValidationError } from '../../domain/errors';
import { is, optionalAttr } from '../xml/dom';
import { NS } from '../xml/namespaces';
import { parseUntrustedXml } from '../xml/parse';
import { certificateBody, signaturesIn, toPem, verifyEnvelopedSignature } from '../xml/signature';

export const MAX_METADATA_BYTES = 512 * 1024;
/** Real metadata nests about ten levels (with mdui or signed: up to ~15); extensions get some room. */
export const METADATA_MAX_DEPTH = 128;
const LIMITS = { maxDepth: METADATA_MAX_DEPTH };

/** One EntityDescriptor that passed the checks every metadata document gets, a publisher's or a school IdP's. */
export interface CheckedEntityDescriptor {
  /** The root to read from: the signed bytes' root when a signature was verified. */
  readonly root: Element;
  readonly entityId: string;
  readonly validUntil: Date | null;
  readonly signatureVerified: boolean;
}

/**
 * The checks every metadata document gets before anything in it is read: size and nesting, exactly one
 * EntityDescriptor (`aggregateHint` tells the operator what to give instead of an aggregate), the
 * signature by the trust certificate when one is given (and then only the signed bytes are read), an
 * entityID, and a validUntil that has not passed at `now`. Every problem is a ValidationError.
 */
export function readEntityDescriptor(
  xml: string,
  now: Date,
  trustCertificate: string | null | undefined,
  aggregateHint: string,
): CheckedEntityDescriptor {
  if (Buffer.byteLength(xml, 'utf8') > MAX_METADATA_BYTES) throw new ValidationError('metadata is larger than 512 KiB');
  const doc = parseUntrustedXml(xml, 'metadata', LIMITS);
  let root = doc.documentElement;
  if (is(root, NS.metadata, 'EntitiesDescriptor')) throw new ValidationError(`metadata holds an EntitiesDescriptor; ${aggregateHint}`);
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
  return { root, entityId, validUntil, signatureVerified };
}

/** Runs a metadata reader: the XML layer speaks SAML-request errors; for an operator registering metadata it is invalid input. */
export function asInvalidMetadata<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof SamlRequestError) throw new ValidationError(e.publicMessage, e.detail);
    throw e;
  }
}

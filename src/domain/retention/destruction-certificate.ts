import type { HubSigner } from '../audit/ports';

/**
 * The destruction certificate (DPA art. 12: "confirm destruction"): what the hub destroyed of one school,
 * when and why, signed with the hub's key.
 *
 * Format: JSON with a JWS (RFC 7515), not XML with XML-DSig. The school only has to keep and show a file:
 * a JWS signs exact bytes (the canonical JSON of `certificate`), so there is no canonicalisation step and no
 * signature-wrapping class of bugs; any JOSE library, with the hub certificate from the IdP metadata,
 * verifies it. The readable `certificate` beside the `jws` must say exactly what the JWS signed —
 * `leerpoort retention verify-certificate` checks both.
 */
export interface DestructionCertificate {
  readonly type: 'leerpoort-destruction-certificate';
  readonly version: 1;
  readonly id: string;
  /** The hub that destroyed the data (its SAML entity ID). */
  readonly issuer: string;
  readonly school: { readonly id: string; readonly brin: string; readonly name: string };
  readonly reason: 'notice-ended' | 'written-request';
  readonly terminationRequestedAt: string | null;
  readonly destructionDueAt: string | null;
  /** The school's written request (destruction at once), when that was the reason. */
  readonly writtenRequest: { readonly reference: string; readonly receivedAt: string } | null;
  readonly destroyedAt: string;
  /** Rows destroyed per table. */
  readonly tables: Readonly<Record<string, number>>;
  readonly totalRows: number;
  /** What the hub keeps, and why. */
  readonly kept: string;
}

export interface CertificateDocument {
  readonly certificate: DestructionCertificate;
  readonly jws: string;
}

/** JSON with object keys sorted at every level: the exact text that is signed. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export async function signCertificate(certificate: DestructionCertificate, signer: HubSigner): Promise<string> {
  const document: CertificateDocument = { certificate, jws: await signer.sign(canonicalJson(certificate)) };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export type CertificateCheck =
  | { readonly ok: true; readonly certificate: DestructionCertificate }
  | { readonly ok: false; readonly reason: 'malformed' | 'tampered' | 'unknown-key'; readonly message: string };

export async function verifyCertificate(text: string, signer: HubSigner): Promise<CertificateCheck> {
  let doc: Partial<CertificateDocument>;
  try {
    doc = JSON.parse(text) as Partial<CertificateDocument>;
  } catch {
    return { ok: false, reason: 'malformed', message: 'not a destruction certificate: the file is not JSON' };
  }
  if (!doc || typeof doc !== 'object' || typeof doc.jws !== 'string' || typeof doc.certificate !== 'object' || doc.certificate === null)
    return { ok: false, reason: 'malformed', message: 'not a destruction certificate: expected {"certificate": …, "jws": …}' };
  const check = await signer.verify(doc.jws);
  if (!check.ok) {
    if (check.reason === 'unknown-key')
      return { ok: false, reason: 'unknown-key', message: `the certificate was not signed by this hub's key: ${check.detail}` };
    return { ok: false, reason: 'tampered', message: `the certificate's signature is not valid: ${check.detail}` };
  }
  if (canonicalJson(doc.certificate) !== check.payload)
    return { ok: false, reason: 'tampered', message: 'the certificate was changed: its readable part differs from what the hub signed' };
  const signed = JSON.parse(check.payload) as DestructionCertificate;
  if (signed.type !== 'leerpoort-destruction-certificate')
    return { ok: false, reason: 'malformed', message: 'this hub signature is not on a destruction certificate' };
  return { ok: true, certificate: signed };
}

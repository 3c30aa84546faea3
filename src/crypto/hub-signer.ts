import { createHash, createPublicKey, X509Certificate } from 'node:crypto';
import { CompactSign, compactVerify, decodeProtectedHeader, importPKCS8 } from 'jose';
import type { HubSigner, SignatureCheck } from '../domain/audit/ports';
import type { SigningKeys } from './secrets';

/**
 * The hub's signature on its own statements (destruction certificates, the audit chain's head and
 * checkpoints): a JWS (RFC 7515, RS256) made with `jose` by the hub's SAML signing key — the key whose
 * certificate every school and publisher already finds in the IdP metadata. The header names the key by
 * its certificate's SHA-256 thumbprint (`x5t#S256`), so a verifier tells "changed" (a hub key, signature
 * does not match) from "signed by another key" (no hub key has that thumbprint).
 *
 * Verification accepts every signing key the hub still publishes (active, staged next, previous during a
 * rollover). A statement signed by a key retired since then reads as "another key": keep the retired
 * certificate to check such documents by hand.
 */
export const thumbprint = (certificatePem: string) =>
  createHash('sha256').update(new X509Certificate(certificatePem).raw).digest('base64url');

export class JoseHubSigner implements HubSigner {
  private readonly trusted: Map<string, string>;
  private signingKey: Promise<CryptoKey> | null = null;

  constructor(private readonly keys: SigningKeys) {
    this.trusted = new Map(
      [keys.active, keys.next, keys.previous].filter((k) => k !== null).map((k) => [thumbprint(k.certificatePem), k.certificatePem]),
    );
  }

  async sign(payload: string): Promise<string> {
    this.signingKey ??= importPKCS8(this.keys.active.privateKeyPem, 'RS256');
    return new CompactSign(new TextEncoder().encode(payload))
      .setProtectedHeader({ alg: 'RS256', 'x5t#S256': thumbprint(this.keys.active.certificatePem) })
      .sign(await this.signingKey);
  }

  async verify(jws: string): Promise<SignatureCheck> {
    let header: { alg?: string; 'x5t#S256'?: unknown };
    try {
      header = decodeProtectedHeader(jws.trim());
    } catch (e) {
      return { ok: false, reason: 'malformed', detail: `not a JWS: ${(e as Error).message}` };
    }
    if (header.alg !== 'RS256') return { ok: false, reason: 'malformed', detail: `unexpected algorithm ${String(header.alg)}` };
    const kid = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : '';
    const certificate = this.trusted.get(kid);
    if (!certificate)
      return { ok: false, reason: 'unknown-key', detail: `signed by a key the hub does not publish (x5t#S256 ${kid || 'absent'})` };
    try {
      const { payload } = await compactVerify(jws.trim(), createPublicKey(certificate), { algorithms: ['RS256'] });
      return { ok: true, payload: new TextDecoder().decode(payload), signer: kid };
    } catch (e) {
      return { ok: false, reason: 'tampered', detail: `the signature does not match the content (${(e as Error).message})` };
    }
  }
}

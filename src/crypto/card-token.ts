import crypto from 'node:crypto';
import type { CardTokenSigner } from '../domain/identity/ports';
import { isUuid } from '../domain/ids';

/**
 * Login-card tokens: `LP1.<card id>.<HMAC-SHA256 tag, 128 bits>`, under a key derived (HKDF) from the
 * session secret, so card tokens and session cookies never share a key. Revocation and expiry live in
 * the database row; the tag only proves the hub printed the card.
 */
export class HmacCardTokenSigner implements CardTokenSigner {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(crypto.hkdfSync('sha256', secret, Buffer.alloc(0), 'leerpoort login card v1', 32));
  }

  private tag(cardId: string): string {
    return crypto.createHmac('sha256', this.key).update(`LP1.${cardId}`).digest().subarray(0, 16).toString('base64url');
  }

  sign(cardId: string): string {
    return `LP1.${cardId}.${this.tag(cardId)}`;
  }

  verify(token: string): string | null {
    const parts = token.trim().split('.');
    if (parts.length !== 3 || parts[0] !== 'LP1' || !isUuid(parts[1]!) || !/^[A-Za-z0-9_-]{22}$/.test(parts[2]!)) return null;
    const expected = Buffer.from(this.tag(parts[1]!));
    const given = Buffer.from(parts[2]!);
    return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? parts[1]! : null;
  }
}

import crypto from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/**
 * Access tokens for the roster API: short-lived JWTs (HS256) under the API's own key — derived for this
 * purpose only, never the SAML signing key — so a token can neither be made from nor stand in for
 * anything signed for SAML. Only the hub verifies them; to clients they are opaque. jose does the JOSE
 * work; only HS256 with this key is accepted.
 */
export const TOKEN_LIFETIME_SECONDS = 300;

export interface TokenClaims {
  readonly clientId: string;
  readonly participantId: string;
}

/** The API token key: HKDF of the session secret under its own label (as login cards do), 256 bits. */
export function deriveApiTokenKey(sessionSecret: string): Uint8Array {
  return new Uint8Array(crypto.hkdfSync('sha256', sessionSecret, Buffer.alloc(0), 'leerpoort roster api token v1', 32));
}

export class TokenService {
  constructor(
    private readonly key: Uint8Array,
    private readonly issuer: string,
    private readonly audience: string,
  ) {}

  async issue(claims: TokenClaims): Promise<string> {
    return new SignJWT({ pid: claims.participantId })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setSubject(claims.clientId)
      .setIssuedAt()
      .setJti(crypto.randomUUID())
      .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
      .sign(this.key);
  }

  /** The token's claims, or null for anything not issued by this hub, expired, or otherwise invalid. */
  async verify(token: string): Promise<TokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.issuer,
        audience: this.audience,
        typ: 'at+jwt',
        clockTolerance: 30,
      });
      if (typeof payload.sub !== 'string' || typeof payload.pid !== 'string') return null;
      return { clientId: payload.sub, participantId: payload.pid };
    } catch {
      return null;
    }
  }
}

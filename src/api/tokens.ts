import crypto from 'node:crypto';
import { errors, importPKCS8, importSPKI, jwtVerify, SignJWT } from 'jose';
import type { KeyPair, SigningKeys } from '../crypto/secrets';

/**
 * Access tokens for the roster API: short-lived JWTs (RS256) signed with the hub's active signing key,
 * verified against every published key (so a key rollover does not cut clients off). jose does the
 * JOSE work; only RS256 is accepted.
 */
export const TOKEN_LIFETIME_SECONDS = 300;

export interface TokenClaims {
  readonly clientId: string;
  readonly participantId: string;
}

const kid = (pair: KeyPair) => crypto.createHash('sha256').update(new crypto.X509Certificate(pair.certificatePem).raw).digest('base64url').slice(0, 16);

export class TokenService {
  private readonly signingKey: Promise<CryptoKey>;
  private readonly verifyKeys: Map<string, Promise<CryptoKey>>;

  constructor(
    private readonly keys: SigningKeys,
    private readonly issuer: string,
    private readonly audience: string,
  ) {
    this.signingKey = importPKCS8(crypto.createPrivateKey(keys.active.privateKeyPem).export({ type: 'pkcs8', format: 'pem' }).toString(), 'RS256');
    this.verifyKeys = new Map(
      [keys.active, keys.next, keys.previous]
        .filter((k): k is KeyPair => k !== null)
        .map((k) => [kid(k), importSPKI(new crypto.X509Certificate(k.certificatePem).publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'RS256')]),
    );
  }

  async issue(claims: TokenClaims): Promise<string> {
    return new SignJWT({ pid: claims.participantId })
      .setProtectedHeader({ alg: 'RS256', kid: kid(this.keys.active), typ: 'at+jwt' })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setSubject(claims.clientId)
      .setIssuedAt()
      .setJti(crypto.randomUUID())
      .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
      .sign(await this.signingKey);
  }

  /** The token's claims, or null for anything not issued by this hub, expired, or otherwise invalid. */
  async verify(token: string): Promise<TokenClaims | null> {
    try {
      const { payload } = await jwtVerify(
        token,
        async (header) => {
          const key = header.kid ? this.verifyKeys.get(header.kid) : undefined;
          if (!key) throw new errors.JWKSNoMatchingKey();
          return key;
        },
        { algorithms: ['RS256'], issuer: this.issuer, audience: this.audience, typ: 'at+jwt', clockTolerance: 30 },
      );
      if (typeof payload.sub !== 'string' || typeof payload.pid !== 'string') return null;
      return { clientId: payload.sub, participantId: payload.pid };
    } catch {
      return null;
    }
  }
}

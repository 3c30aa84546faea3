"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TokenService = exports.TOKEN_LIFETIME_SECONDS = void 0;
exports.deriveApiTokenKey = deriveApiTokenKey;
const node_crypto_1 = __importDefault(require("node:crypto"));
const jose_1 = require("jose");
/**
 * Access tokens for the roster API: short-lived JWTs (HS256) under the API's own key — derived for this
 * purpose only, never the SAML signing key — so a token can neither be made from nor stand in for
 * anything signed for SAML. Only the hub verifies them; to clients they are opaque. jose does the JOSE
 * work; only HS256 with this key is accepted.
 */
exports.TOKEN_LIFETIME_SECONDS = 300;
/** The API token key: HKDF of the session secret under its own label (as login cards do), 256 bits. */
function deriveApiTokenKey(sessionSecret) {
    return new Uint8Array(node_crypto_1.default.hkdfSync('sha256', sessionSecret, Buffer.alloc(0), 'leerpoort roster api token v1', 32));
}
class TokenService {
    key;
    issuer;
    audience;
    constructor(key, issuer, audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }
    async issue(claims) {
        return new jose_1.SignJWT({ pid: claims.participantId })
            .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
            .setIssuer(this.issuer)
            .setAudience(this.audience)
            .setSubject(claims.clientId)
            .setIssuedAt()
            .setJti(node_crypto_1.default.randomUUID())
            .setExpirationTime(`${exports.TOKEN_LIFETIME_SECONDS}s`)
            .sign(this.key);
    }
    /** The token's claims, or null for anything not issued by this hub, expired, or otherwise invalid. */
    async verify(token) {
        try {
            const { payload } = await (0, jose_1.jwtVerify)(token, this.key, {
                algorithms: ['HS256'],
                issuer: this.issuer,
                audience: this.audience,
                typ: 'at+jwt',
                clockTolerance: 30,
            });
            if (typeof payload.sub !== 'string' || typeof payload.pid !== 'string')
                return null;
            return { clientId: payload.sub, participantId: payload.pid };
        }
        catch {
            return null;
        }
    }
}
exports.TokenService = TokenService;
//# sourceMappingURL=tokens.js.map
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.HmacCardTokenSigner = void 0;
const node_crypto_1 = __importDefault(require("node:crypto"));
const ids_1 = require("../domain/ids");
/**
 * Login-card tokens: `LP1.<card id>.<HMAC-SHA256 tag, 128 bits>`, under a key derived (HKDF) from the
 * session secret, so card tokens and session cookies never share a key. Revocation and expiry live in
 * the database row; the tag only proves the hub printed the card.
 */
class HmacCardTokenSigner {
    key;
    constructor(secret) {
        this.key = Buffer.from(node_crypto_1.default.hkdfSync('sha256', secret, Buffer.alloc(0), 'leerpoort login card v1', 32));
    }
    tag(cardId) {
        return node_crypto_1.default.createHmac('sha256', this.key).update(`LP1.${cardId}`).digest().subarray(0, 16).toString('base64url');
    }
    sign(cardId) {
        return `LP1.${cardId}.${this.tag(cardId)}`;
    }
    verify(token) {
        const parts = token.trim().split('.');
        if (parts.length !== 3 || parts[0] !== 'LP1' || !(0, ids_1.isUuid)(parts[1]) || !/^[A-Za-z0-9_-]{22}$/.test(parts[2]))
            return null;
        const expected = Buffer.from(this.tag(parts[1]));
        const given = Buffer.from(parts[2]);
        return expected.length === given.length && node_crypto_1.default.timingSafeEqual(expected, given) ? parts[1] : null;
    }
}
exports.HmacCardTokenSigner = HmacCardTokenSigner;
//# sourceMappingURL=card-token.js.map
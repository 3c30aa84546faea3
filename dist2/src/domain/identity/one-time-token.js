"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.hashOneTimeToken = exports.newOneTimeToken = void 0;
const node_crypto_1 = __importDefault(require("node:crypto"));
/**
 * One-time links (staff password reset, parent password): 32 random bytes in the link, only their
 * SHA-256 in the database — a copy of the table cannot be turned into working links.
 */
const newOneTimeToken = () => node_crypto_1.default.randomBytes(32).toString('base64url');
exports.newOneTimeToken = newOneTimeToken;
const hashOneTimeToken = (token) => node_crypto_1.default.createHash('sha256').update(token).digest('base64url');
exports.hashOneTimeToken = hashOneTimeToken;
//# sourceMappingURL=one-time-token.js.map
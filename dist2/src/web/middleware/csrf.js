"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.csrfToken = csrfToken;
exports.requireCsrf = requireCsrf;
const node_crypto_1 = __importDefault(require("node:crypto"));
const errors_1 = require("../../domain/errors");
/** Synchronizer-token CSRF protection: one random token per session, checked on every form POST. */
function csrfToken(req) {
    req.session.csrf ??= node_crypto_1.default.randomBytes(32).toString('base64url');
    return req.session.csrf;
}
function requireCsrf(req, _res, next) {
    const expected = req.session?.csrf;
    const given = typeof req.body?._csrf === 'string' ? req.body._csrf : '';
    const ok = !!expected && given.length === expected.length && node_crypto_1.default.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    next(ok
        ? undefined
        : new errors_1.ForbiddenError('Het formulier is verlopen of ongeldig; probeer het opnieuw. / The form expired or is invalid; please try again.'));
}
//# sourceMappingURL=csrf.js.map
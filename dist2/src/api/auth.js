"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.callerOf = exports.RATE_LIMIT_PER_MINUTE = void 0;
exports.tokenRoutes = tokenRoutes;
exports.authenticate = authenticate;
const express_1 = __importStar(require("express"));
const errors_1 = require("../domain/errors");
const concurrency_gate_1 = require("./concurrency-gate");
const tokens_1 = require("./tokens");
exports.RATE_LIMIT_PER_MINUTE = 600;
const callerOf = (res) => res.locals.caller;
exports.callerOf = callerOf;
/** Client id and secret from the form or from HTTP Basic (RFC 6749 §2.3.1). */
function clientCredentials(req) {
    const basic = /^Basic (.+)$/i.exec(req.get('authorization') ?? '');
    if (basic) {
        const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
        return { clientId: decodeURIComponent(id ?? ''), clientSecret: decodeURIComponent(secret ?? '') };
    }
    return {
        clientId: typeof req.body?.client_id === 'string' ? req.body.client_id : '',
        clientSecret: typeof req.body?.client_secret === 'string' ? req.body.client_secret : '',
    };
}
/** `POST /oauth/token` (client credentials). Its answers are OAuth-shaped (`error`, `error_description`). */
function tokenRoutes(deps) {
    const router = (0, express_1.Router)();
    // At most two verifications at once per process (a short queue behind them): a flood from many
    // addresses is turned away at once and leaves hashing threads for real logins.
    const hashingGate = new concurrency_gate_1.ConcurrencyGate(2, 4);
    router.post('/oauth/token', express_1.default.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
        res.setHeader('Cache-Control', 'no-store');
        if (req.body?.grant_type !== 'client_credentials')
            return res.status(400).json({ error: 'unsupported_grant_type', error_description: 'only grant_type=client_credentials' });
        const { clientId, clientSecret } = clientCredentials(req);
        const gated = await hashingGate.run(() => deps.clients.authenticate(clientId, clientSecret, req.ip));
        const result = gated?.value ?? { ok: false, reason: 'throttled', retryAfterSeconds: 1 };
        if (!result.ok) {
            await deps.repos.audit.record({
                actor: { type: 'anonymous', id: 'api', ip: req.ip ?? null },
                action: 'api.token',
                outcome: 'failure',
                details: { reason: gated ? result.reason : 'busy' },
            });
            if (result.reason === 'throttled') {
                res.setHeader('Retry-After', String(result.retryAfterSeconds));
                return res
                    .status(429)
                    .json({ error: 'rate_limited', error_description: `too many attempts; retry after ${result.retryAfterSeconds} s` });
            }
            return res.status(401).json({ error: 'invalid_client', error_description: 'unknown client or wrong secret' });
        }
        const token = await deps.tokens.issue({ clientId: result.client.clientId, participantId: result.client.participantId });
        await deps.repos.apiClients.touch(result.client.clientId, new Date());
        res.json({ access_token: token, token_type: 'Bearer', expires_in: tokens_1.TOKEN_LIFETIME_SECONDS });
    });
    return router;
}
/** Bearer token → the calling participant; then the per-client rate limit (counted in the database). */
function authenticate(deps) {
    return async (req, res, next) => {
        const bearer = /^Bearer ([A-Za-z0-9._-]+)$/.exec(req.get('authorization') ?? '');
        const claims = bearer ? await deps.tokens.verify(bearer[1]) : null;
        if (!claims)
            throw new errors_1.UnauthenticatedError('a valid Bearer access token is required (POST /api/v1/oauth/token)');
        const client = await deps.repos.apiClients.find(claims.clientId);
        const participant = client && !client.revokedAt ? await deps.repos.participants.findById(client.participantId) : null;
        if (!client || !participant || participant.id !== claims.participantId)
            throw new errors_1.UnauthenticatedError('this client has been revoked');
        const now = Date.now();
        const windowStart = new Date(now - (now % 60_000));
        if ((await deps.repos.rateLimits.hit(client.clientId, windowStart)) > exports.RATE_LIMIT_PER_MINUTE) {
            const retryAfter = Math.ceil((windowStart.getTime() + 60_000 - now) / 1000);
            throw new errors_1.RateLimitedError(`rate limit of ${exports.RATE_LIMIT_PER_MINUTE} requests per minute exceeded; retry after ${retryAfter} s`, retryAfter);
        }
        res.locals.caller = { clientId: client.clientId, participant };
        next();
    };
}
//# sourceMappingURL=auth.js.map
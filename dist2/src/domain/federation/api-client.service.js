"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiClientService = void 0;
const node_crypto_1 = __importDefault(require("node:crypto"));
const login_service_1 = require("../identity/login.service");
const login_throttle_1 = require("../identity/login-throttle");
const participant_service_1 = require("../licensing/participant.service");
/** OAuth2 client credentials for participants: the secret is shown once and stored as an argon2id hash. */
class ApiClientService {
    uow;
    repos;
    hasher;
    throttle;
    constructor(uow, repos, hasher, throttle) {
        this.uow = uow;
        this.repos = repos;
        this.hasher = hasher;
        this.throttle = throttle;
    }
    async issue(participantName, actor) {
        const clientId = `lp_${node_crypto_1.default.randomBytes(12).toString('base64url')}`;
        const clientSecret = node_crypto_1.default.randomBytes(32).toString('base64url');
        const secretHash = await this.hasher.hash(clientSecret);
        await this.uow.run(async (repos) => {
            const participant = await (0, participant_service_1.findParticipantByName)(repos, participantName);
            const client = await repos.apiClients.insert({ clientId, secretHash, participantId: participant.id });
            await repos.audit.record({
                actor,
                action: 'api_client.issue',
                outcome: 'success',
                targetType: 'api_client',
                targetId: client.id,
                details: { participantId: participant.id, clientId },
            });
        });
        return { clientId, clientSecret };
    }
    /**
     * The client when id and secret match and it is not revoked. Counted per client id and per address
     * *before* the argon2id verification, so a flood of bogus credentials costs no hashing once over the
     * limit; unknown ids cost the same as known ones (DUMMY_HASH).
     */
    async authenticate(clientId, clientSecret, ip, now = new Date()) {
        const admission = await this.throttle.admit([this.throttle.guard('api-client', clientId, login_throttle_1.THROTTLE.perApiClient, 'clear'), await this.throttle.addressGuard('api', ip)], now);
        if (!admission.ok)
            return { ok: false, reason: 'throttled', retryAfterSeconds: admission.retryAfterSeconds };
        const client = clientId ? await this.repos.apiClients.findWithSecret(clientId) : null;
        const ok = await this.hasher.verify(client?.secretHash ?? login_service_1.DUMMY_HASH, clientSecret);
        if (!client || !ok || client.revokedAt)
            return { ok: false, reason: 'invalid' };
        await admission.attempt.succeeded();
        return {
            ok: true,
            client: { id: client.id, clientId: client.clientId, participantId: client.participantId, revokedAt: client.revokedAt },
        };
    }
}
exports.ApiClientService = ApiClientService;
//# sourceMappingURL=api-client.service.js.map
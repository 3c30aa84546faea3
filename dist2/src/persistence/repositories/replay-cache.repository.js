"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmReplayCacheRepository = void 0;
const typeorm_1 = require("typeorm");
const session_entity_1 = require("../entities/session.entity");
class TypeOrmReplayCacheRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async remember(issuer, messageId, expiresAt) {
        // ON CONFLICT DO NOTHING: atomic across processes, and no failed statement inside a caller's transaction.
        const rows = await this.em.query('INSERT INTO saml_message_ids (issuer, message_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (issuer, message_id) DO NOTHING RETURNING message_id', [issuer, messageId, expiresAt]);
        if (Math.random() < 0.01)
            await this.em.getRepository(session_entity_1.SamlMessageIdEntity).delete({ expiresAt: (0, typeorm_1.LessThan)(new Date()) });
        return rows.length === 1;
    }
}
exports.TypeOrmReplayCacheRepository = TypeOrmReplayCacheRepository;
//# sourceMappingURL=replay-cache.repository.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmPasswordResetRepository = void 0;
const sql_1 = require("./sql");
class TypeOrmPasswordResetRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async create(tokenHash, credentialId, expiresAt) {
        await this.em.query('INSERT INTO password_resets (token_hash, credential_id, expires_at) VALUES ($1, $2, $3)', [
            tokenHash,
            credentialId,
            expiresAt,
        ]);
    }
    async find(tokenHash, now) {
        const rows = await this.em.query('SELECT credential_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2', [tokenHash, now]);
        return rows[0]?.credential_id ?? null;
    }
    async consume(tokenHash, now) {
        // TypeORM answers an UPDATE with [rows, affected].
        const affected = await (0, sql_1.affectedRows)(this.em, 'UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2', [tokenHash, now]);
        return affected === 1;
    }
}
exports.TypeOrmPasswordResetRepository = TypeOrmPasswordResetRepository;
//# sourceMappingURL=password-reset.repository.js.map
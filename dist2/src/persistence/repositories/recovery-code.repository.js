"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmRecoveryCodeRepository = void 0;
const sql_1 = require("./sql");
class TypeOrmRecoveryCodeRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async replace(credentialId, codes) {
        await this.em.query('DELETE FROM recovery_codes WHERE credential_id = $1', [credentialId]);
        for (const c of codes)
            await this.em.query('INSERT INTO recovery_codes (credential_id, lookup, code_hash) VALUES ($1, $2, $3)', [
                credentialId,
                c.lookup,
                c.hash,
            ]);
    }
    async find(credentialId, lookup) {
        const rows = await this.em.query('SELECT code_hash FROM recovery_codes WHERE credential_id = $1 AND lookup = $2', [credentialId, lookup]);
        return rows[0]?.code_hash ?? null;
    }
    /** One DELETE: of two requests using the same code at once, exactly one removes the row. */
    async consume(credentialId, lookup) {
        const affected = await (0, sql_1.affectedRows)(this.em, 'DELETE FROM recovery_codes WHERE credential_id = $1 AND lookup = $2', [
            credentialId,
            lookup,
        ]);
        return affected === 1;
    }
    async count(credentialId) {
        const rows = await this.em.query('SELECT count(*)::int AS n FROM recovery_codes WHERE credential_id = $1', [
            credentialId,
        ]);
        return Number(rows[0].n);
    }
}
exports.TypeOrmRecoveryCodeRepository = TypeOrmRecoveryCodeRepository;
//# sourceMappingURL=recovery-code.repository.js.map
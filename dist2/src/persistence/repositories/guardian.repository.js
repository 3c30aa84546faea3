"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmGuardianRepository = void 0;
const field_encryption_1 = require("../field-encryption");
const person_repository_1 = require("./person.repository");
const sql_1 = require("./sql");
class TypeOrmGuardianRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    /** The same keyed hash the pupil's home-access address is indexed by. */
    emailKey(email) {
        return (0, field_encryption_1.blindIndex)((0, person_repository_1.normaliseEmail)(email), person_repository_1.INDEX.homeEmail);
    }
    async passwordHash(emailKey) {
        const rows = await this.em.query('SELECT password_hash FROM guardian_accounts WHERE email_hmac = $1', [emailKey]);
        return rows[0]?.password_hash ?? null;
    }
    async setPassword(emailKey, hash) {
        await this.em.query(`INSERT INTO guardian_accounts (email_hmac, password_hash) VALUES ($1, $2)
       ON CONFLICT (email_hmac) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()`, [emailKey, hash]);
    }
    async childrenOf(emailKey) {
        const rows = await this.em.query(`SELECT e.person_id FROM pupil_home_emails e JOIN people p ON p.id = e.person_id AND p.status = 'active' WHERE e.email_hmac = $1 ORDER BY e.person_id`, [emailKey]);
        return rows.map((r) => r.person_id);
    }
    async createLink(tokenHash, emailKey, expiresAt) {
        await this.em.query('INSERT INTO guardian_password_links (token_hash, email_hmac, expires_at) VALUES ($1, $2, $3)', [
            tokenHash,
            emailKey,
            expiresAt,
        ]);
    }
    async findLink(tokenHash, now) {
        const rows = await this.em.query('SELECT email_hmac FROM guardian_password_links WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2', [tokenHash, now]);
        return rows[0]?.email_hmac ?? null;
    }
    async consumeLink(tokenHash, now) {
        const affected = await (0, sql_1.affectedRows)(this.em, 'UPDATE guardian_password_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2', [tokenHash, now]);
        return affected === 1;
    }
}
exports.TypeOrmGuardianRepository = TypeOrmGuardianRepository;
//# sourceMappingURL=guardian.repository.js.map
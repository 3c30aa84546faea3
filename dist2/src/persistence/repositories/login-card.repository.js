"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmLoginCardRepository = void 0;
const sql_1 = require("./sql");
const toCard = (r) => ({
    id: r.id,
    personId: r.person_id,
    issuedAt: new Date(r.issued_at),
    expiresAt: new Date(r.expires_at),
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
});
class TypeOrmLoginCardRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async issue(personId, expiresAt) {
        const rows = await this.em.query('INSERT INTO login_cards (person_id, expires_at) VALUES ($1, $2) RETURNING *', [
            personId,
            expiresAt,
        ]);
        return toCard(rows[0]);
    }
    async find(id) {
        const rows = await this.em.query('SELECT * FROM login_cards WHERE id = $1', [id]);
        return rows[0] ? toCard(rows[0]) : null;
    }
    async revokeAllFor(personId, at) {
        const affected = await (0, sql_1.affectedRows)(this.em, 'UPDATE login_cards SET revoked_at = $2 WHERE person_id = $1 AND revoked_at IS NULL', [
            personId,
            at,
        ]);
        return affected;
    }
    async listFor(personId) {
        const rows = await this.em.query('SELECT * FROM login_cards WHERE person_id = $1 ORDER BY issued_at DESC, id', [personId]);
        return rows.map(toCard);
    }
}
exports.TypeOrmLoginCardRepository = TypeOrmLoginCardRepository;
//# sourceMappingURL=login-card.repository.js.map
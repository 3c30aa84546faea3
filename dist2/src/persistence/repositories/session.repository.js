"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmSessionRepository = exports.SESSION_TOMBSTONE = void 0;
const typeorm_1 = require("typeorm");
const session_entity_1 = require("../entities/session.entity");
const sql_1 = require("./sql");
/** Empties a session and keeps its id until expiry (see migration SessionTombstones). */
exports.SESSION_TOMBSTONE = "UPDATE sessions SET destroyed_at = now(), data = '{}'::jsonb, credential_id = NULL, user_agent = NULL, updated_at = now()";
class TypeOrmSessionRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    /** Every request reads its session: one plain statement (no query builder on the hot path). */
    async get(sid, now) {
        const rows = await this.em.query('SELECT data, expires_at FROM sessions WHERE sid = $1 AND destroyed_at IS NULL AND expires_at > $2', [sid, now]);
        const row = rows[0];
        return row ? { data: row.data, expiresAt: new Date(row.expires_at) } : null;
    }
    /** Inserts or updates — but never over a tombstone: a destroyed session stays destroyed. */
    async set(sid, data, expiresAt, credentialId) {
        await this.em.query(`INSERT INTO sessions (sid, data, expires_at, credential_id, updated_at) VALUES ($1, $2::jsonb, $3, $4, now())
       ON CONFLICT (sid) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at, credential_id = EXCLUDED.credential_id, updated_at = now()
       WHERE sessions.destroyed_at IS NULL`, [sid, JSON.stringify(data), expiresAt, credentialId]);
    }
    async destroy(sid) {
        await this.em.query(`${exports.SESSION_TOMBSTONE} WHERE sid = $1`, [sid]);
    }
    async destroyAllFor(credentialId) {
        const affected = await (0, sql_1.affectedRows)(this.em, `${exports.SESSION_TOMBSTONE} WHERE credential_id = $1 AND destroyed_at IS NULL`, [credentialId]);
        return affected;
    }
    async listFor(credentialId, now) {
        const rows = await this.em
            .getRepository(session_entity_1.SessionEntity)
            .find({ where: { credentialId, expiresAt: (0, typeorm_1.MoreThan)(now), destroyedAt: (0, typeorm_1.IsNull)() }, order: { createdAt: 'ASC' } });
        return rows.map((r) => ({ sid: r.sid, createdAt: r.createdAt, lastSeenAt: r.lastSeenAt, userAgent: r.userAgent }));
    }
    async noteActivity(sid, at, userAgent) {
        await this.em
            .getRepository(session_entity_1.SessionEntity)
            .update({ sid, destroyedAt: (0, typeorm_1.IsNull)() }, { lastSeenAt: at, userAgent: userAgent?.slice(0, 200) ?? null });
    }
    async purgeExpired(now) {
        return (await this.em.getRepository(session_entity_1.SessionEntity).delete({ expiresAt: (0, typeorm_1.LessThan)(now) })).affected ?? 0;
    }
}
exports.TypeOrmSessionRepository = TypeOrmSessionRepository;
//# sourceMappingURL=session.repository.js.map
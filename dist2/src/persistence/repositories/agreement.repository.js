"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmAgreementRepository = void 0;
const errors_1 = require("../../domain/errors");
const db_errors_1 = require("./db-errors");
const session_repository_1 = require("./session.repository");
const toVersion = (r) => ({
    id: r.id,
    version: r.version,
    body: r.body,
    publishedAt: new Date(r.published_at),
    effectiveFrom: new Date(r.effective_from),
    publishedBy: r.published_by,
});
class TypeOrmAgreementRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async publish(v) {
        const rows = await (0, db_errors_1.translateViolations)(this.em.query('INSERT INTO agreement_versions (version, body, effective_from, published_by) VALUES ($1, $2, $3, $4) RETURNING *', [
            v.version,
            v.body,
            v.effectiveFrom,
            v.publishedBy,
        ]), { agreement_versions_version_unique: () => new errors_1.ConflictError(`agreement version '${v.version}' already exists`) });
        return toVersion(rows[0]);
    }
    async list() {
        const rows = await this.em.query('SELECT * FROM agreement_versions ORDER BY effective_from DESC, published_at DESC');
        return rows.map(toVersion);
    }
    async accept(a) {
        await this.em.query(`INSERT INTO agreement_acceptances (school_id, agreement_version_id, accepted_by, accepted_from_ip) VALUES ($1, $2, $3, $4::inet)
       ON CONFLICT (school_id, agreement_version_id) DO NOTHING`, [a.schoolId, a.versionId, a.acceptedBy, a.acceptedFromIp]);
    }
    async acceptances(schoolId) {
        const rows = await this.em.query(`SELECT a.agreement_version_id, v.version, a.school_id, a.accepted_by, a.accepted_at, host(a.accepted_from_ip) AS ip
         FROM agreement_acceptances a JOIN agreement_versions v ON v.id = a.agreement_version_id
        WHERE a.school_id = $1 ORDER BY a.accepted_at DESC`, [schoolId]);
        return rows.map((r) => ({
            versionId: r.agreement_version_id,
            version: r.version,
            schoolId: r.school_id,
            acceptedBy: r.accepted_by,
            acceptedAt: new Date(r.accepted_at),
            acceptedFromIp: r.ip,
        }));
    }
    async scheduleTermination(schoolId, requestedAt, destructionDueAt) {
        await this.em.query("UPDATE schools SET status = 'terminating', termination_requested_at = $2, destruction_due_at = $3, updated_at = now() WHERE id = $1", [schoolId, requestedAt, destructionDueAt]);
    }
    async dueForDestruction(now) {
        const rows = await this.em.query("SELECT id, brin, dependance_code, destruction_due_at FROM schools WHERE status = 'terminating' AND destruction_due_at <= $1 ORDER BY destruction_due_at", [now]);
        return rows.map((r) => ({
            id: r.id,
            brin: r.brin + (r.dependance_code === '00' ? '' : r.dependance_code),
            destructionDueAt: new Date(r.destruction_due_at),
        }));
    }
    async destroySchool(id) {
        const [{ n }] = (await this.em.query('SELECT count(*)::int AS n FROM people WHERE school_id = $1', [id]));
        // Tombstones, not deletes: a request still in flight must not bring a session back (see sessions).
        await this.em.query(`${session_repository_1.SESSION_TOMBSTONE} WHERE credential_id IN (SELECT c.id FROM credentials c JOIN people p ON p.id = c.person_id WHERE p.school_id = $1)`, [id]);
        const keys = await this.em.query('SELECT DISTINCT e.email_hmac FROM pupil_home_emails e JOIN people p ON p.id = e.person_id WHERE p.school_id = $1', [id]);
        await this.em.query('DELETE FROM schools WHERE id = $1', [id]);
        // Parents whose only children were at this school: their account goes too.
        if (keys.length)
            await this.em.query('DELETE FROM guardian_accounts g WHERE g.email_hmac = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM pupil_home_emails e WHERE e.email_hmac = g.email_hmac)', [keys.map((k) => k.email_hmac)]);
        return n;
    }
    async termination(schoolId) {
        const rows = await this.em.query('SELECT termination_requested_at, destruction_due_at FROM schools WHERE id = $1', [schoolId]);
        const r = rows[0];
        return r?.termination_requested_at && r.destruction_due_at
            ? { requestedAt: new Date(r.termination_requested_at), destructionDueAt: new Date(r.destruction_due_at) }
            : null;
    }
}
exports.TypeOrmAgreementRepository = TypeOrmAgreementRepository;
//# sourceMappingURL=agreement.repository.js.map
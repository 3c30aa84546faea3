"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmMaintenanceRepository = void 0;
const sql_1 = require("./sql");
const toWindow = (r) => ({
    id: r.id,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    descriptionNl: r.description_nl,
    descriptionEn: r.description_en,
    scheduledAt: new Date(r.scheduled_at),
    scheduledBy: r.scheduled_by,
    cancelledAt: r.cancelled_at ? new Date(r.cancelled_at) : null,
    cancelledBy: r.cancelled_by,
});
class TypeOrmMaintenanceRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async insert(w) {
        const rows = await this.em.query(`INSERT INTO maintenance_windows (starts_at, ends_at, description_nl, description_en, scheduled_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING *`, [w.startsAt, w.endsAt, w.descriptionNl, w.descriptionEn, w.scheduledBy]);
        return toWindow(rows[0]);
    }
    async findById(id) {
        const rows = await this.em.query('SELECT * FROM maintenance_windows WHERE id = $1', [id]);
        return rows[0] ? toWindow(rows[0]) : null;
    }
    async listComing(now) {
        const rows = await this.em.query('SELECT * FROM maintenance_windows WHERE cancelled_at IS NULL AND ends_at > $1 ORDER BY starts_at, id', [now]);
        return rows.map(toWindow);
    }
    async listAll(limit) {
        const rows = await this.em.query('SELECT * FROM maintenance_windows ORDER BY starts_at DESC, id LIMIT $1', [limit]);
        return rows.map(toWindow);
    }
    async cancel(id, at, by) {
        // Only a window not cancelled yet: two operators cancelling at once cannot both succeed (and mail twice).
        const changed = await (0, sql_1.affectedRows)(this.em, 'UPDATE maintenance_windows SET cancelled_at = $2, cancelled_by = $3 WHERE id = $1 AND cancelled_at IS NULL', [id, at, by]);
        return changed === 1;
    }
}
exports.TypeOrmMaintenanceRepository = TypeOrmMaintenanceRepository;
//# sourceMappingURL=maintenance.repository.js.map
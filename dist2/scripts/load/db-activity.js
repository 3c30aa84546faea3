"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.dbActivity = dbActivity;
exports.activityDelta = activityDelta;
exports.describePer = describePer;
async function dbActivity(client) {
    const db = await client.query(`SELECT xact_commit + xact_rollback AS xact, tup_inserted AS ins, tup_updated AS upd, tup_deleted AS del
       FROM pg_stat_database WHERE datname = current_database()`);
    const tables = await client.query('SELECT relname, n_tup_ins + n_tup_upd + n_tup_del AS n FROM pg_stat_user_tables');
    const r = db.rows[0];
    return {
        transactions: Number(r.xact),
        inserted: Number(r.ins),
        updated: Number(r.upd),
        deleted: Number(r.del),
        tables: new Map(tables.rows.map((t) => [t.relname, Number(t.n)])),
    };
}
/** The change from `before` to `after`; tables without writes left out. */
function activityDelta(before, after) {
    const tables = new Map();
    for (const [name, n] of after.tables) {
        const d = n - (before.tables.get(name) ?? 0);
        if (d > 0)
            tables.set(name, d);
    }
    return {
        transactions: after.transactions - before.transactions,
        inserted: after.inserted - before.inserted,
        updated: after.updated - before.updated,
        deleted: after.deleted - before.deleted,
        tables,
    };
}
/** "1.2 tx, 3.0 rows written (sessions 1.0, audit_events 1.0, …)" per operation. */
function describePer(d, operations) {
    const per = (n) => (n / Math.max(1, operations)).toFixed(1);
    const tables = [...d.tables]
        .sort((a, b) => b[1] - a[1])
        .map(([t, n]) => `${t} ${per(n)}`)
        .join(', ');
    return `${per(d.transactions)} transactions, ${per(d.inserted + d.updated + d.deleted)} rows written (ins ${per(d.inserted)} / upd ${per(d.updated)} / del ${per(d.deleted)}: ${tables || 'none'})`;
}
//# sourceMappingURL=db-activity.js.map
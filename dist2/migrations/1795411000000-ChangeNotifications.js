"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ChangeNotifications1795411000000 = exports.CACHED_TABLES = void 0;
/**
 * Tables that hub processes cache (they rarely change: schools and their networks, people and groups,
 * participants, products, SPs, licences, activations) announce every change on the channel
 * `leerpoort_changes`, with the table's name, by statement-level triggers — whoever writes: the CLI, the
 * management screen, another hub process, or a DBA by hand. Every hub process LISTENs and drops what it
 * cached from that table; the notification arrives when the writing transaction commits.
 */
exports.CACHED_TABLES = [
    'schools',
    'school_networks',
    'people',
    'groups',
    'group_memberships',
    'participants',
    'products',
    'product_icons',
    'service_providers',
    'licences',
    'licence_assignments',
    'activations',
];
class ChangeNotifications1795411000000 {
    name = 'ChangeNotifications1795411000000';
    async up(q) {
        await q.query(`CREATE FUNCTION leerpoort_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('leerpoort_changes', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
        for (const table of exports.CACHED_TABLES) {
            await q.query(`CREATE TRIGGER ${table}_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION leerpoort_notify_change()`);
        }
    }
    async down(q) {
        for (const table of exports.CACHED_TABLES)
            await q.query(`DROP TRIGGER ${table}_notify_change ON ${table}`);
        await q.query('DROP FUNCTION leerpoort_notify_change()');
    }
}
exports.ChangeNotifications1795411000000 = ChangeNotifications1795411000000;
//# sourceMappingURL=1795411000000-ChangeNotifications.js.map
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables that hub processes cache (they rarely change: schools and their networks, people and groups,
 * participants, products, SPs, licences, activations) announce every change on the channel
 * `leerpoort_changes`, with the table's name, by statement-level triggers — whoever writes: the CLI, the
 * management screen, another hub process, or a DBA by hand. Every hub process LISTENs and drops what it
 * cached from that table; the notification arrives when the writing transaction commits.
 */
export const CACHED_TABLES = [
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
] as const;

export class ChangeNotifications1795411000000 implements MigrationInterface {
  name = 'ChangeNotifications1795411000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION leerpoort_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('leerpoort_changes', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of CACHED_TABLES) {
      await q.query(
        `CREATE TRIGGER ${table}_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION leerpoort_notify_change()`,
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of CACHED_TABLES) await q.query(`DROP TRIGGER ${table}_notify_change ON ${table}`);
    await q.query('DROP FUNCTION leerpoort_notify_change()');
  }
}

import { expect } from 'chai';
import { describeEachBackend } from '../support/postgres';

const tablesIn = async (query: (sql: string) => Promise<Array<{ tablename: string }>>) =>
  (await query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).map((r) => r.tablename);

describeEachBackend(
  'migrations',
  ({ db }) => {
    it('up creates every table, down removes them all, up again restores them', async () => {
      const q = (sql: string) => db().dataSource.query(sql);
      expect(await db().migrate()).to.have.length.greaterThan(0);
      const afterUp = await tablesIn(q);
      for (const t of [
        'schools',
        'groups',
        'people',
        'pupil_home_emails',
        'group_memberships',
        'credentials',
        'operators',
        'participants',
        'service_providers',
        'products',
        'licences',
        'licence_assignments',
        'activations',
        'activation_history',
        'agreement_versions',
        'agreement_acceptances',
        'audit_events',
        'release_ledger',
        'maintenance_windows',
        'breaches',
        'misuse_warnings',
        'school_suspensions',
        'service_notices',
        'supported_browsers',
        'disruptions',
        'oidc_clients',
        'oidc_payloads',
      ]) {
        expect(afterUp, t).to.include(t);
      }
      expect(await db().dataSource.showMigrations()).to.equal(false);

      while ((await db().dataSource.query('SELECT count(*)::int AS n FROM migrations'))[0].n > 0) await db().revertLastMigration();
      expect(await tablesIn(q)).to.deep.equal(['migrations']);
      expect(await db().dataSource.showMigrations()).to.equal(true);

      await db().migrate();
      expect(await tablesIn(q)).to.deep.equal(afterUp);
      expect(await db().migrate(), 'second run applies nothing').to.deep.equal([]);
    });
  },
  { migrate: false },
);

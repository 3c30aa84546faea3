"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const postgres_1 = require("../support/postgres");
const tablesIn = async (query) => (await query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).map((r) => r.tablename);
(0, postgres_1.describeEachBackend)('migrations', ({ db }) => {
    it('up creates every table, down removes them all, up again restores them', async () => {
        const q = (sql) => db().dataSource.query(sql);
        (0, chai_1.expect)(await db().migrate()).to.have.length.greaterThan(0);
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
        ]) {
            (0, chai_1.expect)(afterUp, t).to.include(t);
        }
        (0, chai_1.expect)(await db().dataSource.showMigrations()).to.equal(false);
        while ((await db().dataSource.query('SELECT count(*)::int AS n FROM migrations'))[0].n > 0)
            await db().revertLastMigration();
        (0, chai_1.expect)(await tablesIn(q)).to.deep.equal(['migrations']);
        (0, chai_1.expect)(await db().dataSource.showMigrations()).to.equal(true);
        await db().migrate();
        (0, chai_1.expect)(await tablesIn(q)).to.deep.equal(afterUp);
        (0, chai_1.expect)(await db().migrate(), 'second run applies nothing').to.deep.equal([]);
    });
}, { migrate: false });
//# sourceMappingURL=migrations.test.js.map
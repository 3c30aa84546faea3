"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const retention_service_1 = require("../../src/domain/roster/retention.service");
const postgres_1 = require("../support/postgres");
(0, postgres_1.describeEachBackend)('retention: leavers deleted after the grace period', ({ db }) => {
    it('deletes only people deactivated longer ago than the grace period, with everything attached, audited by id', async () => {
        await (0, postgres_1.truncateAll)(db());
        const repos = db().repositories;
        const school = await repos.schools.insert({ brin: '12AB', dependanceCode: '00', name: 'S' });
        const group = await repos.groups.insert({ schoolId: school.id, lasKey: 'G', name: 'G', yearGroup: 5, kind: 'stamgroep' });
        const old = await repos.people.insert({ schoolId: school.id, role: 'pupil', lasKey: 'OLD', firstName: 'Oud', lastName: 'Vertrokken' });
        const recent = await repos.people.insert({ schoolId: school.id, role: 'pupil', lasKey: 'NEW', firstName: 'Net', lastName: 'Weg' });
        const active = await repos.people.insert({ schoolId: school.id, role: 'pupil', lasKey: 'ACT', firstName: 'Nog', lastName: 'Hier' });
        for (const p of [old, recent, active])
            await repos.groups.addMember({ groupId: group.id, personId: p.id, roleInGroup: 'member' });
        const credential = await repos.credentials.insert({ personId: old.id, username: 'oud.v', passwordHash: null });
        await repos.sessions.set('sid-old', { auth: { credentialId: credential.id } }, new Date(Date.now() + 3600_000), credential.id);
        await repos.people.addHomeAccessEmail(old.id, 'ouder@example.nl');
        await repos.people.update(old.id, { status: 'inactive' });
        await repos.people.update(recent.id, { status: 'inactive' });
        await db().dataSource.query("UPDATE people SET deactivated_at = now() - interval '100 days' WHERE id = $1", [old.id]);
        const service = new retention_service_1.RetentionService(db().unitOfWork);
        const dry = await service.deleteLeavers(90, { type: 'cli', id: 'test' }, { dryRun: true });
        (0, chai_1.expect)(dry.deleted).to.equal(1);
        (0, chai_1.expect)(await repos.people.findById(old.id), 'dry run').not.to.equal(null);
        const result = await service.deleteLeavers(90, { type: 'cli', id: 'test' });
        (0, chai_1.expect)(result).to.deep.equal({ deleted: 1, bySchool: { [school.id]: 1 } });
        (0, chai_1.expect)(await repos.people.findById(old.id)).to.equal(null);
        (0, chai_1.expect)(await repos.people.findById(recent.id)).not.to.equal(null);
        (0, chai_1.expect)(await repos.people.findById(active.id)).not.to.equal(null);
        (0, chai_1.expect)(await repos.credentials.findByUsername('oud.v')).to.equal(null);
        (0, chai_1.expect)(await repos.sessions.get('sid-old', new Date())).to.equal(null);
        (0, chai_1.expect)(await repos.groups.membershipsOf(old.id)).to.deep.equal([]);
        (0, chai_1.expect)(await db().dataSource.query('SELECT count(*)::int AS n FROM pupil_home_emails')).to.deep.equal([{ n: 0 }]);
        const [audit] = await repos.audit.list({ action: 'person.delete' });
        (0, chai_1.expect)(audit.targetId).to.equal(old.id);
        (0, chai_1.expect)(JSON.stringify(audit)).not.to.contain('Vertrokken');
    });
    it('destroys a school whose notice has ended — everything but ledger counts and audit ids — and nothing of other schools', async () => {
        await (0, postgres_1.truncateAll)(db());
        const repos = db().repositories;
        const leaving = await repos.schools.insert({ brin: '12AB', dependanceCode: '00', name: 'Vertrekkende School' });
        const staying = await repos.schools.insert({ brin: '34CD', dependanceCode: '00', name: 'Blijvende School' });
        const pupil = await repos.people.insert({ schoolId: leaving.id, role: 'pupil', lasKey: 'P', firstName: 'Weg', lastName: 'Straks' });
        const sibling = await repos.people.insert({ schoolId: staying.id, role: 'pupil', lasKey: 'S', firstName: 'Blijft', lastName: 'Hier' });
        const credential = await repos.credentials.insert({ personId: pupil.id, username: 'weg.s', passwordHash: null });
        await repos.sessions.set('sid-leaving', { auth: { credentialId: credential.id } }, new Date(Date.now() + 3600_000), credential.id);
        await repos.people.addHomeAccessEmail(pupil.id, 'alleen@example.nl');
        await repos.people.addHomeAccessEmail(pupil.id, 'gedeeld@example.nl');
        await repos.people.addHomeAccessEmail(sibling.id, 'gedeeld@example.nl');
        for (const address of ['alleen@example.nl', 'gedeeld@example.nl'])
            await repos.guardians.setPassword(repos.guardians.emailKey(address), '$argon2id$v=19$m=19456,t=2,p=1$a$b');
        await repos.groups.insert({ schoolId: leaving.id, lasKey: 'G', name: 'G', yearGroup: 5, kind: 'stamgroep' });
        await repos.schoolNetworks.replace(leaving.id, ['192.0.2.0/24']);
        const participant = await repos.participants.insert({ name: 'Uitgever' });
        await repos.ledger.record({
            schoolId: leaving.id,
            participantId: participant.id,
            channel: 'sso',
            categories: ['firstName'],
            peopleCount: 1,
        });
        const service = new retention_service_1.RetentionService(db().unitOfWork);
        const now = new Date();
        await repos.agreements.scheduleTermination(leaving.id, new Date(now.getTime() - 40 * 86_400_000), new Date(now.getTime() + 86_400_000));
        (0, chai_1.expect)(await service.destroyTerminatedSchools({ type: 'cli', id: 'test' }), 'notice not over yet').to.deep.equal([]);
        await repos.agreements.scheduleTermination(leaving.id, new Date(now.getTime() - 40 * 86_400_000), new Date(now.getTime() - 1000));
        (0, chai_1.expect)(await service.destroyTerminatedSchools({ type: 'cli', id: 'test' }, { dryRun: true })).to.deep.equal([
            { brin: '12AB', people: 1 },
        ]);
        (0, chai_1.expect)(await repos.schools.findById(leaving.id), 'dry run').not.to.equal(null);
        (0, chai_1.expect)(await service.destroyTerminatedSchools({ type: 'cli', id: 'test' })).to.deep.equal([{ brin: '12AB', people: 1 }]);
        (0, chai_1.expect)(await repos.schools.findById(leaving.id)).to.equal(null);
        (0, chai_1.expect)(await repos.people.findById(pupil.id)).to.equal(null);
        (0, chai_1.expect)(await repos.sessions.get('sid-leaving', new Date())).to.equal(null);
        (0, chai_1.expect)(await repos.guardians.passwordHash(repos.guardians.emailKey('alleen@example.nl')), 'parent without children left').to.equal(null);
        (0, chai_1.expect)(await repos.guardians.passwordHash(repos.guardians.emailKey('gedeeld@example.nl')), 'parent of a child elsewhere').not.to.equal(null);
        (0, chai_1.expect)(await repos.people.findById(sibling.id)).not.to.equal(null);
        const tables = await db().dataSource.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
        const holding = [];
        for (const { tablename } of tables) {
            const [{ n }] = await db().dataSource.query(`SELECT count(*)::int AS n FROM "${tablename}" x WHERE x::text LIKE $1`, [
                `%${leaving.id}%`,
            ]);
            if (n > 0)
                holding.push(tablename);
        }
        (0, chai_1.expect)(holding.sort(), 'only the proof remains: ledger counts and audit ids').to.deep.equal(['audit_events', 'release_ledger']);
        const [confirmation] = await repos.audit.list({ action: 'school.destroy' });
        (0, chai_1.expect)(confirmation.details).to.deep.include({ brin: '12AB', people: 1 });
        (0, chai_1.expect)(JSON.stringify(await db().dataSource.query('SELECT * FROM audit_events'))).not.to.contain('Straks');
    });
});
//# sourceMappingURL=retention.test.js.map
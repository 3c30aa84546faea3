import { expect } from 'chai';
import { RetentionService } from '../../src/domain/roster/retention.service';
import { describeEachBackend, truncateAll } from '../support/postgres';

describeEachBackend('retention: leavers deleted after the grace period', ({ db }) => {
  it('deletes only people deactivated longer ago than the grace period, with everything attached, audited by id', async () => {
    await truncateAll(db());
    const repos = db().repositories;
    const school = await repos.schools.insert({ brin: '12AB', dependanceCode: '00', name: 'S' });
    const group = await repos.groups.insert({ schoolId: school.id, lasKey: 'G', name: 'G', yearGroup: 5, kind: 'stamgroep' });
    const old = await repos.people.insert({ schoolId: school.id, role: 'pupil', lasKey: 'OLD', firstName: 'Oud', lastName: 'Vertrokken' });
    const recent = await repos.people.insert({ schoolId: school.id, role: 'pupil', lasKey: 'NEW', firstName: 'Net', lastName: 'Weg' });
    const active = await repos.people.insert({ schoolId: school.id, role: 'pupil', lasKey: 'ACT', firstName: 'Nog', lastName: 'Hier' });
    for (const p of [old, recent, active]) await repos.groups.addMember({ groupId: group.id, personId: p.id, roleInGroup: 'member' });
    const credential = await repos.credentials.insert({ personId: old.id, username: 'oud.v', passwordHash: null });
    await repos.sessions.set('sid-old', { auth: { credentialId: credential.id } }, new Date(Date.now() + 3600_000), credential.id);
    await repos.people.addHomeAccessEmail(old.id, 'ouder@example.nl');
    await repos.people.update(old.id, { status: 'inactive' });
    await repos.people.update(recent.id, { status: 'inactive' });
    await db().dataSource.query("UPDATE people SET deactivated_at = now() - interval '100 days' WHERE id = $1", [old.id]);

    const service = new RetentionService(db().unitOfWork);
    const dry = await service.deleteLeavers(90, { type: 'cli', id: 'test' }, { dryRun: true });
    expect(dry.deleted).to.equal(1);
    expect(await repos.people.findById(old.id), 'dry run').not.to.equal(null);

    const result = await service.deleteLeavers(90, { type: 'cli', id: 'test' });
    expect(result).to.deep.equal({ deleted: 1, bySchool: { [school.id]: 1 } });
    expect(await repos.people.findById(old.id)).to.equal(null);
    expect(await repos.people.findById(recent.id)).not.to.equal(null);
    expect(await repos.people.findById(active.id)).not.to.equal(null);
    expect(await repos.credentials.findByUsername('oud.v')).to.equal(null);
    expect(await repos.sessions.get('sid-old', new Date())).to.equal(null);
    expect(await repos.groups.membershipsOf(old.id)).to.deep.equal([]);
    expect(await db().dataSource.query('SELECT count(*)::int AS n FROM pupil_home_emails')).to.deep.equal([{ n: 0 }]);
    const [audit] = await repos.audit.list({ action: 'person.delete' });
    expect(audit!.targetId).to.equal(old.id);
    expect(JSON.stringify(audit)).not.to.contain('Vertrokken');
  });
});

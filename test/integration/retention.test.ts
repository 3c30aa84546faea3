import { expect } from 'chai';
import { RetentionService } from '../../src/domain/roster/retention.service';
import { SchoolDestructionService } from '../../src/domain/retention/school-destruction.service';
import { verifyCertificate } from '../../src/domain/retention/destruction-certificate';
import { describeEachBackend, truncateAll } from '../support/postgres';
import { testSigner } from '../support/signer';

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

  it('destroys a school whose notice has ended — everything but ledger counts, audit ids and its signed certificate — and nothing of other schools', async () => {
    await truncateAll(db());
    const repos = db().repositories;
    const leaving = await repos.schools.insert({ brin: '12AB', dependanceCode: '00', name: 'Vertrekkende School' });
    const staying = await repos.schools.insert({ brin: '34CD', dependanceCode: '00', name: 'Blijvende School' });
    const pupil = await repos.people.insert({ schoolId: leaving.id, role: 'pupil', lasKey: 'P', firstName: 'Weg', lastName: 'Straks' });
    await repos.people.insert({
      schoolId: leaving.id,
      role: 'delegate',
      lasKey: 'D',
      firstName: 'Ict',
      lastName: 'Coördinator',
      staffEmail: 'ict@vertrekkend.example.nl',
    });
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

    const { signer } = await testSigner();
    const service = new SchoolDestructionService(db().unitOfWork, signer, 'https://hub.example/saml/metadata');
    const now = new Date();
    await repos.agreements.scheduleTermination(leaving.id, new Date(now.getTime() - 40 * 86_400_000), new Date(now.getTime() + 86_400_000));
    expect(await service.destroyDue({ type: 'cli', id: 'test' }), 'notice not over yet').to.deep.equal([]);
    await repos.agreements.scheduleTermination(leaving.id, new Date(now.getTime() - 40 * 86_400_000), new Date(now.getTime() - 1000));
    const dry = await service.destroyDue({ type: 'cli', id: 'test' }, { dryRun: true });
    expect(dry.map((d) => [d.brin, d.people, d.certificateId])).to.deep.equal([['12AB', 2, '']]);
    expect(await repos.schools.findById(leaving.id), 'dry run').not.to.equal(null);
    const [destroyed] = await service.destroyDue({ type: 'cli', id: 'test' });
    expect(destroyed).to.deep.include({ brin: '12AB', people: 2, mailed: 1 });
    expect(destroyed!.tables).to.deep.include({
      schools: 1,
      people: 2,
      groups: 1,
      credentials: 1,
      sessions: 1,
      pupil_home_emails: 2,
      school_networks: 1,
      guardian_accounts: 1,
    });

    expect(await repos.schools.findById(leaving.id)).to.equal(null);
    expect(await repos.people.findById(pupil.id)).to.equal(null);
    expect(await repos.sessions.get('sid-leaving', new Date())).to.equal(null);
    expect(await repos.guardians.passwordHash(repos.guardians.emailKey('alleen@example.nl')), 'parent without children left').to.equal(
      null,
    );
    expect(await repos.guardians.passwordHash(repos.guardians.emailKey('gedeeld@example.nl')), 'parent of a child elsewhere').not.to.equal(
      null,
    );
    expect(await repos.people.findById(sibling.id)).not.to.equal(null);
    const tables: Array<{ tablename: string }> = await db().dataSource.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    const holding: string[] = [];
    for (const { tablename } of tables) {
      const [{ n }] = await db().dataSource.query(`SELECT count(*)::int AS n FROM "${tablename}" x WHERE x::text LIKE $1`, [
        `%${leaving.id}%`,
      ]);
      if (n > 0) holding.push(tablename);
    }
    expect(holding.sort(), 'only the proof remains: ledger counts, audit ids, the certificate').to.deep.equal([
      'audit_events',
      'destruction_certificates',
      'release_ledger',
    ]);
    const [confirmation] = await repos.audit.list({ action: 'school.destroy' });
    expect(confirmation!.details).to.deep.include({ brin: '12AB', people: 2, certificateId: destroyed!.certificateId, delegatesMailed: 1 });

    // The certificate: stored, mailed to the delegate (read before the delegate was destroyed), valid under the hub key.
    const [stored] = await repos.retention.listCertificates('12AB');
    expect(stored!.id).to.equal(destroyed!.certificateId);
    const mails = await repos.outbox.list();
    expect(mails.map((m) => m.to)).to.deep.equal(['ict@vertrekkend.example.nl']);
    expect(mails[0]!.body).to.contain(stored!.document.trim());
    const check = await verifyCertificate(stored!.document, signer);
    expect(check.ok, JSON.stringify(check)).to.equal(true);
    if (check.ok) {
      expect(check.certificate).to.deep.include({ reason: 'notice-ended', issuer: 'https://hub.example/saml/metadata' });
      expect(check.certificate.school).to.deep.equal({ id: leaving.id, brin: '12AB', name: 'Vertrekkende School' });
      expect(check.certificate.tables).to.deep.equal(destroyed!.tables);
      expect(check.certificate.totalRows).to.equal(Object.values(destroyed!.tables).reduce((a, b) => a + b, 0));
    }
    expect(stored!.document, 'no personal data on the certificate').not.to.match(/Straks|Coördinator|ict@/);
    expect(JSON.stringify(await db().dataSource.query('SELECT * FROM audit_events'))).not.to.contain('Straks');
  });
});

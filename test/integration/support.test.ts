import { expect } from 'chai';
import { Argon2idPasswordHasher } from '../../src/crypto/password-hasher';
import { NotFoundError, ValidationError } from '../../src/domain/errors';
import { LoginThrottle, THROTTLE } from '../../src/domain/identity/login-throttle';
import { PasswordResetService } from '../../src/domain/identity/password-reset.service';
import { SupportService } from '../../src/domain/identity/support.service';
import type { Actor } from '../../src/domain/model';
import { rejects } from '../support/assert';
import { describeEachBackend, truncateAll } from '../support/postgres';

const HELPDESK: Actor = { type: 'operator', id: '00000000-0000-4000-8000-0000000000aa' };
const REASON = 'Ticket 77: kan niet inloggen sinds maandag';

/** The helpdesk's support service on both backends (embedded PGlite and PostgreSQL): what it finds, shows, lifts and records. */
describeEachBackend('helpdesk support service: one user, what support needs, a reason on every step', ({ db }) => {
  let support: SupportService;
  let throttle: LoginThrottle;
  let schoolId: string;
  let pupilId: string;
  let teacherId: string;
  let teacherCredential: string;

  beforeEach(async () => {
    await truncateAll(db());
    const repos = db().repositories;
    throttle = new LoginThrottle(repos, (v) => `h(${v})`);
    const reset = new PasswordResetService(db().unitOfWork, repos, new Argon2idPasswordHasher(), throttle, 'https://leerpoort.example');
    support = new SupportService(repos, throttle, reset);
    schoolId = (await repos.schools.insert({ brin: '12AB', dependanceCode: '00', name: 'OBS De Regenboog' })).id;
    const group = await repos.groups.insert({ schoolId, lasKey: 'G5', name: 'Groep 5', yearGroup: 5, kind: 'stamgroep' });
    const pupil = await repos.people.insert({
      schoolId,
      role: 'pupil',
      lasKey: 'L9',
      eckId: 'https://ketenid.nl/x/9',
      firstName: 'Zoë',
      infix: 'van',
      lastName: 'Dam',
      birthDate: '2016-02-03',
    });
    pupilId = pupil.id;
    await repos.groups.addMember({ groupId: group.id, personId: pupil.id, roleInGroup: 'member' });
    await repos.credentials.insert({ personId: pupil.id, username: 'zoe.dam', passwordHash: null });
    const teacher = await repos.people.insert({
      schoolId,
      role: 'teacher',
      firstName: 'Tom',
      lastName: 'Berg',
      staffEmail: 't.berg@example.nl',
    });
    teacherId = teacher.id;
    teacherCredential = (await repos.credentials.insert({ personId: teacher.id, username: 'tom.berg', passwordHash: null })).id;
  });

  it('finds by school and full name (accents, case, infix), refuses a partial name and more than five namesakes; audits ids, never the name', async () => {
    const found = await support.find({ brin: '12ab', name: 'zoe DAM' }, REASON, HELPDESK);
    expect(found.map((m) => m.personId)).to.deep.equal([pupilId]);
    expect(found[0]).to.deep.equal({
      personId: pupilId,
      name: 'Zoë van Dam',
      role: 'pupil',
      username: 'zoe.dam',
      school: { brin: '12AB', name: 'OBS De Regenboog' },
    });
    expect(await rejects(support.find({ brin: '12AB', name: 'Zoë' }, REASON, HELPDESK))).to.be.instanceOf(ValidationError);
    expect(await rejects(support.find({ brin: '99ZZ', name: 'Zoë Dam' }, REASON, HELPDESK))).to.be.instanceOf(NotFoundError);
    expect(await rejects(support.find({ username: 'zoe.dam' }, 'kort', HELPDESK))).to.be.instanceOf(ValidationError);

    for (let i = 0; i < 6; i++)
      await db().repositories.people.insert({ schoolId, role: 'pupil', firstName: 'Zoë', infix: 'van', lastName: 'Dam' });
    const e = await rejects(support.find({ brin: '12AB', name: 'Zoë van Dam' }, REASON, HELPDESK));
    expect(e).to.be.instanceOf(ValidationError);
    expect(e.message).to.contain('Meer dan 5');
    const audit = await db().repositories.audit.list({ actorId: HELPDESK.id });
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).to.deep.equal(['support.find:failure', 'support.find:success']);
    expect(audit[1]!.details).to.deep.equal({ reason: REASON, by: 'name', matches: 1, people: [pupilId] });
    expect(JSON.stringify(audit)).not.to.contain('Dam');
  });

  it('shows account state and nothing more; the last login comes from the audit log; the view is audited with the reason', async () => {
    const repos = db().repositories;
    await repos.audit.record({ actor: { type: 'person', id: pupilId }, action: 'login.picture', outcome: 'success' });
    await repos.audit.record({ actor: { type: 'person', id: pupilId }, action: 'login.card', outcome: 'failure' });
    const view = await support.show(pupilId, REASON, HELPDESK);
    expect(view).to.deep.include({ personId: pupilId, name: 'Zoë van Dam', role: 'pupil', active: true, groups: ['Groep 5'] });
    expect(view.account).to.deep.include({
      username: 'zoe.dam',
      hasPassword: false,
      twoFactor: false,
      throttledUntil: null,
      activeSessions: 0,
    });
    expect(view.account!.lastLogin!.method).to.equal('picture');
    for (const hidden of ['2016-02-03', 'L9', 'ketenid', 'birth', 'eck', 'lasKey', 'gender'])
      expect(JSON.stringify(view)).not.to.contain(hidden);
    const [audit] = await repos.audit.list({ action: 'support.view' });
    expect(audit).to.deep.include({ targetType: 'person', targetId: pupilId, schoolId, outcome: 'success' });
    expect(audit!.details).to.deep.equal({ reason: REASON });
    expect(await rejects(support.show(pupilId, '', HELPDESK))).to.be.instanceOf(ValidationError);
    expect(await repos.audit.list({ action: 'support.view' })).to.have.length(1);
  });

  it('unlock clears every counter of the account (all clients, the second factor) and no one else’s', async () => {
    const now = new Date();
    for (let i = 0; i < THROTTLE.perAccountAndClient; i++) {
      await throttle.admitLogin({ account: 'tom.berg', ip: '192.0.2.1', knownDevice: null }, now);
      await throttle.admitLogin({ account: 'other.user', ip: '192.0.2.1', knownDevice: null }, now);
    }
    await throttle.admit([throttle.secondFactorGuard(teacherCredential)], now);
    expect((await support.show(teacherId, REASON, HELPDESK, now)).account!.throttledUntil).to.be.instanceOf(Date);
    expect(await support.unlock(teacherId, REASON, HELPDESK)).to.equal(3);
    const after = (await support.show(teacherId, REASON, HELPDESK, now)).account!;
    expect(after).to.deep.include({ throttledUntil: null, failedAttempts: 0 });
    expect((await throttle.admitLogin({ account: 'other.user', ip: '192.0.2.1', knownDevice: null }, now)).ok, 'others stay held').to.equal(
      false,
    );
    const [audit] = await db().repositories.audit.list({ action: 'support.unlock' });
    expect(audit!.details).to.deep.equal({ reason: REASON, countersCleared: 3 });
  });

  it('a password link only for active staff with an address, by mail to that address; sessions end on request', async () => {
    await support.sendResetLink(teacherId, REASON, HELPDESK);
    expect((await db().repositories.outbox.list()).map((m) => m.to)).to.deep.equal(['t.berg@example.nl']);
    expect(await rejects(support.sendResetLink(pupilId, REASON, HELPDESK))).to.be.instanceOf(ValidationError);
    await db().repositories.sessions.set('sid-1', { x: 1 }, new Date(Date.now() + 60_000), teacherCredential);
    expect(await support.endSessions(teacherId, REASON, HELPDESK)).to.equal(1);
    expect(await db().repositories.sessions.listFor(teacherCredential, new Date())).to.deep.equal([]);
    expect((await db().repositories.audit.list({ actorId: HELPDESK.id })).map((a) => a.action)).to.deep.equal([
      'support.sessions_end',
      'password_reset.request',
      'support.reset_link',
    ]);
  });
});

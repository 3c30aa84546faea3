import { expect } from 'chai';
import { HmacCardTokenSigner } from '../../src/crypto/card-token';
import { Argon2idPasswordHasher } from '../../src/crypto/password-hasher';
import { ConflictError, ValidationError } from '../../src/domain/errors';
import { LoginService } from '../../src/domain/identity/login.service';
import { LoginThrottle } from '../../src/domain/identity/login-throttle';
import { PupilLoginService } from '../../src/domain/identity/pupil-login.service';
import { checkParticipantAccess, schoolAccess } from '../../src/domain/licensing/access';
import { MisuseService } from '../../src/domain/misuse/misuse.service';
import type { Repositories } from '../../src/domain/ports';
import { rejects } from '../support/assert';
import { describeEachBackend, truncateAll } from '../support/postgres';

const ACTOR = { type: 'operator' as const, id: '00000000-0000-4000-8000-000000000001' };
const DAY = 86_400_000;

/**
 * Misuse warnings and suspension (agreement art. 12) on both backends: who is mailed, when suspension is
 * refused, that one suspension wins when two run at once, that every login method and the licence gate
 * refuse a suspended school — and that suspending and lifting change no data.
 */
describeEachBackend('misuse warnings and suspension (art. 12)', ({ db }) => {
  let repos: Repositories;
  let schoolId: string;
  let pupilId: string;
  let participantId: string;
  const hasher = new Argon2idPasswordHasher();
  const service = () => new MisuseService(db().unitOfWork, db().repositories, 'https://leerpoort.example');

  beforeEach(async () => {
    await truncateAll(db());
    repos = db().repositories;
    const school = await repos.schools.insert({ brin: '12AB', dependanceCode: '00', name: 'OBS De Regenboog' });
    schoolId = school.id;
    await repos.schools.setHomeAccess(schoolId, true);
    const other = await repos.schools.insert({ brin: '34CD', dependanceCode: '00', name: 'Andere School' });
    for (const [sid, email, role] of [
      [schoolId, 'ict@regenboog.example.nl', 'delegate'],
      [schoolId, 'juf@regenboog.example.nl', 'teacher'],
      [other.id, 'ict@andere.example.nl', 'delegate'],
    ] as const)
      await repos.people.insert({ schoolId: sid, role, firstName: 'A', lastName: 'B', staffEmail: email });
    pupilId = (await repos.people.insert({ schoolId, role: 'pupil', firstName: 'Fenna', lastName: 'Horst' })).id;
    await repos.credentials.insert({ personId: pupilId, username: 'fenna.h', passwordHash: await hasher.hash('Zonnebloem-Tulp-42') });
    participantId = (await repos.participants.insert({ name: 'Rekenrijk' })).id;
    const product = await repos.products.insert({ participantId, name: 'Rekenen 5' });
    await repos.activations.set({ schoolId, participantId, enabled: true, changedBy: 'test', changedAt: new Date() });
    await repos.licences.insert({
      schoolId,
      productId: product.id,
      validFrom: new Date(Date.now() - DAY),
      validUntil: new Date(Date.now() + 100 * DAY),
      seats: null,
      scope: 'all',
    });
  });

  it('a warning is mailed to the delegates and the board address (not teachers, not other schools), stored encrypted, audited', async () => {
    await service().setBoardEmail('12AB', 'bestuur@stichting.example.nl', ACTOR);
    const { warning, notified } = await service().warn(
      '12AB',
      {
        observed: 'Inloggegevens gedeeld op een forum',
        requiredMeasures: 'Wachtwoorden resetten',
        deadline: new Date(Date.now() + 7 * DAY),
      },
      ACTOR,
    );
    expect(notified).to.equal(2);
    const mails = await repos.outbox.list();
    expect(mails.map((m) => m.to).sort()).to.deep.equal(['bestuur@stichting.example.nl', 'ict@regenboog.example.nl']);
    expect(mails[0]!.body).to.contain('Inloggegevens gedeeld op een forum').and.contain('What the school must do: Wachtwoorden resetten');
    const raw = JSON.stringify(await db().dataSource.query('SELECT * FROM misuse_warnings'));
    expect(raw).not.to.contain('forum');
    expect(JSON.stringify(await db().dataSource.query('SELECT board_email_enc FROM schools'))).not.to.contain('stichting');
    const [audit] = await repos.audit.list({ action: 'misuse.warn' });
    expect(audit).to.deep.include({ targetId: warning.id, schoolId, outcome: 'success' });
    expect((await service().overview('12AB')).warnings.map((w) => w.state)).to.deep.equal(['open']);

    expect(await rejects(service().warn('12AB', { observed: 'x', requiredMeasures: 'y', deadline: new Date(Date.now() - 1000) }, ACTOR)))
      .to.be.instanceOf(ValidationError)
      .with.property('publicMessage')
      .that.contains('the deadline must be in the future');
    expect(await rejects(service().warn('12AB', { observed: ' ', requiredMeasures: 'y', deadline: new Date(Date.now() + DAY) }, ACTOR)))
      .to.be.instanceOf(ValidationError)
      .with.property('publicMessage')
      .that.contains('what was seen is missing');
    expect(await repos.misuse.warningsOf(schoolId), 'refused warnings are not stored').to.have.length(1);
  });

  it('refuses suspension before an expired warning (audited), allows it after the deadline; two at once: one wins', async () => {
    const deadline = new Date(Date.now() + 2 * DAY);
    const { warning } = await service().warn('12AB', { observed: 'Fraude', requiredMeasures: 'Stoppen', deadline }, ACTOR);
    const early = await rejects(service().suspend('12AB', { explanation: 'te vroeg' }, ACTOR));
    expect(early).to.be.instanceOf(ValidationError);
    expect((early as ValidationError).publicMessage).to.contain('suspending earlier needs an immediate reason');
    expect((await repos.schools.findById(schoolId))!.suspendedAt).to.equal(null);
    expect(await repos.audit.list({ action: 'school.suspend' })).to.have.length(1);
    expect((await repos.audit.list({ action: 'school.suspend' }))[0]!.outcome).to.equal('failure');

    const later = new Date(deadline.getTime() + 1000);
    const results = await Promise.allSettled([
      service().suspend('12AB', { explanation: 'geen maatregelen' }, ACTOR, later),
      service().suspend('12AB', { explanation: 'geen maatregelen' }, ACTOR, later),
    ]);
    expect(results.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).to.be.instanceOf(ConflictError);
    const current = await repos.misuse.currentSuspension(schoolId);
    expect(current).to.deep.include({ basis: 'expired_warning', warningId: warning.id, liftedAt: null });
    expect(await repos.misuse.suspensionsOf(schoolId)).to.have.length(1);
    expect((await repos.schools.findById(schoolId))!.suspendedAt).to.be.instanceOf(Date);
    expect((await repos.outbox.list()).filter((m) => m.subject.includes('opgeschort'))).to.have.length(1);
  });

  it('suspends at once only with a reason the agreement allows; a closed warning is no ground', async () => {
    const { warning } = await service().warn('12AB', { observed: 'x', requiredMeasures: 'y', deadline: new Date(Date.now() + DAY) }, ACTOR);
    await service().closeWarning(warning.id, 'measures_taken', ACTOR);
    expect(await rejects(service().closeWarning(warning.id, 'withdrawn', ACTOR))).to.be.instanceOf(ConflictError);
    expect(await rejects(service().suspend('12AB', { explanation: 'x' }, ACTOR, new Date(Date.now() + 2 * DAY)))).to.be.instanceOf(
      ValidationError,
    );
    expect(await rejects(service().suspend('12AB', { immediateReason: 'annoyed', explanation: 'x' }, ACTOR))).to.be.instanceOf(
      ValidationError,
    );
    const { suspension } = await service().suspend('12AB', { immediateReason: 'security_threat', explanation: 'aanval' }, ACTOR);
    expect(suspension).to.deep.include({ basis: 'immediate', immediateReason: 'security_threat', warningId: null });
    expect(await rejects(service().lift('34CD', 'niet opgeschort', ACTOR))).to.be.instanceOf(ConflictError);
  });

  it('a suspended school: every login refused after the right secret, the licence gate closed; lifted: all back, no row changed', async () => {
    const throttle = new LoginThrottle(repos, (v) => `k:${v}`);
    const login = new LoginService(repos, hasher, throttle);
    const pupils = new PupilLoginService(db().unitOfWork, repos, hasher, throttle, new HmacCardTokenSigner('x'.repeat(40)));
    const { sequence } = await pupils.resetPicturePassword(pupilId, ACTOR);
    const card = await pupils.issueCard(pupilId, ACTOR);
    const ctx = { actor: { type: 'anonymous' as const, id: 'login', ip: '198.51.100.7' }, knownDevice: null };
    const pupil = (await repos.people.findById(pupilId))!;

    const tables: Array<{ tablename: string }> = await db().dataSource.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    // What suspending may add to: its own registers, the audit, the outbox and the login counters.
    const changing = /^(audit_events|outbox|misuse_warnings|school_suspensions|migrations)$|throttle|attempt|rate_limit|session/;
    const snapshot = async () => {
      const out: Record<string, unknown> = {};
      for (const { tablename } of tables)
        if (!changing.test(tablename)) out[tablename] = await db().dataSource.query(`SELECT * FROM "${tablename}" ORDER BY 1`);
      for (const s of out.schools as Array<Record<string, unknown>>) {
        delete s.updated_at;
        delete s.suspended_at;
      }
      return JSON.stringify(out);
    };
    const before = await snapshot();

    await service().suspend('12AB', { immediateReason: 'ongoing_fraud', explanation: 'accounts misbruikt' }, ACTOR);
    expect(await login.authenticate('fenna.h', 'Zonnebloem-Tulp-42', ctx.actor)).to.deep.equal({ ok: false, reason: 'school_suspended' });
    expect(await login.authenticate('fenna.h', 'wrong-password-1', ctx.actor), 'no oracle for a wrong password').to.deep.equal({
      ok: false,
      reason: 'invalid',
    });
    expect(await pupils.pictureLogin(pupilId, sequence, ctx)).to.deep.include({ ok: false, reason: 'school_suspended' });
    expect(await pupils.cardLogin(card.token, ctx)).to.deep.include({ ok: false, reason: 'school_suspended' });
    expect(await pupils.pictureLogin(pupilId, sequence, { ...ctx, viaGuardian: true }), 'a parent for the child').to.deep.include({
      ok: false,
      reason: 'school_suspended',
    });
    expect(await checkParticipantAccess(repos, pupil, participantId, new Date())).to.deep.equal({
      allowed: false,
      reason: 'school_suspended',
    });
    expect((await schoolAccess(repos, schoolId, participantId, new Date()))(pupil)).to.deep.equal({
      allowed: false,
      reason: 'school_suspended',
    });
    const credentialId = (await repos.credentials.findByUsername('fenna.h'))!.id;
    expect(await login.stillActive(credentialId), 'a login half-way (second factor) stops too').to.equal(false);
    expect(
      (await repos.audit.list({ action: 'login.password' })).filter(
        (e) => (e.details as { reason?: string })?.reason === 'school_suspended',
      ),
    ).to.have.length(1);

    await service().lift('12AB', 'wachtwoorden gereset', ACTOR);
    expect(await snapshot(), 'suspending and lifting changed no data').to.equal(before);
    expect(await login.authenticate('fenna.h', 'Zonnebloem-Tulp-42', ctx.actor)).to.deep.include({ ok: true });
    expect(await pupils.pictureLogin(pupilId, sequence, ctx)).to.deep.include({ ok: true });
    expect(await checkParticipantAccess(repos, pupil, participantId, new Date())).to.deep.include({ allowed: true });
    expect(await login.stillActive(credentialId)).to.equal(true);
    expect((await repos.misuse.suspensionsOf(schoolId))[0]).to.deep.include({ liftNote: 'wachtwoorden gereset' });
    expect(await repos.audit.list({ action: 'school.unsuspend' })).to.have.length(1);
  });
});

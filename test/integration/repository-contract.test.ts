import { HttpIconFetcher } from '../../src/net/icon-fetcher';
import { expect } from 'chai';
import { ConflictError, NotFoundError, ValidationError } from '../../src/domain/errors';
import type { Actor } from '../../src/domain/model';
import type { Repositories } from '../../src/domain/ports';
import { SchoolService } from '../../src/domain/identity/school.service';
import { LicenceService } from '../../src/domain/licensing/licence.service';
import { ParticipantService } from '../../src/domain/licensing/participant.service';
import { PortalOrderService } from '../../src/domain/licensing/portal-order';
import { rejects } from '../support/assert';
import { GroupCommitRecorder } from '../../src/persistence/group-commit';
import { describeEachBackend, truncateAll } from '../support/postgres';

const actor: Actor = { type: 'cli', id: 'test' };

/** One contract, every implementation: PGlite and PostgreSQL must behave identically. */
describeEachBackend('repository contract', ({ db }) => {
  let repos: Repositories;
  beforeEach(async () => {
    await truncateAll(db());
    repos = db().repositories;
  });

  const aSchool = (brin = '12AB') => repos.schools.insert({ brin, dependanceCode: '00', name: 'OBS De Regenboog' });

  describe('schools', () => {
    it('stores and finds a school by BRIN and dependance code', async () => {
      const s = await repos.schools.insert({
        brin: '12AB',
        dependanceCode: '01',
        name: 'De Regenboog',
        assuNumber: '4711',
        visitingAddress: { street: 'Kerkstraat', houseNumber: '3a', postalCode: '1234 AB', city: 'Utrecht' },
      });
      expect(s.id).to.match(/^[0-9a-f-]{36}$/);
      expect(s.status).to.equal('active');
      expect(s.agreementState).to.equal('pending');
      expect((await repos.schools.findByBrin('12AB', '01'))[0]!.visitingAddress).to.deep.equal({
        street: 'Kerkstraat',
        houseNumber: '3a',
        postalCode: '1234 AB',
        city: 'Utrecht',
      });
      expect(await repos.schools.findByBrin('12AB', '00')).to.deep.equal([]);
      expect((await repos.schools.findById(s.id))!.name).to.equal('De Regenboog');
    });

    it('refuses a duplicate BRIN + dependance with a ConflictError and keeps one row', async () => {
      await aSchool();
      const e = await rejects(aSchool());
      expect(e).to.be.instanceOf(ConflictError);
      expect(e.message).to.contain('12AB');
      expect(await repos.schools.list()).to.have.length(1);
    });

    it('the database itself refuses a malformed BRIN (even past the domain check)', async () => {
      const e = await rejects(repos.schools.insert({ brin: '1ABC', dependanceCode: '00', name: 'X' }));
      expect(e).to.be.instanceOf(ValidationError);
    });
  });

  describe('people, groups and home-access e-mail', () => {
    it('round-trips encrypted personal fields and finds by ECK iD and staff e-mail (blind index)', async () => {
      const school = await aSchool();
      const pupil = await repos.people.insert({
        schoolId: school.id,
        role: 'pupil',
        lasKey: 'L1',
        eckId: 'https://ketenid.nl/201703/abc',
        firstName: 'Emma',
        infix: 'van der',
        lastName: 'Berg',
        birthDate: '2016-05-04',
        gender: 'V',
      });
      const teacher = await repos.people.insert({
        schoolId: school.id,
        role: 'teacher',
        lasKey: 'T1',
        firstName: 'Kees',
        lastName: 'Smit',
        staffEmail: 'K.Smit@School.nl',
      });
      expect(await repos.people.findById(pupil.id)).to.deep.include({
        firstName: 'Emma',
        infix: 'van der',
        lastName: 'Berg',
        birthDate: '2016-05-04',
        gender: 'V',
      });
      expect((await repos.people.findByEckId('https://ketenid.nl/201703/abc'))!.id).to.equal(pupil.id);
      expect((await repos.people.findByStaffEmail('k.smit@school.nl'))!.id).to.equal(teacher.id);
      expect(await repos.people.findByEckId('https://ketenid.nl/other')).to.equal(null);
      expect((await repos.people.findByLasKey(school.id, 'pupil', 'L1'))!.id).to.equal(pupil.id);
    });

    it('refuses a duplicate pupil LAS key and a duplicate ECK iD, but a pupil and a teacher may share a LAS key', async () => {
      const school = await aSchool();
      await repos.people.insert({ schoolId: school.id, role: 'pupil', lasKey: 'K1', eckId: 'eck-1', firstName: 'A', lastName: 'B' });
      expect(
        await rejects(repos.people.insert({ schoolId: school.id, role: 'pupil', lasKey: 'K1', firstName: 'C', lastName: 'D' })),
      ).to.be.instanceOf(ConflictError);
      expect(
        await rejects(
          repos.people.insert({ schoolId: school.id, role: 'pupil', lasKey: 'K2', eckId: 'eck-1', firstName: 'C', lastName: 'D' }),
        ),
      ).to.be.instanceOf(ConflictError);
      await repos.people.insert({ schoolId: school.id, role: 'teacher', lasKey: 'K1', firstName: 'E', lastName: 'F' });
    });

    it('allows at most two home-access e-mail addresses per pupil, and none for staff', async () => {
      const school = await aSchool();
      const pupil = await repos.people.insert({ schoolId: school.id, role: 'pupil', firstName: 'A', lastName: 'B' });
      await repos.people.addHomeAccessEmail(pupil.id, 'Ouder1@Example.nl');
      await repos.people.addHomeAccessEmail(pupil.id, 'ouder2@example.nl');
      const third = await rejects(repos.people.addHomeAccessEmail(pupil.id, 'ouder3@example.nl'));
      expect(third).to.be.instanceOf(ValidationError);
      expect(third.message).to.contain('at most two');
      expect((await repos.people.homeAccessEmails(pupil.id)).map((e) => e.email)).to.deep.equal(['ouder1@example.nl', 'ouder2@example.nl']);
      const teacher = await repos.people.insert({ schoolId: school.id, role: 'teacher', firstName: 'T', lastName: 'T' });
      expect(await rejects(repos.people.addHomeAccessEmail(teacher.id, 'x@example.nl'))).to.be.instanceOf(ValidationError);
    });

    it('the limit of two holds in the database even for raw SQL', async () => {
      const school = await aSchool();
      const pupil = await repos.people.insert({ schoolId: school.id, role: 'pupil', firstName: 'A', lastName: 'B' });
      const insert = (pos: number) =>
        db().dataSource.query(
          `INSERT INTO pupil_home_emails (person_id, position, email_enc, email_hmac) VALUES ($1, $2, 'enc1.x.y', $3)`,
          [pupil.id, pos, `h${pos}`],
        );
      await insert(1);
      await insert(2);
      let failed = false;
      await insert(3).catch(() => (failed = true));
      expect(failed, 'position 3').to.equal(true);
      failed = false;
      await insert(2).catch(() => (failed = true));
      expect(failed, 'second row at position 2').to.equal(true);
    });

    it('inserts many groups, people and memberships in one statement each: order kept, fields encrypted and indexed, conflicts refused whole', async () => {
      const school = await aSchool();
      const groups = await repos.groups.insertMany([
        { schoolId: school.id, lasKey: 'G1', name: 'Groep 1', yearGroup: 1, kind: 'stamgroep' },
        { schoolId: school.id, lasKey: 'C1', name: 'Plusklas', yearGroup: null, kind: 'samengestelde_groep' },
      ]);
      expect(groups.map((g) => [g.lasKey, g.kind, g.yearGroup])).to.deep.equal([
        ['G1', 'stamgroep', 1],
        ['C1', 'samengestelde_groep', null],
      ]);
      expect(await repos.groups.findById(groups[1]!.id)).to.deep.equal(groups[1]);
      const people = Array.from({ length: 700 }, (_, i) => ({
        schoolId: school.id,
        role: (i % 7 ? 'pupil' : 'teacher') as 'pupil' | 'teacher',
        lasKey: `K${i}`,
        eckId: i % 2 ? `eck-${i}` : null,
        firstName: `Voor${i}`,
        infix: i % 3 ? null : 'van',
        lastName: `Achter${i}`,
        birthDate: i % 7 ? '2016-05-04' : null,
        gender: (i % 7 ? 'V' : null) as 'V' | null,
        staffEmail: i % 7 ? null : `Juf${i}@School.nl`,
      }));
      const ids = await repos.people.insertMany(people);
      expect(new Set(ids).size).to.equal(700);
      for (const i of [0, 1, 3, 350, 699])
        expect(await repos.people.findById(ids[i]!), `person ${i}`).to.deep.include({
          ...people[i],
          staffEmail: people[i]!.staffEmail?.toLowerCase() ?? null,
          status: 'active',
        });
      expect((await repos.people.findByEckId('eck-351'))!.id).to.equal(ids[351]);
      expect((await repos.people.findByStaffEmail('juf7@school.nl'))!.id).to.equal(ids[7]);
      const raw = JSON.stringify(await db().dataSource.query('SELECT * FROM people'));
      expect(raw).not.to.contain('Voor1').and.not.to.contain('Achter1').and.not.to.contain('eck-1');
      await repos.groups.addMemberships(
        ids.slice(0, 300).map((personId) => ({ groupId: groups[0]!.id, personId, roleInGroup: 'member' as const })),
      );
      expect(await repos.groups.memberIds(groups[0]!.id)).to.have.length(300);
      const count = async () => (await db().dataSource.query('SELECT count(*)::int AS n FROM people'))[0].n as number;
      expect(
        await rejects(
          repos.people.insertMany([
            { schoolId: school.id, role: 'pupil', firstName: 'N', lastName: 'N', lasKey: 'NEW' },
            { schoolId: school.id, role: 'pupil', firstName: 'D', lastName: 'D', lasKey: 'K1' },
          ]),
        ),
      ).to.be.instanceOf(ConflictError);
      expect(await count(), 'no row of the refused statement').to.equal(700);
      expect(
        await rejects(repos.groups.insertMany([{ schoolId: school.id, lasKey: 'G1', name: 'x', yearGroup: 1, kind: 'stamgroep' }])),
      ).to.be.instanceOf(ConflictError);
      expect(await repos.people.insertMany([])).to.deep.equal([]);
      expect(await repos.groups.insertMany([])).to.deep.equal([]);
    });

    it('keeps group memberships idempotent', async () => {
      const school = await aSchool();
      const group = await repos.groups.insert({ schoolId: school.id, lasKey: 'G7', name: 'Groep 7', yearGroup: 7, kind: 'stamgroep' });
      const combi = await repos.groups.insert({
        schoolId: school.id,
        lasKey: 'C1',
        name: 'Plusklas',
        yearGroup: null,
        kind: 'samengestelde_groep',
      });
      const pupil = await repos.people.insert({ schoolId: school.id, role: 'pupil', firstName: 'A', lastName: 'B' });
      await repos.groups.addMember({ groupId: group.id, personId: pupil.id, roleInGroup: 'member' });
      await repos.groups.addMember({ groupId: group.id, personId: pupil.id, roleInGroup: 'member' });
      await repos.groups.addMember({ groupId: combi.id, personId: pupil.id, roleInGroup: 'member' });
      expect(await repos.groups.membershipsOf(pupil.id)).to.have.length(2);
      expect(
        await rejects(repos.groups.insert({ schoolId: school.id, lasKey: 'G7', name: 'x', yearGroup: 7, kind: 'stamgroep' })),
      ).to.be.instanceOf(ConflictError);
    });
  });

  describe('credentials', () => {
    it('usernames are unique hub-wide, case-insensitively; the hash only comes out of the login lookup', async () => {
      const school = await aSchool();
      const a = await repos.people.insert({ schoolId: school.id, role: 'pupil', firstName: 'A', lastName: 'B' });
      const b = await repos.people.insert({ schoolId: school.id, role: 'pupil', firstName: 'C', lastName: 'D' });
      await repos.credentials.insert({ personId: a.id, username: 'Emma.B', passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$abc$def' });
      expect(await rejects(repos.credentials.insert({ personId: b.id, username: 'emma.b', passwordHash: null }))).to.be.instanceOf(
        ConflictError,
      );
      const found = await repos.credentials.findByUsername('EMMA.b');
      expect(found!.personId).to.equal(a.id);
      expect(found).not.to.have.property('passwordHash');
      expect(found!.hasPassword).to.equal(true);
      expect((await repos.credentials.findLoginSecret('EMMA.b'))!.passwordHash).to.match(/^\$argon2id\$/);
      expect(await repos.credentials.findLoginSecret('niemand')).to.equal(null);
      expect((await repos.credentials.findByPersonId(a.id))!).not.to.have.property('passwordHash');
      expect(await repos.credentials.findByPersonId(b.id), 'no account').to.equal(null);
    });

    it('accepts each TOTP time step once and never an older one (atomic replay guard)', async () => {
      const school = await aSchool();
      const a = await repos.people.insert({ schoolId: school.id, role: 'delegate', firstName: 'A', lastName: 'B' });
      const c = await repos.credentials.insert({ personId: a.id, username: 'a.b', passwordHash: null });
      expect(await repos.credentials.enableTotpIfNone(c.id, 'JBSWY3DPEHPK3PXP', 99)).to.equal(true);
      expect(await repos.credentials.acceptTotpStep(c.id, 100)).to.equal(true);
      expect(await repos.credentials.acceptTotpStep(c.id, 100)).to.equal(false);
      expect(await repos.credentials.acceptTotpStep(c.id, 99)).to.equal(false);
      expect(await repos.credentials.acceptTotpStep(c.id, 101)).to.equal(true);
      expect((await repos.credentials.twoFactorState(c.id)).secret).to.equal('JBSWY3DPEHPK3PXP');
      const raw = JSON.stringify(await db().dataSource.query('SELECT totp_secret_enc FROM credentials'));
      expect(raw).not.to.contain('JBSWY3DPEHPK3PXP');
    });

    it('enrols a second factor only while the account has none — of parallel enrolments exactly one wins; replace and reset need one', async () => {
      const school = await aSchool();
      const a = await repos.people.insert({ schoolId: school.id, role: 'delegate', firstName: 'A', lastName: 'B' });
      const c = await repos.credentials.insert({ personId: a.id, username: 'a.b', passwordHash: null });
      expect(await repos.credentials.replaceTotp(c.id, 'JBSWY3DPEHPK3PXP', 1), 'nothing to replace').to.equal(false);
      expect(await repos.credentials.disableTotp(c.id), 'nothing to reset').to.equal(false);
      const secrets = Array.from({ length: 8 }, (_, i) => `JBSWY3DPEHPK3PX${'ABCDEFGH'[i]}`);
      const wins = await Promise.all(secrets.map((secret) => repos.credentials.enableTotpIfNone(c.id, secret, 1)));
      expect(wins.filter(Boolean)).to.have.length(1);
      const stored = (await repos.credentials.twoFactorState(c.id)).secret;
      expect(stored).to.equal(secrets[wins.indexOf(true)]);
      expect(await repos.credentials.enableTotpIfNone(c.id, 'KRSXG5CTMVRXEZLU', 2), 'an enrolled account is never overwritten').to.equal(
        false,
      );
      expect((await repos.credentials.findById(c.id))!.totpEnabled).to.equal(true);
      expect(await repos.credentials.replaceTotp(c.id, 'KRSXG5CTMVRXEZLU', 3)).to.equal(true);
      expect((await repos.credentials.twoFactorState(c.id)).secret).to.equal('KRSXG5CTMVRXEZLU');
      expect(await repos.credentials.disableTotp(c.id)).to.equal(true);
      expect(await repos.credentials.twoFactorState(c.id)).to.deep.equal({ secret: null, enabled: false, lastStep: null });
    });

    it('recovery codes: found by lookup key, each consumed exactly once even by parallel uses, replaced as a set', async () => {
      const school = await aSchool();
      const a = await repos.people.insert({ schoolId: school.id, role: 'delegate', firstName: 'A', lastName: 'B' });
      const c = await repos.credentials.insert({ personId: a.id, username: 'a.b', passwordHash: null });
      await repos.recoveryCodes.replace(c.id, [
        { lookup: 'k1', hash: 'h1' },
        { lookup: 'k2', hash: 'h2' },
      ]);
      expect(await repos.recoveryCodes.count(c.id)).to.equal(2);
      expect(await repos.recoveryCodes.find(c.id, 'k2')).to.equal('h2');
      expect(await repos.recoveryCodes.find(c.id, 'nope')).to.equal(null);
      const uses = await Promise.all(Array.from({ length: 6 }, () => repos.recoveryCodes.consume(c.id, 'k1')));
      expect(uses.filter(Boolean)).to.have.length(1);
      await repos.recoveryCodes.replace(c.id, [{ lookup: 'k3', hash: 'h3' }]);
      expect(await repos.recoveryCodes.find(c.id, 'k2')).to.equal(null);
      expect(await repos.recoveryCodes.count(c.id)).to.equal(1);
    });

    it('refuses a non-argon2id password hash', async () => {
      const school = await aSchool();
      const a = await repos.people.insert({ schoolId: school.id, role: 'pupil', firstName: 'A', lastName: 'B' });
      expect(await rejects(repos.credentials.insert({ personId: a.id, username: 'a.b', passwordHash: 'plaintext' }))).to.be.an('error');
      expect(await repos.credentials.findByUsername('a.b')).to.equal(null);
    });
  });

  describe('throttle', () => {
    const p = (limit: number) => ({ limit, windowMs: 15 * 60_000, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000 });

    it('admits exactly the limit of 100 parallel attempts, then backs off with a doubling wait; a release or clear gives way again', async () => {
      const now = new Date();
      const results = await Promise.all(Array.from({ length: 100 }, () => repos.throttle.reserve('k', p(5), now)));
      expect(results.filter((r) => r.admitted)).to.have.length(5);
      const refused = results.find((r) => !r.admitted)!;
      expect(refused.admitted).to.equal(false);
      expect(!refused.admitted && refused.retryAfterMs).to.be.within(29_000, 30_000);
      expect((await repos.throttle.get('k'))!.attempts, 'refused attempts are not counted').to.equal(5);
      const later = new Date(now.getTime() + 31_000);
      expect((await repos.throttle.reserve('k', p(5), later)).admitted, 'once the wait is over, one more try').to.equal(true);
      const again = await repos.throttle.reserve('k', p(5), new Date(later.getTime() + 1000));
      expect(!again.admitted && again.retryAfterMs, 'the next wait doubles').to.be.within(58_000, 60_000);
      await repos.throttle.release('k', p(5));
      await repos.throttle.release('k', p(5));
      expect((await repos.throttle.get('k'))!.blockedUntil, 'below the limit again: no back-off').to.equal(null);
      await repos.throttle.clear('k');
      expect(await repos.throttle.get('k')).to.equal(null);
    });

    it('counts several keys in one statement: each admits exactly its limit of parallel attempts; settling clears or releases each', async () => {
      const now = new Date();
      // Keys in both orders, as two kinds of attempt sharing keys would send them: never a deadlock.
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          repos.throttle.reserveAll(
            i % 2 === 0
              ? [
                  { key: 'm-a', policy: p(5) },
                  { key: 'm-b', policy: p(20) },
                ]
              : [
                  { key: 'm-b', policy: p(20) },
                  { key: 'm-a', policy: p(5) },
                ],
            now,
          ),
        ),
      );
      const admittedOn = (key: string) => results.filter((r, i) => r[(i % 2 === 0) === (key === 'm-a') ? 0 : 1]!.admitted).length;
      expect(admittedOn('m-a'), 'key a: its own limit').to.equal(5);
      expect(admittedOn('m-b'), 'key b: its own limit').to.equal(20);
      expect((await repos.throttle.get('m-a'))!.attempts).to.equal(5);
      expect((await repos.throttle.get('m-b'))!.attempts).to.equal(20);
      const waits = results.flat().filter((r) => !r.admitted);
      expect(waits.every((r) => !r.admitted && r.retryAfterMs > 29_000 && r.retryAfterMs <= 30_000)).to.equal(true);
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          repos.throttle.settle(
            i % 2 === 0
              ? [
                  { key: 'm-a', policy: p(5), clear: false },
                  { key: 'm-b', policy: p(20), clear: false },
                ]
              : [
                  { key: 'm-b', policy: p(20), clear: false },
                  { key: 'm-a', policy: p(5), clear: false },
                ],
          ),
        ),
      );
      expect((await repos.throttle.get('m-a'))!.attempts, 'released down to zero, never below').to.equal(0);
      expect((await repos.throttle.get('m-a'))!.blockedUntil, 'below the limit again: no back-off').to.equal(null);
      expect((await repos.throttle.get('m-b'))!.attempts).to.equal(10);
      expect((await repos.throttle.get('m-b'))!.blockedUntil, 'below its limit again too').to.equal(null);
      await repos.throttle.settle([
        { key: 'm-b', policy: p(20), clear: true },
        { key: 'm-unknown', policy: p(5), clear: false },
      ]);
      expect(await repos.throttle.get('m-b'), 'cleared: no count, no back-off').to.deep.include({ attempts: 0, blockedUntil: null });
      expect(await repos.throttle.get('m-unknown'), 'settling a key never counted writes nothing').to.equal(null);
      expect(
        await rejects(
          repos.throttle.reserveAll(
            [
              { key: 'x', policy: p(5) },
              { key: 'x', policy: p(5) },
            ],
            now,
          ),
        ),
      ).to.be.an('error');
    });

    it('the window restarts only after 15 quiet minutes: while attempts keep coming the count goes on and the wait stays capped', async () => {
      const t0 = new Date('2026-01-05T08:00:00Z');
      const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
      for (let i = 0; i < 5; i++) await repos.throttle.reserve('w', p(5), t0);
      // one try every 10 minutes (each after its wait): never a fresh window
      for (let m = 10; m <= 50; m += 10) expect((await repos.throttle.reserve('w', p(5), at(m))).admitted, `minute ${m}`).to.equal(true);
      expect((await repos.throttle.get('w'))!.attempts).to.equal(10);
      const capped = await repos.throttle.reserve('w', p(5), at(60));
      expect(!capped.admitted && capped.retryAfterMs, 'the wait never exceeds 15 minutes').to.equal(5 * 60_000);
      // 16 minutes after the last admitted try, but the refused one at minute 60 kept the window open
      expect((await repos.throttle.reserve('w', p(5), at(66))).admitted).to.equal(true);
      expect((await repos.throttle.get('w'))!.attempts, 'counting on, not from 1').to.equal(11);
      await repos.throttle.reserve('w', p(5), at(82));
      expect((await repos.throttle.get('w'))!.attempts, 'after 15 quiet minutes it starts again').to.equal(1);
      expect(await repos.throttle.purgeIdle(at(200))).to.equal(1);
    });

    it('lists and clears one account’s counters by key prefix, literally (no LIKE wildcards), and no other key', async () => {
      const now = new Date();
      for (const key of [
        'account:a_b%:ip:1',
        'account:a_b%:device:2',
        'account:a_b%:unknown-clients',
        'account:aXbY:ip:1',
        'login-ip:a_b%',
      ])
        await repos.throttle.reserve(key, p(5), now);
      await repos.throttle.reserve('account:a_b%:ip:1', p(5), now);
      const listed = await repos.throttle.listByPrefix('account:a_b%:');
      expect(listed.map((r) => r.key)).to.deep.equal(['account:a_b%:device:2', 'account:a_b%:ip:1', 'account:a_b%:unknown-clients']);
      expect(listed.find((r) => r.key === 'account:a_b%:ip:1')!.attempts).to.equal(2);
      expect(await repos.throttle.clearByPrefix('account:a_b%:')).to.equal(3);
      expect(await repos.throttle.listByPrefix('account:a_b%:')).to.deep.equal([]);
      expect(await repos.throttle.get('account:aXbY:ip:1'), 'a key the wildcards would have matched').not.to.equal(null);
      expect(await repos.throttle.get('login-ip:a_b%')).not.to.equal(null);
    });

    it('knows the addresses of every school network', async () => {
      const school = await aSchool();
      await repos.schoolNetworks.replace(school.id, ['192.0.2.0/24', '2001:db8::/48']);
      expect(await repos.schoolNetworks.isSchoolAddress('192.0.2.77')).to.equal(true);
      expect(await repos.schoolNetworks.isSchoolAddress('2001:db8::5')).to.equal(true);
      expect(await repos.schoolNetworks.isSchoolAddress('198.51.100.1')).to.equal(false);
    });
  });

  describe('federation: SPs, replay cache, API clients, rate limits', () => {
    const registration = (entityId: string, participantId: string) => ({
      participantId,
      entityId,
      metadataXml: '<md:EntityDescriptor/>',
      metadataValidUntil: null,
      signingCertificates: ['MIIB'],
      encryptionCertificates: [],
      acsEndpoints: [
        { binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', location: 'https://sp.example/acs', index: 0, isDefault: true },
      ],
      sloEndpoints: [],
      requestedAttributes: [{ name: 'urn:oid:2.5.4.42', isRequired: false }],
      attributeAllowList: null,
      wantAssertionsSigned: true,
      authnRequestsSigned: false,
      signResponse: true,
      encryptAssertion: false,
      allowUnsolicited: false,
      nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
    });

    it('service providers: created, then updated under the same entity ID; found by id, entity ID and linked product; removed', async () => {
      const participant = await repos.participants.insert({ name: 'Uitgeverij A' });
      const product = await repos.products.insert({ participantId: participant.id, name: 'Rekenen' });
      const first = await repos.serviceProviders.upsert(registration('https://sp.example', participant.id));
      expect(first.created).to.equal(true);
      const again = await repos.serviceProviders.upsert({
        ...registration('https://sp.example', participant.id),
        allowUnsolicited: true,
        attributeAllowList: ['sn'],
      });
      expect(again.created).to.equal(false);
      expect(again.serviceProvider.id).to.equal(first.serviceProvider.id);
      expect((await repos.serviceProviders.findByEntityId('https://sp.example'))!.allowUnsolicited).to.equal(true);
      expect((await repos.serviceProviders.findById(first.serviceProvider.id))!.attributeAllowList).to.deep.equal(['sn']);
      expect((await repos.serviceProviders.findById(first.serviceProvider.id))!.acsEndpoints).to.deep.equal(
        registration('x', 'y').acsEndpoints,
      );
      await repos.serviceProviders.linkProduct(product.id, first.serviceProvider.id);
      expect((await repos.serviceProviders.findByProductId(product.id))!.entityId).to.equal('https://sp.example');
      expect((await repos.serviceProviders.list()).map((sp) => sp.entityId)).to.deep.equal(['https://sp.example']);
      expect(await repos.serviceProviders.remove('https://sp.example')).to.equal(true);
      expect(await repos.serviceProviders.remove('https://sp.example')).to.equal(false);
      expect(await repos.serviceProviders.findByProductId(product.id)).to.equal(null);
    });

    it('replay cache: of parallel uses of one message ID exactly one is new; IDs are per issuer', async () => {
      const until = new Date(Date.now() + 60_000);
      const results = await Promise.all(Array.from({ length: 10 }, () => repos.replayCache.remember('https://sp.example', '_id1', until)));
      expect(results.filter(Boolean)).to.have.length(1);
      expect(await repos.replayCache.remember('https://other.example', '_id1', until), 'another issuer').to.equal(true);
      expect(await repos.replayCache.remember('https://sp.example', '_id1', until)).to.equal(false);
    });

    it('API clients: secret only through findWithSecret; client ids unique; touch records use', async () => {
      const participant = await repos.participants.insert({ name: 'Uitgeverij A' });
      await repos.apiClients.insert({
        clientId: 'lp_a',
        secretHash: '$argon2id$v=19$m=19456,t=2,p=1$abc$def',
        participantId: participant.id,
      });
      expect(
        await rejects(repos.apiClients.insert({ clientId: 'lp_a', secretHash: '$argon2id$x', participantId: participant.id })),
      ).to.be.instanceOf(ConflictError);
      expect(await repos.apiClients.find('lp_a')).not.to.have.property('secretHash');
      expect((await repos.apiClients.findWithSecret('lp_a'))!.secretHash).to.match(/^\$argon2id\$/);
      expect(await repos.apiClients.find('lp_none')).to.equal(null);
      await repos.apiClients.touch('lp_a', new Date());
      expect(
        (await db().dataSource.query("SELECT last_used_at FROM api_clients WHERE client_id = 'lp_a'"))[0].last_used_at,
      ).to.be.instanceOf(Date);
    });

    it('rate limits: 50 parallel hits in one window count 1…50 exactly once each; a new window starts at 1', async () => {
      // The current minute: hit() now and then drops windows older than an hour, so a fixed date in the
      // past would make the count restart part-way whenever one of the 50 hits happens to clean up.
      const window = new Date(Math.floor(Date.now() / 60_000) * 60_000);
      const counts = await Promise.all(Array.from({ length: 50 }, () => repos.rateLimits.hit('lp_a', window)));
      expect([...counts].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await repos.rateLimits.hit('lp_a', new Date(window.getTime() + 60_000))).to.equal(1);
      expect(await repos.rateLimits.hit('lp_b', window)).to.equal(1);
    });
  });

  describe('group commit of SSO releases', () => {
    it('records 60 parallel Responses in shared transactions: each request ID once (also twice in one batch), ledger and audit only for those', async () => {
      const school = await aSchool();
      const participant = await repos.participants.insert({ name: 'Uitgeverij A' });
      const recorder = new GroupCommitRecorder(db().dataSource);
      const until = new Date(Date.now() + 60_000);
      const record = (id: string | null, n: number) =>
        recorder.record({
          replay: id ? { issuer: 'https://sp.example', messageId: id, expiresAt: until } : undefined,
          ledger: { schoolId: school.id, participantId: participant.id, channel: 'sso', categories: ['firstName', 'brin'], peopleCount: 1 },
          audit: {
            actor: { type: 'person', id: `p${n}`, ip: '::ffff:192.0.2.7' },
            action: 'saml.sso.success',
            outcome: 'success',
            schoolId: school.id,
            details: { n },
          },
        });
      // 20 distinct IDs sent three times each, interleaved, plus 10 unsolicited Responses (no request ID).
      const ids = Array.from({ length: 60 }, (_, i) => `_id${i % 20}`);
      const results = await Promise.all([
        ...ids.map((id, n) => record(id, n)),
        ...Array.from({ length: 10 }, (_, n) => record(null, 100 + n)),
      ]);
      expect(results.filter((r) => r === 'recorded')).to.have.length(30);
      const [ledger] = await db().dataSource.query('SELECT count(*)::int AS n FROM release_ledger');
      const [audit] = await db().dataSource.query(
        "SELECT count(*)::int AS n, min(host(ip)) AS ip FROM audit_events WHERE action = 'saml.sso.success'",
      );
      expect(ledger.n).to.equal(30);
      expect(audit.n).to.equal(30);
      expect(audit.ip, 'IPv4-mapped addresses stored as IPv4').to.equal('192.0.2.7');
      expect((await db().dataSource.query('SELECT categories FROM release_ledger LIMIT 1'))[0].categories).to.deep.equal([
        'firstName',
        'brin',
      ]);
      expect(await record('_id3', 999), 'a later replay').to.equal('replayed');
      expect(await repos.replayCache.remember('https://sp.example', '_id4', until), 'the replay cache knows the IDs').to.equal(false);
    });
  });

  describe('one-time links, outbox, uploads', () => {
    it('password resets: a token works once even when used in parallel, and not after it expired', async () => {
      const school = await aSchool();
      const person = await repos.people.insert({ schoolId: school.id, role: 'teacher', firstName: 'A', lastName: 'B' });
      const c = await repos.credentials.insert({ personId: person.id, username: 'a.b', passwordHash: null });
      const now = new Date();
      await repos.passwordResets.create('hash-1', c.id, new Date(now.getTime() + 60_000));
      await repos.passwordResets.create('hash-2', c.id, new Date(now.getTime() - 1));
      expect(await repos.passwordResets.find('hash-1', now)).to.equal(c.id);
      expect(await repos.passwordResets.find('hash-2', now), 'expired').to.equal(null);
      const uses = await Promise.all(Array.from({ length: 5 }, () => repos.passwordResets.consume('hash-1', now)));
      expect(uses.filter(Boolean)).to.have.length(1);
      expect(await repos.passwordResets.find('hash-1', now), 'used').to.equal(null);
      expect(await repos.passwordResets.consume('hash-2', now)).to.equal(false);
    });

    it('parent password links: the same — once, in parallel too, and only before expiry', async () => {
      const now = new Date();
      await repos.guardians.createLink('link-1', 'email-key', new Date(now.getTime() + 60_000));
      const uses = await Promise.all(Array.from({ length: 5 }, () => repos.guardians.consumeLink('link-1', now)));
      expect(uses.filter(Boolean)).to.have.length(1);
      expect(await repos.guardians.findLink('link-1', now)).to.equal(null);
    });

    it('outbox stats: counts only — waiting, failing, sent, oldest waiting and last sent', async () => {
      expect(await repos.outbox.stats()).to.deep.equal({ waiting: 0, failing: 0, sent: 0, oldestWaitingAt: null, lastSentAt: null });
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push(await repos.outbox.add({ to: `x${i}@example.nl`, subject: 's', body: 'b' }));
      const sentAt = new Date('2026-05-01T10:00:00Z');
      await repos.outbox.markSent(ids[0]!, sentAt);
      await repos.outbox.markFailed(ids[1]!, 'smtp down');
      const stats = await repos.outbox.stats();
      expect(stats).to.deep.include({ waiting: 2, failing: 1, sent: 1 });
      expect(stats.lastSentAt!.toISOString()).to.equal(sentAt.toISOString());
      expect(stats.oldestWaitingAt).to.be.instanceOf(Date);
    });

    it('outbox: encrypted at rest; parallel claims never hand one mail to two senders; sent and failed are recorded', async () => {
      for (let i = 0; i < 6; i++) await repos.outbox.add({ to: `ouder${i}@example.nl`, subject: `s${i}`, body: `link ${i}` });
      expect(JSON.stringify(await db().dataSource.query('SELECT * FROM outbox'))).not.to.contain('ouder0@example.nl');
      const claims = await Promise.all([
        repos.outbox.claimUnsent(4, 60, false),
        repos.outbox.claimUnsent(4, 60, false),
        repos.outbox.claimUnsent(4, 60, false),
      ]);
      const ids = claims.flat().map((m) => m.id);
      expect(new Set(ids).size, 'no mail claimed twice').to.equal(ids.length);
      expect(ids).to.have.length(6);
      const [first, second] = claims.flat();
      await repos.outbox.markSent(first!.id, new Date());
      await repos.outbox.markFailed(second!.id, 'mailbox unavailable');
      const rows = await db().dataSource.query(
        'SELECT id, sent_at, attempts, last_error FROM outbox WHERE id = ANY($1::uuid[]) ORDER BY attempts DESC, id',
        [[first!.id, second!.id]],
      );
      expect(rows.map((r: { attempts: number }) => r.attempts)).to.deep.equal([1, 1]);
      expect((await repos.outbox.list()).map((m) => m.to)).to.include('ouder5@example.nl');
    });

    it('import uploads: only for their own school, only until they expire; removed and purged', async () => {
      const school = await aSchool();
      const other = await aSchool('34CD');
      const now = new Date();
      const delegate = (await repos.people.insert({ schoolId: school.id, role: 'delegate', firstName: 'D', lastName: 'E' })).id;
      const id = await repos.importUploads.store({
        schoolId: school.id,
        uploadedBy: delegate,
        format: 'csv',
        fileName: 'r.csv',
        contents: Buffer.from('soort;key\n'),
        expiresAt: new Date(now.getTime() + 60_000),
      });
      const old = await repos.importUploads.store({
        schoolId: school.id,
        uploadedBy: delegate,
        format: 'edexml',
        fileName: 'o.xml',
        contents: Buffer.from('<EDEX/>'),
        expiresAt: new Date(now.getTime() - 1),
      });
      expect((await repos.importUploads.find(id, school.id, now))!.contents.toString()).to.equal('soort;key\n');
      expect(await repos.importUploads.find(id, other.id, now), 'another school').to.equal(null);
      expect(await repos.importUploads.find(old, school.id, now), 'expired').to.equal(null);
      expect(await repos.importUploads.purgeExpired(now)).to.equal(1);
      await repos.importUploads.remove(id);
      expect(await repos.importUploads.find(id, school.id, now)).to.equal(null);
    });
  });

  describe('product icons', () => {
    it('stores an icon per product (bytes unchanged), replaces it, and tells which products have one', async () => {
      const participant = await repos.participants.insert({ name: 'Uitgeverij A' });
      const product = await repos.products.insert({ participantId: participant.id, name: 'Rekenen' });
      const other = await repos.products.insert({ participantId: participant.id, name: 'Taal' });
      const data = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
      await repos.productIcons.put(product.id, { contentType: 'image/png', data, sha256: 'x', sourceUrl: 'https://a.example/i.png' });
      expect((await repos.productIcons.find(product.id))!.data.equals(data)).to.equal(true);
      await repos.productIcons.put(product.id, {
        contentType: 'image/gif',
        data: Buffer.from('GIF89a'),
        sha256: 'y',
        sourceUrl: 'https://a.example/i.gif',
      });
      expect((await repos.productIcons.find(product.id))!.contentType).to.equal('image/gif');
      expect([...(await repos.productIcons.present([product.id, other.id]))]).to.deep.equal([product.id]);
      expect(await repos.productIcons.find(other.id)).to.equal(null);
    });
  });

  describe("portal: the school's tile order and launch counts", () => {
    it("stores and replaces the school's order; counts parallel launches exactly; counts go with the person", async () => {
      const school = await aSchool();
      const participant = await repos.participants.insert({ name: 'Uitgeverij A' });
      const [a, b, c] = await Promise.all(
        ['Rekenen', 'Taal', 'Lezen'].map((name) => repos.products.insert({ participantId: participant.id, name })),
      );
      await repos.portal.setSchoolOrder(school.id, [b!.id, a!.id]);
      expect([...(await repos.portal.schoolOrder(school.id))]).to.have.deep.members([
        [b!.id, 0],
        [a!.id, 1],
      ]);
      await repos.portal.setSchoolOrder(school.id, [c!.id]);
      expect([...(await repos.portal.schoolOrder(school.id))]).to.deep.equal([[c!.id, 0]]);
      await repos.portal.setSchoolOrder(school.id, []);
      expect((await repos.portal.schoolOrder(school.id)).size).to.equal(0);

      const person = await repos.people.insert({ schoolId: school.id, role: 'pupil', lasKey: 'L1', firstName: 'A', lastName: 'B' });
      await Promise.all(Array.from({ length: 20 }, () => repos.portal.recordLaunch(person.id, a!.id)));
      await repos.portal.recordLaunch(person.id, b!.id);
      expect(await repos.portal.launchCounts(person.id)).to.deep.equal(
        new Map([
          [a!.id, 20],
          [b!.id, 1],
        ]),
      );
      await repos.people.delete(person.id);
      expect(await db().dataSource.query('SELECT count(*)::int AS n FROM product_launch_counts')).to.deep.equal([{ n: 0 }]);
    });

    it("PortalOrderService: moves within the school's licensed products only, audited; another product changes nothing", async () => {
      const uow = db().unitOfWork;
      const schools = new SchoolService(uow);
      const participants = new ParticipantService(uow, new HttpIconFetcher(true));
      const licences = new LicenceService(uow);
      const order = new PortalOrderService(uow);
      const school = await schools.add({ brin: '12ab', name: 'De Regenboog' }, actor);
      await participants.add({ name: 'Uitgeverij A' }, actor);
      for (const name of ['Rekenen', 'Taal', 'Aardrijkskunde']) {
        await participants.addProduct('Uitgeverij A', { name }, actor);
        await licences.grant({ brin: '12AB', productName: name, target: { all: true } }, actor);
      }
      const foreign = await participants.addProduct('Uitgeverij A', { name: 'Niet gelicentieerd' }, actor);
      const names = async () => (await order.list(school.id)).map((i) => i.product.name);
      expect(await names()).to.deep.equal(['Aardrijkskunde', 'Rekenen', 'Taal']);
      const taal = (await order.list(school.id)).find((i) => i.product.name === 'Taal')!.product.id;
      await order.move(school.id, taal, 'first', actor);
      expect(await names()).to.deep.equal(['Taal', 'Aardrijkskunde', 'Rekenen']);
      await order.move(school.id, taal, 'down', actor);
      expect(await names()).to.deep.equal(['Aardrijkskunde', 'Taal', 'Rekenen']);
      expect(await rejects(order.move(school.id, foreign.id, 'first', actor))).to.be.instanceOf(NotFoundError);
      expect((await repos.portal.schoolOrder(school.id)).has(foreign.id)).to.equal(false);
      expect((await repos.audit.list({ schoolId: school.id, action: 'school.portal_order.set' })).length).to.equal(2);
      await order.clear(school.id, actor);
      expect((await order.list(school.id)).every((i) => i.position === null)).to.equal(true);
    });
  });

  describe('participants, products, licences, activations', () => {
    it('licence grant: assigns a group, refuses unknown school / product / group, audits', async () => {
      const uow = db().unitOfWork;
      const schools = new SchoolService(uow);
      const participants = new ParticipantService(uow, new HttpIconFetcher(true));
      const licences = new LicenceService(uow);
      const school = await schools.add({ brin: '12ab', name: 'De Regenboog' }, actor);
      await repos.groups.insert({ schoolId: school.id, lasKey: 'G5', name: 'Groep 5', yearGroup: 5, kind: 'stamgroep' });
      await participants.add({ name: 'Uitgeverij A' }, actor);
      await participants.addProduct('Uitgeverij A', { name: 'Rekenen' }, actor);

      const granted = await licences.grant({ brin: '12AB', productName: 'Rekenen', target: { groupKey: 'G5' }, seats: 30 }, actor);
      expect(granted.licence.scope).to.equal('assigned');
      expect(await repos.licences.assignments(granted.licence.id)).to.have.length(1);

      expect(await rejects(licences.grant({ brin: '99XX', productName: 'Rekenen', target: { all: true } }, actor))).to.be.instanceOf(
        NotFoundError,
      );
      expect(await rejects(licences.grant({ brin: '12AB', productName: 'Spelling', target: { all: true } }, actor))).to.be.instanceOf(
        NotFoundError,
      );
      expect(await rejects(licences.grant({ brin: '12AB', productName: 'Rekenen', target: { groupKey: 'G9' } }, actor))).to.be.instanceOf(
        NotFoundError,
      );
      expect(await repos.licences.listBySchool(school.id)).to.have.length(1);
      const actions = (await repos.audit.list({ schoolId: school.id })).map((a) => a.action);
      expect(actions).to.include.members(['school.add', 'licence.grant']);
    });

    it('the database refuses a licence for an unknown product and an empty period', async () => {
      const school = await aSchool();
      const from = new Date('2026-08-01T00:00:00Z');
      expect(
        await rejects(
          repos.licences.insert({
            schoolId: school.id,
            productId: '00000000-0000-4000-8000-000000000000',
            validFrom: from,
            validUntil: new Date('2027-08-01'),
            seats: null,
            scope: 'all',
          }),
        ),
      ).to.be.instanceOf(NotFoundError);
      const p = await repos.participants.insert({ name: 'P' });
      const product = await repos.products.insert({ participantId: p.id, name: 'X' });
      expect(
        await rejects(
          repos.licences.insert({
            schoolId: school.id,
            productId: product.id,
            validFrom: from,
            validUntil: from,
            seats: null,
            scope: 'all',
          }),
        ),
      ).to.be.instanceOf(ValidationError);
    });

    it('participant and product names are unique (per participant)', async () => {
      const p = await repos.participants.insert({ name: 'Uitgeverij A' });
      expect(await rejects(repos.participants.insert({ name: 'Uitgeverij A' }))).to.be.instanceOf(ConflictError);
      await repos.products.insert({ participantId: p.id, name: 'Taal' });
      expect(await rejects(repos.products.insert({ participantId: p.id, name: 'Taal' }))).to.be.instanceOf(ConflictError);
      const q = await repos.participants.insert({ name: 'Uitgeverij B' });
      await repos.products.insert({ participantId: q.id, name: 'Taal' });
      expect(await repos.products.findAllByName('Taal')).to.have.length(2);
    });

    it('activation keeps the current state and the full history', async () => {
      const school = await aSchool();
      const p = await repos.participants.insert({ name: 'P' });
      const t0 = new Date('2026-09-01T08:00:00Z');
      await repos.activations.set({ schoolId: school.id, participantId: p.id, enabled: true, changedBy: 'person:a', changedAt: t0 });
      await repos.activations.set({
        schoolId: school.id,
        participantId: p.id,
        enabled: false,
        changedBy: 'person:b',
        changedAt: new Date(t0.getTime() + 60_000),
      });
      expect(await repos.activations.find(school.id, p.id)).to.deep.include({ enabled: false, changedBy: 'person:b' });
      expect((await repos.activations.history(school.id, p.id)).map((h) => h.enabled)).to.deep.equal([true, false]);
    });

    it('privacy annex: stored whole (lists, sub-processors), needs follow it; what a school accepted survives on/off switches', async () => {
      const school = await aSchool();
      const p = await repos.participants.insert({ name: 'P', needsGender: true });
      expect(p.annex).to.equal(null);
      const changedAt = new Date('2026-10-01T08:00:00Z');
      await repos.participants.updateAnnex(p.id, {
        categories: ['firstName', 'birthDate'],
        purposes: ['Rekenen', "Lezen 'n <schrijven>"],
        subProcessors: [{ name: 'Wolk BV', purpose: 'hosting', location: 'Frankfurt, DE' }],
        storageLocation: 'EU',
        changedAt,
      });
      const stored = (await repos.participants.findById(p.id))!;
      expect(stored.annex).to.deep.equal({
        categories: ['firstName', 'birthDate'],
        purposes: ['Rekenen', "Lezen 'n <schrijven>"],
        subProcessors: [{ name: 'Wolk BV', purpose: 'hosting', location: 'Frankfurt, DE' }],
        storageLocation: 'EU',
        changedAt,
      });
      expect(stored).to.deep.include({ needsBirthDate: true, needsGender: false, needsEmail: false });

      const t0 = new Date('2026-10-02T08:00:00Z');
      await repos.activations.set({ schoolId: school.id, participantId: p.id, enabled: true, changedBy: 'person:a', changedAt: t0 });
      expect((await repos.activations.find(school.id, p.id))!.acceptedCategories).to.equal(null);
      await repos.activations.updateAccepted(school.id, p.id, ['firstName'], 'cli:op', t0);
      for (const enabled of [false, true])
        await repos.activations.set({ schoolId: school.id, participantId: p.id, enabled, changedBy: 'person:a', changedAt: t0 });
      expect((await repos.activations.find(school.id, p.id))!.acceptedCategories).to.deep.equal(['firstName']);
      expect((await repos.activations.listByParticipant(p.id)).map((a) => [a.schoolId, a.acceptedCategories])).to.deep.equal([
        [school.id, ['firstName']],
      ]);
      await repos.activations.updateAccepted(school.id, p.id, null, 'person:d', t0);
      expect((await repos.activations.find(school.id, p.id))!.acceptedCategories).to.equal(null);
    });

    it('ledger: the categories released to a participant, at any school, since a moment', async () => {
      const a = await aSchool('12AB');
      const b = await aSchool('34CD');
      const p = await repos.participants.insert({ name: 'P' });
      const q = await repos.participants.insert({ name: 'Q' });
      await repos.ledger.record({
        schoolId: a.id,
        participantId: p.id,
        channel: 'sso',
        categories: ['firstName', 'lastName'],
        peopleCount: 1,
      });
      await repos.ledger.record({
        schoolId: b.id,
        participantId: p.id,
        channel: 'api',
        categories: ['groupName', 'firstName'],
        peopleCount: 3,
      });
      await repos.ledger.record({ schoolId: a.id, participantId: q.id, channel: 'sso', categories: ['email'], peopleCount: 1 });
      expect(await repos.ledger.categoriesReleased(p.id, null)).to.deep.equal(['firstName', 'groupName', 'lastName']);
      expect(await repos.ledger.categoriesReleased(p.id, new Date(Date.now() + 60_000))).to.deep.equal([]);
      expect(await repos.ledger.categoriesReleased(q.id, new Date(Date.now() - 60_000))).to.deep.equal(['email']);
    });

    it('ledger: OpenID Connect rows name their client through every writer; an oidc row without a client (or an sso row with one) is refused', async () => {
      const school = await aSchool();
      const p = await repos.participants.insert({ name: 'P' });
      const entry = (clientId: string) =>
        ({
          schoolId: school.id,
          participantId: p.id,
          channel: 'oidc',
          oidcClientId: clientId,
          categories: ['brin'],
          peopleCount: 1,
        }) as const;
      const audit = { actor: { type: 'person', id: 'x' }, action: 'oidc.sso.success', outcome: 'success', schoolId: school.id } as const;
      await repos.ledger.record(entry('lp-one'));
      await repos.ledger.recordWithAudit(entry('lp-two'), audit);
      expect(await new GroupCommitRecorder(db().dataSource).record({ ledger: entry('lp-three'), audit })).to.equal('recorded');
      await repos.ledger.record({ schoolId: school.id, participantId: p.id, channel: 'sso', categories: ['brin'], peopleCount: 1 });
      const rows = (await repos.ledger.list({ schoolId: school.id })).reverse();
      expect(rows.map((r) => [r.channel, r.oidcClientId, r.apiClientId, r.serviceProviderEntityId])).to.deep.equal([
        ['oidc', 'lp-one', null, null],
        ['oidc', 'lp-two', null, null],
        ['oidc', 'lp-three', null, null],
        ['sso', null, null, null],
      ]);
      expect(await repos.ledger.categoriesReleased(p.id, null)).to.deep.equal(['brin']);
      for (const bad of [
        repos.ledger.record({ schoolId: school.id, participantId: p.id, channel: 'oidc', categories: [], peopleCount: 1 }),
        repos.ledger.record({ ...entry('lp-x'), channel: 'sso' }),
      ])
        expect(String((await rejects(bad)).message)).to.contain('release_ledger_oidc_client');
      expect(await repos.ledger.list({ schoolId: school.id })).to.have.length(4);
    });
  });

  describe('sessions', () => {
    const inAnHour = () => new Date(Date.now() + 3600_000);
    it('stores and lists a session; a destroyed one is not revived by a late save (logout sticks)', async () => {
      const school = await aSchool();
      const person = await repos.people.insert({ schoolId: school.id, role: 'teacher', firstName: 'A', lastName: 'B' });
      const credential = await repos.credentials.insert({ personId: person.id, username: 'a.b', passwordHash: null });
      await repos.sessions.set('sid-1', { auth: { credentialId: credential.id }, n: 1 }, inAnHour(), credential.id);
      await repos.sessions.set('sid-1', { auth: { credentialId: credential.id }, n: 2 }, inAnHour(), credential.id);
      expect((await repos.sessions.get('sid-1', new Date()))!.data).to.deep.equal({ auth: { credentialId: credential.id }, n: 2 });
      expect((await repos.sessions.listFor(credential.id, new Date())).map((s) => s.sid)).to.deep.equal(['sid-1']);
      await repos.sessions.destroy('sid-1');
      // A request that loaded the session before the logout saves it afterwards:
      await repos.sessions.set('sid-1', { auth: { credentialId: credential.id }, n: 3 }, inAnHour(), credential.id);
      await repos.sessions.noteActivity('sid-1', new Date(), 'late browser');
      expect(await repos.sessions.get('sid-1', new Date())).to.equal(null);
      expect(await repos.sessions.listFor(credential.id, new Date())).to.deep.equal([]);

      await repos.sessions.set('sid-2', { auth: { credentialId: credential.id } }, inAnHour(), credential.id);
      await repos.sessions.set('sid-3', { auth: { credentialId: credential.id } }, inAnHour(), credential.id);
      expect(await repos.sessions.destroyAllFor(credential.id)).to.equal(2);
      expect(await repos.sessions.destroyAllFor(credential.id), 'tombstones are not counted again').to.equal(0);
      await repos.sessions.set('sid-2', { auth: { credentialId: credential.id } }, inAnHour(), credential.id);
      expect(await repos.sessions.get('sid-2', new Date()), '"log out everywhere" sticks too').to.equal(null);
      const raw = JSON.stringify(await db().dataSource.query("SELECT * FROM sessions WHERE sid IN ('sid-1', 'sid-2', 'sid-3')"));
      expect(raw, 'a tombstone holds no data and no account').not.to.contain(credential.id).and.not.to.contain('late browser');
      expect(await repos.sessions.purgeExpired(new Date(Date.now() + 2 * 3600_000))).to.equal(3);
    });

    it('a new id at login replaces the old session in one statement: the old one is a tombstone and stays one', async () => {
      const school = await aSchool();
      const person = await repos.people.insert({ schoolId: school.id, role: 'teacher', firstName: 'A', lastName: 'B' });
      const credential = await repos.credentials.insert({ personId: person.id, username: 'a.b', passwordHash: null });
      await repos.sessions.set('before-login', { csrf: 'x' }, inAnHour(), null);
      await repos.sessions.replace(
        'before-login',
        'after-login',
        { csrf: 'x', auth: { credentialId: credential.id } },
        inAnHour(),
        credential.id,
      );
      expect((await repos.sessions.get('after-login', new Date()))!.data).to.deep.equal({
        csrf: 'x',
        auth: { credentialId: credential.id },
      });
      expect(await repos.sessions.get('before-login', new Date()), 'the old id is gone').to.equal(null);
      await repos.sessions.set('before-login', { csrf: 'x', late: true }, inAnHour(), null);
      expect(await repos.sessions.get('before-login', new Date()), 'and a late save does not revive it').to.equal(null);
      // Replacing an id that was never stored just stores the new one.
      await repos.sessions.replace('never-stored', 'fresh', { csrf: 'y' }, inAnHour(), null);
      expect((await repos.sessions.get('fresh', new Date()))!.data).to.deep.equal({ csrf: 'y' });
      const [row] = await db().dataSource.query("SELECT count(*)::int AS n FROM sessions WHERE sid = 'never-stored'");
      expect(row.n, 'no tombstone row appears for an id never stored').to.equal(0);
    });
  });

  describe('sessions from a school IdP (Single Logout)', () => {
    const inAnHour = () => new Date(Date.now() + 3600_000);
    const IDP = 'https://idp.school.example/idp';
    const link = (schoolId: string, nameId: string, sessionIndex: string | null = '_s1') => ({
      schoolId,
      idpEntityId: IDP,
      subject: { nameId, format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', nameQualifier: null, spNameQualifier: null },
      sessionIndex,
    });

    it('keeps the school login encrypted beside the data, finds it by IdP and NameID, and drops it with the session', async () => {
      const school = await aSchool();
      await repos.sessions.set('up-1', { auth: { n: 1 } }, inAnHour(), null, link(school.id, 'juf@school.example'));
      await repos.sessions.set('up-2', { auth: { n: 2 } }, inAnHour(), null, link(school.id, 'juf@school.example', '_s2'));
      await repos.sessions.set('up-3', { auth: { n: 3 } }, inAnHour(), null, link(school.id, 'meester@school.example'));
      expect((await repos.sessions.get('up-1', new Date()))!.upstream).to.deep.equal(link(school.id, 'juf@school.example'));
      const raw = JSON.stringify(await db().dataSource.query("SELECT * FROM sessions WHERE sid LIKE 'up-%'"));
      expect(raw, 'no NameID in the clear').not.to.contain('juf@school.example').and.not.to.contain('_s1');
      const found = await repos.sessions.findByUpstreamSubject(IDP, 'juf@school.example', new Date());
      expect(found.map((s) => s.sid).sort()).to.deep.equal(['up-1', 'up-2']);
      expect(found.find((s) => s.sid === 'up-2')!.link.sessionIndex).to.equal('_s2');
      expect(await repos.sessions.findByUpstreamSubject('https://other.example/idp', 'juf@school.example', new Date())).to.deep.equal([]);
      // A later save of the same session without the login removes it (endLogin), and the tombstone holds none.
      await repos.sessions.set('up-3', { auth: { n: 3 } }, inAnHour(), null, null);
      expect(await repos.sessions.findByUpstreamSubject(IDP, 'meester@school.example', new Date())).to.deep.equal([]);
      await repos.sessions.destroy('up-1');
      await repos.sessions.replace('up-2', 'up-2b', { csrf: 'x' }, inAnHour(), null);
      expect(await repos.sessions.findByUpstreamSubject(IDP, 'juf@school.example', new Date())).to.deep.equal([]);
      const [left] = await db().dataSource.query(
        "SELECT count(*)::int AS n FROM sessions WHERE sid LIKE 'up-%' AND (upstream_idp IS NOT NULL OR upstream_subject_hmac IS NOT NULL OR upstream_login_enc IS NOT NULL)",
      );
      expect(left.n).to.equal(0);
    });

    it('upstream requests: a sealed part is stored encrypted and read back; consumed once', async () => {
      await repos.upstreamRequests.record({
        id: 'continue:t',
        idpEntityId: IDP,
        context: { personId: 'p' },
        sealed: { subject: { nameId: 'juf@school.example' } },
        expiresAt: inAnHour(),
      });
      const raw = JSON.stringify(await db().dataSource.query("SELECT * FROM upstream_authn_requests WHERE id = 'continue:t'"));
      expect(raw).not.to.contain('juf@school.example');
      expect((await repos.upstreamRequests.find('continue:t'))!.sealed).to.deep.equal({ subject: { nameId: 'juf@school.example' } });
      const taken = await Promise.all([1, 2, 3].map(() => repos.upstreamRequests.consume('continue:t', IDP, new Date())));
      expect(taken.filter(Boolean)).to.have.length(1);
    });
  });

  describe('unit of work', () => {
    it('rolls back every write of a failed unit, audit included', async () => {
      const e = await rejects(
        db().unitOfWork.run(async (tx) => {
          const s = await tx.schools.insert({ brin: '34CD', dependanceCode: '00', name: 'Half' });
          await tx.audit.record({ actor, action: 'school.add', outcome: 'success', schoolId: s.id });
          throw new Error('boom');
        }),
      );
      expect(e.message).to.equal('boom');
      expect(await repos.schools.list()).to.deep.equal([]);
      expect(await repos.audit.list({})).to.deep.equal([]);
    });

    it('isolates concurrent transactions: a rollback never undoes another unit’s commit', async () => {
      const slowRollback = db().unitOfWork.run(async (tx) => {
        await tx.schools.insert({ brin: '11AA', dependanceCode: '00', name: 'Rolled back' });
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('rollback');
      });
      const commits = Promise.all(
        ['22BB', '33CC', '44DD'].map((brin) =>
          db().unitOfWork.run((tx) => tx.schools.insert({ brin, dependanceCode: '00', name: `Committed ${brin}` })),
        ),
      );
      const plainWrite = repos.participants.insert({ name: 'Outside any transaction' });
      const [rolledBack] = await Promise.allSettled([slowRollback, commits, plainWrite]);
      expect(rolledBack.status).to.equal('rejected');
      expect((await repos.schools.list()).map((s) => s.brin)).to.deep.equal(['22BB', '33CC', '44DD']);
      expect(await repos.participants.findByName('Outside any transaction')).not.to.equal(null);
    });

    it('records release-ledger rows with categories and counts only', async () => {
      const school = await aSchool();
      const p = await repos.participants.insert({ name: 'P' });
      await repos.ledger.record({
        schoolId: school.id,
        participantId: p.id,
        channel: 'sso',
        categories: ['first_name', 'group_name'],
        peopleCount: 1,
      });
      const rows = await db().dataSource.query('SELECT categories, people_count FROM release_ledger');
      expect(rows).to.deep.equal([{ categories: ['first_name', 'group_name'], people_count: 1 }]);
      await repos.ledger.recordWithAudit(
        { schoolId: school.id, participantId: p.id, channel: 'sso', categories: ['brin'], peopleCount: 1 },
        {
          actor: { type: 'person', id: 'x' },
          action: 'saml.sso.success',
          outcome: 'success',
          schoolId: school.id,
          details: { categories: ['brin'] },
        },
      );
      expect(await db().dataSource.query('SELECT count(*)::int AS n FROM release_ledger')).to.deep.equal([{ n: 2 }]);
      expect((await repos.audit.list({ action: 'saml.sso.success' }))[0]!.details).to.deep.equal({ categories: ['brin'] });
    });
  });
});

import { expect } from 'chai';
import { Secret } from 'otpauth';
import { ACTOR, seedSchool, type SeededSchool } from '../support/federation';
import { totpCode } from '../support/browser-pages';
import { Browser, csrfOf, startTestHub, type TestHub } from '../support/hub';
import { rejects } from '../support/assert';
import { HmacCardTokenSigner } from '../../src/crypto/card-token';

/**
 * The login as an attacker tries it, over real HTTP against a hub on PostgreSQL: every step of the flow
 * entered with a session from an earlier step, parallel requests against every limit, strangers sharing
 * an address with a class. The hub trusts a loopback proxy, so a test can come from any address.
 */
describe('login under attack: second factor, throttles under concurrency, classrooms, no oracle (HTTP, PostgreSQL)', function () {
  let t: TestHub;
  let school: SeededSchool;
  let schoolId = '';
  const SCHOOL_ADDRESS = '198.51.100.10';
  const OUTSIDE = '203.0.113.9';
  const alice = { username: 'alice.51ee', password: 'Sleutelbos-Fiets-91', personId: '', credentialId: '', secret: '' };
  const bram = { username: 'bram.51ee', password: 'Paardenbloem-Kar-44', personId: '', credentialId: '', secret: '' };

  before(async function () {
    t = await startTestHub(this, 'login_attacks', { TRUST_PROXY: 'loopback' });
    school = await seedSchool(t.hub, { brin: '51EE', participant: 'Uitgeverij Q' });
    schoolId = (await t.hub.db.repositories.schools.findByBrin('51EE'))[0]!.id;
    await t.hub.services.schools.setNetworks('51EE', ['127.0.0.0/8', '::1/128', '198.51.100.0/24'], ACTOR);
    for (const d of [alice, bram]) {
      const { person, credential } = await t.hub.services.accounts.createPersonWithAccount(
        {
          schoolId,
          role: 'delegate',
          firstName: d.username.split('.')[0]!,
          lastName: 'Beheer',
          staffEmail: `${d.username}@51ee.example.nl`,
        },
        d.username,
        d.password,
        ACTOR,
      );
      d.personId = person.id;
      d.credentialId = credential.id;
    }
    const { version } = await t.hub.services.agreements.publish(
      { version: '2026.1', body: 'De overeenkomst, versie 2026.1, met alle artikelen.', effectiveFrom: new Date(Date.now() - 1000) },
      ACTOR,
    );
    await t.hub.services.agreements.accept((await t.hub.db.repositories.schools.findById(schoolId))!, version.id, alice.personId, null);
  });
  after(async () => t?.stop());
  // Each test starts with no counters and no used TOTP step (as if half a minute had passed): a code is
  // accepted once, and the tests log in more often than an authenticator shows new codes.
  beforeEach(async () => {
    await t.hub.db.dataSource.query('DELETE FROM login_throttle');
    await t.hub.db.dataSource.query('UPDATE credentials SET totp_last_step = NULL');
  });

  const url = (path: string) => `${t.baseUrl}${path}`;
  const secretOf = (html: string) => /id="totp-secret">([A-Z2-7]+)</.exec(html)?.[1] ?? null;
  const passwordStep = (browser: Browser, username: string, password: string) => browser.passwordLogin(t.baseUrl, username, password);
  const post = (browser: Browser, path: string, fields: Record<string, string>, csrfFrom = path) =>
    browser.submit(url(path), fields, url(csrfFrom));
  /** Password, then the enrolment page's secret confirmed: a fully logged-in delegate. */
  async function enrol(d: typeof alice): Promise<Browser> {
    const b = new Browser();
    expect((await passwordStep(b, d.username, d.password)).location).to.equal(url('/login/2fa/setup'));
    const page = await b.request(url('/login/2fa/setup'));
    d.secret = secretOf(page.body)!;
    const done = await b.request(url('/login/2fa/setup'), { form: { _csrf: csrfOf(page.body), code: totpCode(d.secret) } });
    expect(done.status, done.body.slice(0, 300)).to.equal(200);
    expect(done.body).to.contain('recovery-codes');
    return b;
  }
  const storedSecret = async (credentialId: string) =>
    (await t.hub.db.dataSource.query('SELECT totp_secret_enc FROM credentials WHERE id = $1', [credentialId]))[0].totp_secret_enc as
      | string
      | null;
  const sidOf = (b: Browser) => decodeURIComponent(b.cookie('leerpoort.sid')!).slice(2).split('.')[0]!;
  const loggedIn = async (b: Browser) => (await b.request(url('/portal'))).status === 200;
  const auditCount = async (action: string, reason: string, since: Date) =>
    Number(
      (
        await t.hub.db.dataSource.query(
          "SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND details->>'reason' = $2 AND occurred_at >= $3",
          [action, reason, since],
        )
      )[0].n,
    );
  const statuses = (rs: Array<{ status: number }>) =>
    rs.reduce<Record<number, number>>((m, r) => {
      m[r.status] = (m[r.status] ?? 0) + 1;
      return m;
    }, {});

  describe('1. second factor', () => {
    it('the reported bypass is closed: with only the password, no new secret is shown and the owner’s factor cannot be replaced', async () => {
      const owner = await enrol(alice);
      const before = await storedSecret(alice.credentialId);

      const attacker = new Browser();
      expect((await passwordStep(attacker, alice.username, alice.password)).location).to.equal(url('/login/2fa'));
      const setup = await attacker.request(url('/login/2fa/setup'));
      expect(setup.status, 'an enrolled account never sees the setup page').to.equal(303);
      expect(setup.location).to.equal(url('/login/2fa'));
      expect(secretOf(setup.body)).to.equal(null);
      // A code for a secret of the attacker's own choosing, posted straight at the setup step:
      const csrf = csrfOf((await attacker.request(url('/login/2fa'))).body);
      const own = new Secret({ size: 20 }).base32;
      const forged = await attacker.request(url('/login/2fa/setup'), { form: { _csrf: csrf, code: totpCode(own) } });
      expect(forged.status).to.equal(303);
      expect(forged.location).not.to.equal(url('/portal'));
      for (const path of ['/portal', '/admin', '/class', '/account/two-factor']) {
        const r = await attacker.request(url(path));
        expect(r.status, path).to.equal(303);
        expect(r.location, path).to.contain('/login');
      }
      expect(await storedSecret(alice.credentialId), 'the owner’s secret is untouched').to.equal(before);
      expect(await loggedIn(owner), 'the owner stays logged in').to.equal(true);
    });

    it('two enrolments racing for an account without a factor: exactly one wins, the other is told and not logged in', async () => {
      const a = new Browser();
      const b = new Browser();
      for (const x of [a, b]) expect((await passwordStep(x, bram.username, bram.password)).location).to.equal(url('/login/2fa/setup'));
      const [pa, pb] = await Promise.all([a.request(url('/login/2fa/setup')), b.request(url('/login/2fa/setup'))]);
      const [sa, sb] = [secretOf(pa.body)!, secretOf(pb.body)!];
      expect(sa).not.to.equal(sb);
      const [ra, rb] = await Promise.all([
        a.request(url('/login/2fa/setup'), { form: { _csrf: csrfOf(pa.body), code: totpCode(sa) } }),
        b.request(url('/login/2fa/setup'), { form: { _csrf: csrfOf(pb.body), code: totpCode(sb) } }),
      ]);
      expect([ra.status, rb.status].sort()).to.deep.equal([200, 409]);
      const [winner, loser, winnerSecret] = ra.status === 200 ? [a, b, sa] : [b, a, sb];
      expect(ra.status === 409 ? ra.body : rb.body).to.contain('heeft al tweestapsverificatie');
      expect(await loggedIn(winner)).to.equal(true);
      expect(await loggedIn(loser), 'the loser holds no login').to.equal(false);
      bram.secret = winnerSecret;
      const check = new Browser();
      await passwordStep(check, bram.username, bram.password);
      const ok = await post(check, '/login/2fa', { code: totpCode(winnerSecret, 1) });
      expect(ok.location, 'the stored factor is the winner’s').to.equal(url('/portal'));
    });

    it('a half-way session ages out after 10 minutes, and an account deactivated meanwhile cannot finish', async () => {
      const b = new Browser();
      await passwordStep(b, alice.username, alice.password);
      const csrf = csrfOf((await b.request(url('/login/2fa'))).body);
      await t.hub.db.dataSource.query(
        "UPDATE sessions SET data = jsonb_set(data, '{pendingLogin,startedAt}', to_jsonb((now() - interval '11 minutes')::text)) WHERE sid = $1",
        [sidOf(b)],
      );
      const late = await b.request(url('/login/2fa'), { form: { _csrf: csrf, code: totpCode(alice.secret, 1) } });
      expect(late.location).to.equal(url('/login'));
      expect(await loggedIn(b)).to.equal(false);

      const c = new Browser();
      await passwordStep(c, alice.username, alice.password);
      const csrf2 = csrfOf((await c.request(url('/login/2fa'))).body);
      await t.hub.db.repositories.people.update(alice.personId, { status: 'inactive' });
      try {
        const r = await c.request(url('/login/2fa'), { form: { _csrf: csrf2, code: totpCode(alice.secret, 1) } });
        expect(r.location).to.equal(url('/login'));
        expect(await loggedIn(c)).to.equal(false);
      } finally {
        await t.hub.db.repositories.people.update(alice.personId, { status: 'active' });
      }
    });

    it('wrong codes count per account in the database: a new login or another browser does not reset them; then a doubling wait', async () => {
      const since = new Date();
      const wrong = (x: Browser) => post(x, '/login/2fa', { code: '000000' });
      const a = new Browser();
      await passwordStep(a, alice.username, alice.password);
      for (let i = 0; i < 3; i++) expect((await wrong(a)).status).to.equal(401);
      const b = new Browser();
      await passwordStep(b, alice.username, alice.password);
      for (let i = 0; i < 2; i++) expect((await wrong(b)).status).to.equal(401);
      const c = new Browser();
      await passwordStep(c, alice.username, alice.password);
      const held = await post(c, '/login/2fa', { code: totpCode(alice.secret, 1) });
      expect(held.status, 'even the right code waits now').to.equal(429);
      expect(Number(held.headers.get('retry-after'))).to.be.within(25, 30);
      expect(held.body).to.contain('Te veel onjuiste codes');
      expect(await loggedIn(c)).to.equal(false);
      expect(await auditCount('login.two_factor', 'invalid', since)).to.equal(5);

      await t.hub.db.dataSource.query("UPDATE login_throttle SET blocked_until = now() - interval '1 second'");
      expect((await wrong(c)).status, 'after the wait: one more try').to.equal(401);
      const doubled = await post(c, '/login/2fa', { code: totpCode(alice.secret, 1) });
      expect(doubled.status).to.equal(429);
      expect(Number(doubled.headers.get('retry-after'))).to.be.within(55, 60);
    });

    it('20 parallel wrong codes from one session: 5 are checked, the rest wait (429)', async () => {
      const since = new Date();
      const b = new Browser();
      await passwordStep(b, alice.username, alice.password);
      const csrf = csrfOf((await b.request(url('/login/2fa'))).body);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => b.request(url('/login/2fa'), { form: { _csrf: csrf, code: '111111' } })),
      );
      expect(statuses(results)).to.deep.equal({ 401: 5, 429: 15 });
      expect(await auditCount('login.two_factor', 'invalid', since)).to.equal(5);
    });

    it('a recovery code costs at most one argon2id verification, and parallel uses of one code log in once', async () => {
      const hasher = t.hub.passwordHasher;
      const verify = hasher.verify.bind(hasher);
      let verifications = 0;
      hasher.verify = async (hash, secret) => {
        verifications++;
        return verify(hash, secret);
      };
      try {
        const codes = await t.hub.services.twoFactor.renewRecoveryCodes(alice.credentialId, totpCode(alice.secret, 1), {
          type: 'cli',
          id: 'test',
        });
        expect(codes.ok).to.equal(true);
        const recovery = codes.ok ? codes.codes : [];
        const b = new Browser();
        await passwordStep(b, alice.username, alice.password);
        verifications = 0;
        expect((await post(b, '/login/2fa', { code: 'abcde-12345' })).status).to.equal(401);
        expect(verifications, 'a wrong recovery code: no hash verified at all').to.equal(0);
        const browsers = [new Browser(), new Browser(), new Browser()];
        for (const x of browsers) await passwordStep(x, alice.username, alice.password);
        const csrfs = await Promise.all(browsers.map(async (x) => csrfOf((await x.request(url('/login/2fa'))).body)));
        verifications = 0;
        const results = await Promise.all(
          browsers.map((x, i) => x.request(url('/login/2fa'), { form: { _csrf: csrfs[i]!, code: recovery[0]! } })),
        );
        expect(
          results.filter((r) => r.location === url('/portal')),
          'one login per code',
        ).to.have.length(1);
        expect(verifications, 'one verification per try').to.be.at.most(3);
      } finally {
        hasher.verify = verify;
      }
    });

    it('replacing the factor needs a full login and the current factor; the owner is mailed; the old app stops working', async () => {
      // Half-way sessions do not reach the page.
      const half = new Browser();
      await passwordStep(half, alice.username, alice.password);
      expect((await half.request(url('/account/two-factor'))).status).to.equal(303);

      const b = new Browser();
      await passwordStep(b, alice.username, alice.password);
      expect((await post(b, '/login/2fa', { code: totpCode(alice.secret, 0) })).location).to.equal(url('/portal'));
      const page = await b.request(url('/account/two-factor'));
      expect(page.status).to.equal(200);
      const next = secretOf(page.body)!;
      const refused = await b.request(url('/account/two-factor/replace'), {
        form: { _csrf: csrfOf(page.body), current: '123456', code: totpCode(next) },
      });
      expect(refused.status, 'without the current factor').to.equal(401);
      const replaced = await b.request(url('/account/two-factor/replace'), {
        form: { _csrf: csrfOf(page.body), current: totpCode(alice.secret, 1), code: totpCode(next) },
      });
      expect(replaced.status, replaced.body.slice(0, 300)).to.equal(200);
      expect(replaced.body).to.contain('recovery-codes');
      const old = alice.secret;
      alice.secret = next;
      const mail = (await t.hub.db.repositories.outbox.list()).filter((m) => m.to === `${alice.username}@51ee.example.nl`);
      expect(mail.at(-1)!.body).to.contain('nieuwe authenticator');

      const c = new Browser();
      await passwordStep(c, alice.username, alice.password);
      expect((await post(c, '/login/2fa', { code: totpCode(old, -1) })).status, 'the old app').to.equal(401);
      expect((await post(c, '/login/2fa', { code: totpCode(next, 1) })).location, 'the new app').to.equal(url('/portal'));
    });

    it('another delegate of the school resets a lost factor (audited, mailed, sessions end); not their own, not across schools, not a teacher', async () => {
      const aliceSession = new Browser();
      await passwordStep(aliceSession, alice.username, alice.password);
      expect((await post(aliceSession, '/login/2fa', { code: totpCode(alice.secret, -1) })).location).to.equal(url('/portal'));
      const bramSession = new Browser();
      await passwordStep(bramSession, bram.username, bram.password);
      expect((await post(bramSession, '/login/2fa', { code: totpCode(bram.secret, 0) })).location).to.equal(url('/portal'));

      const own = await post(bramSession, `/admin/people/${bram.personId}/two-factor-reset`, {}, `/admin/people/${bram.personId}`);
      expect(own.status, 'not one’s own').to.equal(400);
      const teacher = new Browser();
      await passwordStep(teacher, school.teacher.username, school.teacher.password);
      const csrf = csrfOf((await teacher.request(url('/portal'))).body);
      expect(
        (await teacher.request(url(`/admin/people/${alice.personId}/two-factor-reset`), { form: { _csrf: csrf } })).status,
        'a teacher',
      ).to.equal(403);

      const reset = await post(bramSession, `/admin/people/${alice.personId}/two-factor-reset`, {}, `/admin/people/${alice.personId}`);
      expect(reset.status).to.equal(303);
      expect(await loggedIn(aliceSession), 'her sessions ended').to.equal(false);
      const [audit] = await t.hub.db.repositories.audit.list({ action: 'two_factor.reset' });
      expect(audit!.actor.id).to.equal(bram.personId);
      expect(audit!.targetId).to.equal(alice.credentialId);
      const mail = (await t.hub.db.repositories.outbox.list()).filter((m) => m.to === `${alice.username}@51ee.example.nl`).at(-1)!;
      expect(mail.body).to.contain('verwijderd door een beheerder');
      const again = new Browser();
      expect((await passwordStep(again, alice.username, alice.password)).location, 'she enrols again').to.equal(url('/login/2fa/setup'));

      const other = await seedSchool(t.hub, { brin: '52FF', participant: 'Uitgeverij Q' });
      const otherSchool = (await t.hub.db.repositories.schools.findByBrin('52FF'))[0]!;
      expect(otherSchool.id).not.to.equal(schoolId);
      expect((await rejects(t.hub.services.twoFactor.resetBySchool(bram.personId, other.teacher.personId, ACTOR))).message).to.contain(
        'Onbekende persoon',
      );
      const foreign = await post(
        bramSession,
        `/admin/people/${other.teacher.personId}/two-factor-reset`,
        {},
        `/admin/people/${alice.personId}`,
      );
      expect(foreign.status, 'another school’s person').to.equal(404);
    });
  });

  describe('2. throttles hold under concurrency', () => {
    it('100 parallel wrong passwords for one account: at most 5 are checked, the rest answer 429 with Retry-After', async () => {
      const since = new Date();
      const b = new Browser(OUTSIDE);
      const csrf = csrfOf((await b.request(url('/login'))).body);
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          b.request(url('/login'), { form: { _csrf: csrf, return: '/portal', username: school.teacher.username, password: `wrong-${i}` } }),
        ),
      );
      const counts = statuses(results);
      expect(counts[401]).to.equal(5);
      expect(counts[429]).to.equal(95);
      expect(results.filter((r) => r.status === 429).every((r) => /^\d+$/.test(r.headers.get('retry-after') ?? ''))).to.equal(true);
      expect(await auditCount('login.password', 'wrong_password', since)).to.equal(5);
    });

    it('100 parallel wrong picture sequences for one pupil: at most 5 are checked', async () => {
      const pictures = (await t.hub.services.pupilLogin.resetPicturePassword(school.pupil.personId, ACTOR)).sequence;
      const wrong = pictures.map((p) => (p === 'zon' ? 'maan' : 'zon')).join(',');
      const b = new Browser(SCHOOL_ADDRESS);
      const path = `/login/pictures/${schoolId}/pupils/${school.pupil.personId}`;
      const csrf = csrfOf((await b.request(url(path))).body);
      const results = await Promise.all(
        Array.from({ length: 100 }, () => b.request(url(path), { form: { _csrf: csrf, sequence: wrong } })),
      );
      expect(statuses(results)).to.deep.equal({ 401: 5, 429: 95 });
      const ok = await new Browser(SCHOOL_ADDRESS).request(url(path));
      expect(ok.status, 'the page itself still opens').to.equal(200);
    });

    it('100 parallel made-up card codes from one address: at most 30 are looked at', async () => {
      const b = new Browser(OUTSIDE);
      const csrf = csrfOf((await b.request(url('/login/card'))).body);
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          b.request(url('/login/card'), {
            form: { _csrf: csrf, token: `LP1.00000000-0000-4000-8000-${String(i).padStart(12, '0')}.AAAAAAAAAAAAAAAAAAAAAA` },
          }),
        ),
      );
      expect(statuses(results)).to.deep.equal({ 401: 30, 429: 70 });
    });
  });

  describe('3. no shared buckets between unrelated users', () => {
    it('made-up card codes from a few addresses do not stop any school’s card logins', async () => {
      for (const address of ['203.0.113.61', '203.0.113.62', '203.0.113.63']) {
        const b = new Browser(address);
        const csrf = csrfOf((await b.request(url('/login/card'))).body);
        for (let i = 0; i < 25; i++) {
          const r = await b.request(url('/login/card'), { form: { _csrf: csrf, token: `LP1.${crypto.randomUUID()}.${'B'.repeat(22)}` } });
          expect(r.status, `code ${i} from ${address}`).to.equal(401);
        }
      }
      const { token } = await t.hub.services.pupilLogin.issueCard(school.pupil.personId, ACTOR);
      const pupil = new Browser(SCHOOL_ADDRESS);
      const res = await post(pupil, '/login/card', { token });
      expect(res.status).to.equal(303);
      expect(res.location).to.equal(url('/portal'));
    });

    it('a classroom shares one address: one pupil hammering wrong passwords in parallel does not lock the class out', async () => {
      const hammer = new Browser(SCHOOL_ADDRESS);
      const csrf = csrfOf((await hammer.request(url('/login'))).body);
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          hammer.request(url('/login'), {
            form: { _csrf: csrf, return: '/portal', username: school.pupil.username, password: `fout-${i}` },
          }),
        ),
      );
      const classmate = await passwordStep(new Browser(SCHOOL_ADDRESS), school.teacher.username, school.teacher.password);
      expect(classmate.status).to.equal(303);
      expect(classmate.location).to.equal(url('/portal'));
    });

    it('a classroom where many pupils mistype (40 failures over 20 accounts) still logs in; outside a school network 30 failures block the address', async () => {
      const b = new Browser(SCHOOL_ADDRESS);
      const csrf = csrfOf((await b.request(url('/login'))).body);
      for (let round = 0; round < 2; round++) {
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            b.request(url('/login'), { form: { _csrf: csrf, return: '/portal', username: `leerling${i}.51ee`, password: 'verkeerd' } }),
          ),
        );
      }
      expect((await passwordStep(new Browser(SCHOOL_ADDRESS), school.pupil.username, school.pupil.password)).location).to.equal(
        url('/portal'),
      );

      const outside = new Browser('203.0.113.70');
      const csrf2 = csrfOf((await outside.request(url('/login'))).body);
      for (let round = 0; round < 2; round++) {
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            outside.request(url('/login'), {
              form: { _csrf: csrf2, return: '/portal', username: `leerling${i}.51ee`, password: 'verkeerd' },
            }),
          ),
        );
      }
      expect((await passwordStep(new Browser('203.0.113.70'), school.teacher.username, school.teacher.password)).status).to.equal(429);
    });
  });

  describe('cards', () => {
    it('a card row for a staff member (never printed by the hub) logs nobody in: cards are for pupils, staff may need a second factor', async () => {
      const card = await t.hub.db.repositories.loginCards.issue(bram.personId, new Date(Date.now() + 86_400_000));
      const token = new HmacCardTokenSigner(t.hub.secrets.sessionSecret).sign(card.id);
      const b = new Browser(SCHOOL_ADDRESS);
      const res = await post(b, '/login/card', { token });
      expect(res.status).to.equal(401);
      expect(await loggedIn(b)).to.equal(false);
    });
  });

  describe('5. no password oracle', () => {
    it('a pupil outside the school network (home access off) gets the same answer for the right and a wrong password', async () => {
      const right = await passwordStep(new Browser(OUTSIDE), school.pupil.username, school.pupil.password);
      const wrong = await passwordStep(new Browser(OUTSIDE), school.pupil.username, 'niet-mijn-wachtwoord');
      const normalise = (body: string) => body.replace(/name="_csrf" value="[^"]+"/g, '').replace(/<code>[^<]*<\/code>/g, '');
      expect(right.status).to.equal(wrong.status);
      expect(normalise(right.body)).to.equal(normalise(wrong.body));
      expect(right.status).to.equal(403);
      expect(right.body).to.contain('Inloggen kan alleen op school');
    });
  });

  describe('/class and the second factor', () => {
    it('a teacher whose school turns on two-step verification is asked for it at /class on the next request, not only at the next login', async () => {
      const b = new Browser();
      expect((await passwordStep(b, school.teacher.username, school.teacher.password)).location).to.equal(url('/portal'));
      expect((await b.request(url('/class'))).status).to.equal(200);
      await t.hub.services.schools.setTeacherTwoFactor('51EE', true, ACTOR);
      try {
        const r = await b.request(url('/class'));
        expect(r.status).to.equal(403);
        expect(r.body).to.contain('tweestapsverificatie');
      } finally {
        await t.hub.services.schools.setTeacherTwoFactor('51EE', false, ACTOR);
      }
    });
  });
});

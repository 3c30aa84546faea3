"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const otpauth_1 = require("otpauth");
const federation_1 = require("../support/federation");
const browser_pages_1 = require("../support/browser-pages");
const hub_1 = require("../support/hub");
const assert_1 = require("../support/assert");
const card_token_1 = require("../../src/crypto/card-token");
/**
 * The login as an attacker tries it, over real HTTP against a hub on PostgreSQL: every step of the flow
 * entered with a session from an earlier step, parallel requests against every limit, strangers sharing
 * an address with a class. The hub trusts a loopback proxy, so a test can come from any address.
 */
describe('login under attack: second factor, throttles under concurrency, classrooms, no oracle (HTTP, PostgreSQL)', function () {
    let t;
    let school;
    let schoolId = '';
    const SCHOOL_ADDRESS = '198.51.100.10';
    const OUTSIDE = '203.0.113.9';
    const alice = { username: 'alice.51ee', password: 'Sleutelbos-Fiets-91', personId: '', credentialId: '', secret: '' };
    const bram = { username: 'bram.51ee', password: 'Paardenbloem-Kar-44', personId: '', credentialId: '', secret: '' };
    before(async function () {
        t = await (0, hub_1.startTestHub)(this, 'login_attacks', { TRUST_PROXY: 'loopback' });
        school = await (0, federation_1.seedSchool)(t.hub, { brin: '51EE', participant: 'Uitgeverij Q' });
        schoolId = (await t.hub.db.repositories.schools.findByBrin('51EE'))[0].id;
        await t.hub.services.schools.setNetworks('51EE', ['127.0.0.0/8', '::1/128', '198.51.100.0/24'], federation_1.ACTOR);
        for (const d of [alice, bram]) {
            const { person, credential } = await t.hub.services.accounts.createPersonWithAccount({
                schoolId,
                role: 'delegate',
                firstName: d.username.split('.')[0],
                lastName: 'Beheer',
                staffEmail: `${d.username}@51ee.example.nl`,
            }, d.username, d.password, federation_1.ACTOR);
            d.personId = person.id;
            d.credentialId = credential.id;
        }
        const { version } = await t.hub.services.agreements.publish({ version: '2026.1', body: 'De overeenkomst, versie 2026.1, met alle artikelen.', effectiveFrom: new Date(Date.now() - 1000) }, federation_1.ACTOR);
        await t.hub.services.agreements.accept((await t.hub.db.repositories.schools.findById(schoolId)), version.id, alice.personId, null);
    });
    after(async () => t?.stop());
    // Each test starts with no counters and no used TOTP step (as if half a minute had passed): a code is
    // accepted once, and the tests log in more often than an authenticator shows new codes.
    beforeEach(async () => {
        await t.hub.db.dataSource.query('DELETE FROM login_throttle');
        await t.hub.db.dataSource.query('UPDATE credentials SET totp_last_step = NULL');
    });
    const url = (path) => `${t.baseUrl}${path}`;
    const secretOf = (html) => /id="totp-secret">([A-Z2-7]+)</.exec(html)?.[1] ?? null;
    const passwordStep = (browser, username, password) => browser.passwordLogin(t.baseUrl, username, password);
    const post = (browser, path, fields, csrfFrom = path) => browser.submit(url(path), fields, url(csrfFrom));
    /** Password, then the enrolment page's secret confirmed: a fully logged-in delegate. */
    async function enrol(d) {
        const b = new hub_1.Browser();
        (0, chai_1.expect)((await passwordStep(b, d.username, d.password)).location).to.equal(url('/login/2fa/setup'));
        const page = await b.request(url('/login/2fa/setup'));
        d.secret = secretOf(page.body);
        const done = await b.request(url('/login/2fa/setup'), { form: { _csrf: (0, hub_1.csrfOf)(page.body), code: (0, browser_pages_1.totpCode)(d.secret) } });
        (0, chai_1.expect)(done.status, done.body.slice(0, 300)).to.equal(200);
        (0, chai_1.expect)(done.body).to.contain('recovery-codes');
        return b;
    }
    const storedSecret = async (credentialId) => (await t.hub.db.dataSource.query('SELECT totp_secret_enc FROM credentials WHERE id = $1', [credentialId]))[0].totp_secret_enc;
    const sidOf = (b) => decodeURIComponent(b.cookie('leerpoort.sid')).slice(2).split('.')[0];
    const loggedIn = async (b) => (await b.request(url('/portal'))).status === 200;
    const auditCount = async (action, reason, since) => Number((await t.hub.db.dataSource.query("SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND details->>'reason' = $2 AND occurred_at >= $3", [action, reason, since]))[0].n);
    const statuses = (rs) => rs.reduce((m, r) => {
        m[r.status] = (m[r.status] ?? 0) + 1;
        return m;
    }, {});
    describe('1. second factor', () => {
        it('the reported bypass is closed: with only the password, no new secret is shown and the owner’s factor cannot be replaced', async () => {
            const owner = await enrol(alice);
            const before = await storedSecret(alice.credentialId);
            const attacker = new hub_1.Browser();
            (0, chai_1.expect)((await passwordStep(attacker, alice.username, alice.password)).location).to.equal(url('/login/2fa'));
            const setup = await attacker.request(url('/login/2fa/setup'));
            (0, chai_1.expect)(setup.status, 'an enrolled account never sees the setup page').to.equal(303);
            (0, chai_1.expect)(setup.location).to.equal(url('/login/2fa'));
            (0, chai_1.expect)(secretOf(setup.body)).to.equal(null);
            // A code for a secret of the attacker's own choosing, posted straight at the setup step:
            const csrf = (0, hub_1.csrfOf)((await attacker.request(url('/login/2fa'))).body);
            const own = new otpauth_1.Secret({ size: 20 }).base32;
            const forged = await attacker.request(url('/login/2fa/setup'), { form: { _csrf: csrf, code: (0, browser_pages_1.totpCode)(own) } });
            (0, chai_1.expect)(forged.status).to.equal(303);
            (0, chai_1.expect)(forged.location).not.to.equal(url('/portal'));
            for (const path of ['/portal', '/admin', '/class', '/account/two-factor']) {
                const r = await attacker.request(url(path));
                (0, chai_1.expect)(r.status, path).to.equal(303);
                (0, chai_1.expect)(r.location, path).to.contain('/login');
            }
            (0, chai_1.expect)(await storedSecret(alice.credentialId), 'the owner’s secret is untouched').to.equal(before);
            (0, chai_1.expect)(await loggedIn(owner), 'the owner stays logged in').to.equal(true);
        });
        it('two enrolments racing for an account without a factor: exactly one wins, the other is told and not logged in', async () => {
            const a = new hub_1.Browser();
            const b = new hub_1.Browser();
            for (const x of [a, b])
                (0, chai_1.expect)((await passwordStep(x, bram.username, bram.password)).location).to.equal(url('/login/2fa/setup'));
            const [pa, pb] = await Promise.all([a.request(url('/login/2fa/setup')), b.request(url('/login/2fa/setup'))]);
            const [sa, sb] = [secretOf(pa.body), secretOf(pb.body)];
            (0, chai_1.expect)(sa).not.to.equal(sb);
            const [ra, rb] = await Promise.all([
                a.request(url('/login/2fa/setup'), { form: { _csrf: (0, hub_1.csrfOf)(pa.body), code: (0, browser_pages_1.totpCode)(sa) } }),
                b.request(url('/login/2fa/setup'), { form: { _csrf: (0, hub_1.csrfOf)(pb.body), code: (0, browser_pages_1.totpCode)(sb) } }),
            ]);
            (0, chai_1.expect)([ra.status, rb.status].sort()).to.deep.equal([200, 409]);
            const [winner, loser, winnerSecret] = ra.status === 200 ? [a, b, sa] : [b, a, sb];
            (0, chai_1.expect)(ra.status === 409 ? ra.body : rb.body).to.contain('heeft al tweestapsverificatie');
            (0, chai_1.expect)(await loggedIn(winner)).to.equal(true);
            (0, chai_1.expect)(await loggedIn(loser), 'the loser holds no login').to.equal(false);
            bram.secret = winnerSecret;
            const check = new hub_1.Browser();
            await passwordStep(check, bram.username, bram.password);
            const ok = await post(check, '/login/2fa', { code: (0, browser_pages_1.totpCode)(winnerSecret, 1) });
            (0, chai_1.expect)(ok.location, 'the stored factor is the winner’s').to.equal(url('/portal'));
        });
        it('a half-way session ages out after 10 minutes, and an account deactivated meanwhile cannot finish', async () => {
            const b = new hub_1.Browser();
            await passwordStep(b, alice.username, alice.password);
            const csrf = (0, hub_1.csrfOf)((await b.request(url('/login/2fa'))).body);
            await t.hub.db.dataSource.query("UPDATE sessions SET data = jsonb_set(data, '{pendingLogin,startedAt}', to_jsonb((now() - interval '11 minutes')::text)) WHERE sid = $1", [sidOf(b)]);
            const late = await b.request(url('/login/2fa'), { form: { _csrf: csrf, code: (0, browser_pages_1.totpCode)(alice.secret, 1) } });
            (0, chai_1.expect)(late.location).to.equal(url('/login'));
            (0, chai_1.expect)(await loggedIn(b)).to.equal(false);
            const c = new hub_1.Browser();
            await passwordStep(c, alice.username, alice.password);
            const csrf2 = (0, hub_1.csrfOf)((await c.request(url('/login/2fa'))).body);
            await t.hub.db.repositories.people.update(alice.personId, { status: 'inactive' });
            try {
                const r = await c.request(url('/login/2fa'), { form: { _csrf: csrf2, code: (0, browser_pages_1.totpCode)(alice.secret, 1) } });
                (0, chai_1.expect)(r.location).to.equal(url('/login'));
                (0, chai_1.expect)(await loggedIn(c)).to.equal(false);
            }
            finally {
                await t.hub.db.repositories.people.update(alice.personId, { status: 'active' });
            }
        });
        it('wrong codes count per account in the database: a new login or another browser does not reset them; then a doubling wait', async () => {
            const since = new Date();
            const wrong = (x) => post(x, '/login/2fa', { code: '000000' });
            const a = new hub_1.Browser();
            await passwordStep(a, alice.username, alice.password);
            for (let i = 0; i < 3; i++)
                (0, chai_1.expect)((await wrong(a)).status).to.equal(401);
            const b = new hub_1.Browser();
            await passwordStep(b, alice.username, alice.password);
            for (let i = 0; i < 2; i++)
                (0, chai_1.expect)((await wrong(b)).status).to.equal(401);
            const c = new hub_1.Browser();
            await passwordStep(c, alice.username, alice.password);
            const held = await post(c, '/login/2fa', { code: (0, browser_pages_1.totpCode)(alice.secret, 1) });
            (0, chai_1.expect)(held.status, 'even the right code waits now').to.equal(429);
            (0, chai_1.expect)(Number(held.headers.get('retry-after'))).to.be.within(25, 30);
            (0, chai_1.expect)(held.body).to.contain('Te veel onjuiste codes');
            (0, chai_1.expect)(await loggedIn(c)).to.equal(false);
            (0, chai_1.expect)(await auditCount('login.two_factor', 'invalid', since)).to.equal(5);
            await t.hub.db.dataSource.query("UPDATE login_throttle SET blocked_until = now() - interval '1 second'");
            (0, chai_1.expect)((await wrong(c)).status, 'after the wait: one more try').to.equal(401);
            const doubled = await post(c, '/login/2fa', { code: (0, browser_pages_1.totpCode)(alice.secret, 1) });
            (0, chai_1.expect)(doubled.status).to.equal(429);
            (0, chai_1.expect)(Number(doubled.headers.get('retry-after'))).to.be.within(55, 60);
        });
        it('20 parallel wrong codes from one session: 5 are checked, the rest wait (429)', async () => {
            const since = new Date();
            const b = new hub_1.Browser();
            await passwordStep(b, alice.username, alice.password);
            const csrf = (0, hub_1.csrfOf)((await b.request(url('/login/2fa'))).body);
            const results = await Promise.all(Array.from({ length: 20 }, () => b.request(url('/login/2fa'), { form: { _csrf: csrf, code: '111111' } })));
            (0, chai_1.expect)(statuses(results)).to.deep.equal({ 401: 5, 429: 15 });
            (0, chai_1.expect)(await auditCount('login.two_factor', 'invalid', since)).to.equal(5);
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
                const codes = await t.hub.services.twoFactor.renewRecoveryCodes(alice.credentialId, (0, browser_pages_1.totpCode)(alice.secret, 1), {
                    type: 'cli',
                    id: 'test',
                });
                (0, chai_1.expect)(codes.ok).to.equal(true);
                const recovery = codes.ok ? codes.codes : [];
                const b = new hub_1.Browser();
                await passwordStep(b, alice.username, alice.password);
                verifications = 0;
                (0, chai_1.expect)((await post(b, '/login/2fa', { code: 'abcde-12345' })).status).to.equal(401);
                (0, chai_1.expect)(verifications, 'a wrong recovery code: no hash verified at all').to.equal(0);
                const browsers = [new hub_1.Browser(), new hub_1.Browser(), new hub_1.Browser()];
                for (const x of browsers)
                    await passwordStep(x, alice.username, alice.password);
                const csrfs = await Promise.all(browsers.map(async (x) => (0, hub_1.csrfOf)((await x.request(url('/login/2fa'))).body)));
                verifications = 0;
                const results = await Promise.all(browsers.map((x, i) => x.request(url('/login/2fa'), { form: { _csrf: csrfs[i], code: recovery[0] } })));
                (0, chai_1.expect)(results.filter((r) => r.location === url('/portal')), 'one login per code').to.have.length(1);
                (0, chai_1.expect)(verifications, 'one verification per try').to.be.at.most(3);
            }
            finally {
                hasher.verify = verify;
            }
        });
        it('replacing the factor needs a full login and the current factor; the owner is mailed; the old app stops working', async () => {
            // Half-way sessions do not reach the page.
            const half = new hub_1.Browser();
            await passwordStep(half, alice.username, alice.password);
            (0, chai_1.expect)((await half.request(url('/account/two-factor'))).status).to.equal(303);
            const b = new hub_1.Browser();
            await passwordStep(b, alice.username, alice.password);
            (0, chai_1.expect)((await post(b, '/login/2fa', { code: (0, browser_pages_1.totpCode)(alice.secret, 0) })).location).to.equal(url('/portal'));
            const page = await b.request(url('/account/two-factor'));
            (0, chai_1.expect)(page.status).to.equal(200);
            const next = secretOf(page.body);
            const refused = await b.request(url('/account/two-factor/replace'), {
                form: { _csrf: (0, hub_1.csrfOf)(page.body), current: '123456', code: (0, browser_pages_1.totpCode)(next) },
            });
            (0, chai_1.expect)(refused.status, 'without the current factor').to.equal(401);
            const replaced = await b.request(url('/account/two-factor/replace'), {
                form: { _csrf: (0, hub_1.csrfOf)(page.body), current: (0, browser_pages_1.totpCode)(alice.secret, 1), code: (0, browser_pages_1.totpCode)(next) },
            });
            (0, chai_1.expect)(replaced.status, replaced.body.slice(0, 300)).to.equal(200);
            (0, chai_1.expect)(replaced.body).to.contain('recovery-codes');
            const old = alice.secret;
            alice.secret = next;
            const mail = (await t.hub.db.repositories.outbox.list()).filter((m) => m.to === `${alice.username}@51ee.example.nl`);
            (0, chai_1.expect)(mail.at(-1).body).to.contain('nieuwe authenticator');
            const c = new hub_1.Browser();
            await passwordStep(c, alice.username, alice.password);
            (0, chai_1.expect)((await post(c, '/login/2fa', { code: (0, browser_pages_1.totpCode)(old, -1) })).status, 'the old app').to.equal(401);
            (0, chai_1.expect)((await post(c, '/login/2fa', { code: (0, browser_pages_1.totpCode)(next, 1) })).location, 'the new app').to.equal(url('/portal'));
        });
        it('another delegate of the school resets a lost factor (audited, mailed, sessions end); not their own, not across schools, not a teacher', async () => {
            const aliceSession = new hub_1.Browser();
            await passwordStep(aliceSession, alice.username, alice.password);
            (0, chai_1.expect)((await post(aliceSession, '/login/2fa', { code: (0, browser_pages_1.totpCode)(alice.secret, -1) })).location).to.equal(url('/portal'));
            const bramSession = new hub_1.Browser();
            await passwordStep(bramSession, bram.username, bram.password);
            (0, chai_1.expect)((await post(bramSession, '/login/2fa', { code: (0, browser_pages_1.totpCode)(bram.secret, 0) })).location).to.equal(url('/portal'));
            const own = await post(bramSession, `/admin/people/${bram.personId}/two-factor-reset`, {}, `/admin/people/${bram.personId}`);
            (0, chai_1.expect)(own.status, 'not one’s own').to.equal(400);
            const teacher = new hub_1.Browser();
            await passwordStep(teacher, school.teacher.username, school.teacher.password);
            const csrf = (0, hub_1.csrfOf)((await teacher.request(url('/portal'))).body);
            (0, chai_1.expect)((await teacher.request(url(`/admin/people/${alice.personId}/two-factor-reset`), { form: { _csrf: csrf } })).status, 'a teacher').to.equal(403);
            const reset = await post(bramSession, `/admin/people/${alice.personId}/two-factor-reset`, {}, `/admin/people/${alice.personId}`);
            (0, chai_1.expect)(reset.status).to.equal(303);
            (0, chai_1.expect)(await loggedIn(aliceSession), 'her sessions ended').to.equal(false);
            const [audit] = await t.hub.db.repositories.audit.list({ action: 'two_factor.reset' });
            (0, chai_1.expect)(audit.actor.id).to.equal(bram.personId);
            (0, chai_1.expect)(audit.targetId).to.equal(alice.credentialId);
            const mail = (await t.hub.db.repositories.outbox.list()).filter((m) => m.to === `${alice.username}@51ee.example.nl`).at(-1);
            (0, chai_1.expect)(mail.body).to.contain('verwijderd door een beheerder');
            const again = new hub_1.Browser();
            (0, chai_1.expect)((await passwordStep(again, alice.username, alice.password)).location, 'she enrols again').to.equal(url('/login/2fa/setup'));
            const other = await (0, federation_1.seedSchool)(t.hub, { brin: '52FF', participant: 'Uitgeverij Q' });
            const otherSchool = (await t.hub.db.repositories.schools.findByBrin('52FF'))[0];
            (0, chai_1.expect)(otherSchool.id).not.to.equal(schoolId);
            (0, chai_1.expect)((await (0, assert_1.rejects)(t.hub.services.twoFactor.resetBySchool(bram.personId, other.teacher.personId, federation_1.ACTOR))).message).to.contain('Onbekende persoon');
            const foreign = await post(bramSession, `/admin/people/${other.teacher.personId}/two-factor-reset`, {}, `/admin/people/${alice.personId}`);
            (0, chai_1.expect)(foreign.status, 'another school’s person').to.equal(404);
        });
    });
    describe('2. throttles hold under concurrency', () => {
        it('100 parallel wrong passwords for one account: at most 5 are checked, the rest answer 429 with Retry-After', async () => {
            const since = new Date();
            const b = new hub_1.Browser(OUTSIDE);
            const csrf = (0, hub_1.csrfOf)((await b.request(url('/login'))).body);
            const results = await Promise.all(Array.from({ length: 100 }, (_, i) => b.request(url('/login'), { form: { _csrf: csrf, return: '/portal', username: school.teacher.username, password: `wrong-${i}` } })));
            const counts = statuses(results);
            (0, chai_1.expect)(counts[401]).to.equal(5);
            (0, chai_1.expect)(counts[429]).to.equal(95);
            (0, chai_1.expect)(results.filter((r) => r.status === 429).every((r) => /^\d+$/.test(r.headers.get('retry-after') ?? ''))).to.equal(true);
            (0, chai_1.expect)(await auditCount('login.password', 'wrong_password', since)).to.equal(5);
        });
        it('100 parallel wrong picture sequences for one pupil: at most 5 are checked', async () => {
            const pictures = (await t.hub.services.pupilLogin.resetPicturePassword(school.pupil.personId, federation_1.ACTOR)).sequence;
            const wrong = pictures.map((p) => (p === 'zon' ? 'maan' : 'zon')).join(',');
            const b = new hub_1.Browser(SCHOOL_ADDRESS);
            const path = `/login/pictures/${schoolId}/pupils/${school.pupil.personId}`;
            const csrf = (0, hub_1.csrfOf)((await b.request(url(path))).body);
            const results = await Promise.all(Array.from({ length: 100 }, () => b.request(url(path), { form: { _csrf: csrf, sequence: wrong } })));
            (0, chai_1.expect)(statuses(results)).to.deep.equal({ 401: 5, 429: 95 });
            const ok = await new hub_1.Browser(SCHOOL_ADDRESS).request(url(path));
            (0, chai_1.expect)(ok.status, 'the page itself still opens').to.equal(200);
        });
        it('100 parallel made-up card codes from one address: at most 30 are looked at', async () => {
            const b = new hub_1.Browser(OUTSIDE);
            const csrf = (0, hub_1.csrfOf)((await b.request(url('/login/card'))).body);
            const results = await Promise.all(Array.from({ length: 100 }, (_, i) => b.request(url('/login/card'), {
                form: { _csrf: csrf, token: `LP1.00000000-0000-4000-8000-${String(i).padStart(12, '0')}.AAAAAAAAAAAAAAAAAAAAAA` },
            })));
            (0, chai_1.expect)(statuses(results)).to.deep.equal({ 401: 30, 429: 70 });
        });
    });
    describe('3. no shared buckets between unrelated users', () => {
        it('made-up card codes from a few addresses do not stop any school’s card logins', async () => {
            for (const address of ['203.0.113.61', '203.0.113.62', '203.0.113.63']) {
                const b = new hub_1.Browser(address);
                const csrf = (0, hub_1.csrfOf)((await b.request(url('/login/card'))).body);
                for (let i = 0; i < 25; i++) {
                    const r = await b.request(url('/login/card'), { form: { _csrf: csrf, token: `LP1.${crypto.randomUUID()}.${'B'.repeat(22)}` } });
                    (0, chai_1.expect)(r.status, `code ${i} from ${address}`).to.equal(401);
                }
            }
            const { token } = await t.hub.services.pupilLogin.issueCard(school.pupil.personId, federation_1.ACTOR);
            const pupil = new hub_1.Browser(SCHOOL_ADDRESS);
            const res = await post(pupil, '/login/card', { token });
            (0, chai_1.expect)(res.status).to.equal(303);
            (0, chai_1.expect)(res.location).to.equal(url('/portal'));
        });
        it('a classroom shares one address: one pupil hammering wrong passwords in parallel does not lock the class out', async () => {
            const hammer = new hub_1.Browser(SCHOOL_ADDRESS);
            const csrf = (0, hub_1.csrfOf)((await hammer.request(url('/login'))).body);
            await Promise.all(Array.from({ length: 30 }, (_, i) => hammer.request(url('/login'), {
                form: { _csrf: csrf, return: '/portal', username: school.pupil.username, password: `fout-${i}` },
            })));
            const classmate = await passwordStep(new hub_1.Browser(SCHOOL_ADDRESS), school.teacher.username, school.teacher.password);
            (0, chai_1.expect)(classmate.status).to.equal(303);
            (0, chai_1.expect)(classmate.location).to.equal(url('/portal'));
        });
        it('a classroom where many pupils mistype (40 failures over 20 accounts) still logs in; outside a school network 30 failures block the address', async () => {
            const b = new hub_1.Browser(SCHOOL_ADDRESS);
            const csrf = (0, hub_1.csrfOf)((await b.request(url('/login'))).body);
            for (let round = 0; round < 2; round++) {
                await Promise.all(Array.from({ length: 20 }, (_, i) => b.request(url('/login'), { form: { _csrf: csrf, return: '/portal', username: `leerling${i}.51ee`, password: 'verkeerd' } })));
            }
            (0, chai_1.expect)((await passwordStep(new hub_1.Browser(SCHOOL_ADDRESS), school.pupil.username, school.pupil.password)).location).to.equal(url('/portal'));
            const outside = new hub_1.Browser('203.0.113.70');
            const csrf2 = (0, hub_1.csrfOf)((await outside.request(url('/login'))).body);
            for (let round = 0; round < 2; round++) {
                await Promise.all(Array.from({ length: 20 }, (_, i) => outside.request(url('/login'), {
                    form: { _csrf: csrf2, return: '/portal', username: `leerling${i}.51ee`, password: 'verkeerd' },
                })));
            }
            (0, chai_1.expect)((await passwordStep(new hub_1.Browser('203.0.113.70'), school.teacher.username, school.teacher.password)).status).to.equal(429);
        });
    });
    describe('cards', () => {
        it('a card row for a staff member (never printed by the hub) logs nobody in: cards are for pupils, staff may need a second factor', async () => {
            const card = await t.hub.db.repositories.loginCards.issue(bram.personId, new Date(Date.now() + 86_400_000));
            const token = new card_token_1.HmacCardTokenSigner(t.hub.secrets.sessionSecret).sign(card.id);
            const b = new hub_1.Browser(SCHOOL_ADDRESS);
            const res = await post(b, '/login/card', { token });
            (0, chai_1.expect)(res.status).to.equal(401);
            (0, chai_1.expect)(await loggedIn(b)).to.equal(false);
        });
    });
    describe('5. no password oracle', () => {
        it('a pupil outside the school network (home access off) gets the same answer for the right and a wrong password', async () => {
            const right = await passwordStep(new hub_1.Browser(OUTSIDE), school.pupil.username, school.pupil.password);
            const wrong = await passwordStep(new hub_1.Browser(OUTSIDE), school.pupil.username, 'niet-mijn-wachtwoord');
            const normalise = (body) => body.replace(/name="_csrf" value="[^"]+"/g, '').replace(/<code>[^<]*<\/code>/g, '');
            (0, chai_1.expect)(right.status).to.equal(wrong.status);
            (0, chai_1.expect)(normalise(right.body)).to.equal(normalise(wrong.body));
            (0, chai_1.expect)(right.status).to.equal(403);
            (0, chai_1.expect)(right.body).to.contain('Inloggen kan alleen op school');
        });
    });
    describe('/class and the second factor', () => {
        it('a teacher whose school turns on two-step verification is asked for it at /class on the next request, not only at the next login', async () => {
            const b = new hub_1.Browser();
            (0, chai_1.expect)((await passwordStep(b, school.teacher.username, school.teacher.password)).location).to.equal(url('/portal'));
            (0, chai_1.expect)((await b.request(url('/class'))).status).to.equal(200);
            await t.hub.services.schools.setTeacherTwoFactor('51EE', true, federation_1.ACTOR);
            try {
                const r = await b.request(url('/class'));
                (0, chai_1.expect)(r.status).to.equal(403);
                (0, chai_1.expect)(r.body).to.contain('tweestapsverificatie');
            }
            finally {
                await t.hub.services.schools.setTeacherTwoFactor('51EE', false, federation_1.ACTOR);
            }
        });
    });
});
//# sourceMappingURL=login-attacks.test.js.map
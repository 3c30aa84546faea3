"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const pg_1 = require("pg");
const federation_1 = require("../support/federation");
const hub_1 = require("../support/hub");
/**
 * Work that costs the hub before anyone is authenticated — an argon2id verification per token request, a
 * mail per reset request — is bounded, and answers do not reveal what the work found.
 */
describe('expensive work before authentication is bounded: token endpoint, reset and parent-link mails (HTTP, PostgreSQL)', function () {
    let t;
    let school;
    let creds;
    before(async function () {
        t = await (0, hub_1.startTestHub)(this, 'expensive', { TRUST_PROXY: 'loopback' });
        school = await (0, federation_1.seedSchool)(t.hub, { brin: '61GG', participant: 'Uitgeverij T' });
        creds = await t.hub.services.apiClients.issue('Uitgeverij T', federation_1.ACTOR);
        await t.hub.services.accounts.changeHomeAccessEmail(school.pupil.username, { add: 'ouder@61gg.example.nl' }, federation_1.ACTOR);
    });
    after(async () => t?.stop());
    beforeEach(async () => t.hub.db.dataSource.query('DELETE FROM login_throttle'));
    const url = (path) => `${t.baseUrl}${path}`;
    const token = (form, from) => fetch(url('/api/v1/oauth/token'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from },
        body: new URLSearchParams({ grant_type: 'client_credentials', ...form }).toString(),
    });
    const statuses = (rs) => rs.reduce((m, r) => {
        m[r.status] = (m[r.status] ?? 0) + 1;
        return m;
    }, {});
    const formPost = (b, path, fields) => b.submit(url(path), fields);
    const mailsTo = async (to) => (await t.hub.db.repositories.outbox.list()).filter((m) => m.to === to).length;
    describe('4a. POST /api/v1/oauth/token', () => {
        it('a flood of bogus client credentials is turned away with 429 before hashing, while a real login completes meanwhile', async () => {
            const fromOne = Array.from({ length: 150 }, (_, i) => token({ client_id: `lp_bogus${i}`, client_secret: 'x' }, '203.0.113.40'));
            const fromMany = Array.from({ length: 150 }, (_, i) => token({ client_id: `lp_bogus${i}`, client_secret: 'x' }, `198.18.${i >> 8}.${i & 255}`));
            const login = await new hub_1.Browser().passwordLogin(t.baseUrl, school.teacher.username, school.teacher.password);
            (0, chai_1.expect)(login.status, 'the real user logs in during the flood').to.equal(303);
            (0, chai_1.expect)(login.location).to.equal(url('/portal'));
            const flood = await Promise.all([...fromOne, ...fromMany]);
            const counts = statuses(flood);
            (0, chai_1.expect)((counts[429] ?? 0) + (counts[401] ?? 0)).to.equal(300);
            (0, chai_1.expect)(counts[429], JSON.stringify(counts)).to.be.at.least(200);
            (0, chai_1.expect)(flood.filter((r) => r.status === 429).every((r) => /^\d+$/.test(r.headers.get('retry-after') ?? ''))).to.equal(true);
            const [audit] = await t.hub.db.dataSource.query("SELECT count(*)::int AS n FROM audit_events WHERE action = 'api.token' AND details->>'reason' = 'invalid'");
            (0, chai_1.expect)(audit.n, 'secrets actually checked').to.equal(counts[401]);
        });
        it('wrong secrets for one client id from many addresses: after 10 the id waits (and the right secret then works again)', async () => {
            const results = [];
            for (let i = 0; i < 12; i++)
                results.push((await token({ client_id: creds.clientId, client_secret: `guess-${i}` }, `198.19.0.${i + 1}`)).status);
            (0, chai_1.expect)(results.slice(0, 10)).to.deep.equal(Array(10).fill(401));
            (0, chai_1.expect)(results.slice(10)).to.deep.equal([429, 429]);
            await t.hub.db.dataSource.query("UPDATE login_throttle SET blocked_until = now() - interval '1 second'");
            (0, chai_1.expect)((await token({ client_id: creds.clientId, client_secret: creds.clientSecret }, '198.19.1.1')).status).to.equal(200);
        });
    });
    describe('4b. mail-sending forms', () => {
        it('reset requests are limited per address (429 with Retry-After) and per target (at most 3 mails, whoever asks)', async () => {
            const b = new hub_1.Browser('203.0.113.41');
            const answers = [];
            for (let i = 0; i < 11; i++)
                answers.push(await formPost(b, '/login/reset', { account: `niemand${i}` }));
            (0, chai_1.expect)(answers.slice(0, 10).map((r) => r.status)).to.deep.equal(Array(10).fill(200));
            (0, chai_1.expect)(answers[10].status).to.equal(429);
            (0, chai_1.expect)(answers[10].headers.get('retry-after')).to.match(/^\d+$/);
            for (let i = 0; i < 5; i++)
                (0, chai_1.expect)((await formPost(new hub_1.Browser(`203.0.113.${100 + i}`), '/login/reset', { account: school.teacher.username })).status).to.equal(200);
            await t.server.background.drain();
            (0, chai_1.expect)(await mailsTo('g.zwaan@61gg.example.nl')).to.equal(3);
            for (let i = 0; i < 5; i++)
                (0, chai_1.expect)((await formPost(new hub_1.Browser(`203.0.113.${110 + i}`), '/login/parents/password', { email: 'ouder@61gg.example.nl' })).status).to.equal(200);
            await t.server.background.drain();
            (0, chai_1.expect)(await mailsTo('ouder@61gg.example.nl')).to.equal(3);
        });
        it('the answer does not wait for the account lookup or the mail: the same page at the same moment, even while the outbox is locked', async () => {
            await t.hub.db.dataSource.query('DELETE FROM login_throttle; DELETE FROM outbox');
            const locker = new pg_1.Client({ connectionString: t.hub.config.databaseUrl });
            await locker.connect();
            try {
                await locker.query('BEGIN');
                await locker.query('LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE');
                const timed = async (account) => {
                    const started = Date.now();
                    const r = await formPost(new hub_1.Browser(`203.0.113.${120 + account.length}`), '/login/reset', { account });
                    return { ms: Date.now() - started, done: /id="reset-done">([^<]+)</.exec(r.body)?.[1], status: r.status };
                };
                // The outbox stays locked for 3 seconds: an answer that waited for the mail would take that long.
                const release = new Promise((r) => setTimeout(r, 3000));
                const [existing, unknown] = await Promise.all([timed(school.teacher.username), timed('bestaat.niet')]);
                (0, chai_1.expect)(existing.status).to.equal(200);
                (0, chai_1.expect)(existing.done).to.equal(unknown.done);
                (0, chai_1.expect)(existing.ms, 'answered while the mail still waits').to.be.below(2000);
                await release;
            }
            finally {
                await locker.query('ROLLBACK');
                await locker.end();
            }
            await t.server.background.drain();
            (0, chai_1.expect)(await mailsTo('g.zwaan@61gg.example.nl'), 'the mail is queued once the outbox is free').to.equal(1);
        });
    });
});
//# sourceMappingURL=expensive-requests.test.js.map
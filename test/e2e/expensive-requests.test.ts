import { expect } from 'chai';
import { Client } from 'pg';
import { ACTOR, seedSchool, type SeededSchool } from '../support/federation';
import { Browser, startTestHub, type TestHub } from '../support/hub';

/**
 * Work that costs the hub before anyone is authenticated — an argon2id verification per token request, a
 * mail per reset request — is bounded, and answers do not reveal what the work found.
 */
describe('expensive work before authentication is bounded: token endpoint, reset and parent-link mails (HTTP, PostgreSQL)', function () {
  let t: TestHub;
  let school: SeededSchool;
  let creds: { clientId: string; clientSecret: string };

  before(async function () {
    t = await startTestHub(this, 'expensive', { TRUST_PROXY: 'loopback' });
    school = await seedSchool(t.hub, { brin: '61GG', participant: 'Uitgeverij T' });
    creds = await t.hub.services.apiClients.issue('Uitgeverij T', ACTOR);
    await t.hub.services.accounts.changeHomeAccessEmail(school.pupil.username, { add: 'ouder@61gg.example.nl' }, ACTOR);
  });
  after(async () => t?.stop());
  beforeEach(async () => t.hub.db.dataSource.query('DELETE FROM login_throttle'));

  const url = (path: string) => `${t.baseUrl}${path}`;
  const token = (form: Record<string, string>, from: string) =>
    fetch(url('/api/v1/oauth/token'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from },
      body: new URLSearchParams({ grant_type: 'client_credentials', ...form }).toString(),
    });
  const statuses = (rs: Array<{ status: number }>) =>
    rs.reduce<Record<number, number>>((m, r) => {
      m[r.status] = (m[r.status] ?? 0) + 1;
      return m;
    }, {});
  const formPost = (b: Browser, path: string, fields: Record<string, string>) => b.submit(url(path), fields);
  const mailsTo = async (to: string) => (await t.hub.db.repositories.outbox.list()).filter((m) => m.to === to).length;

  describe('4a. POST /api/v1/oauth/token', () => {
    it('a flood of bogus client credentials is turned away with 429 before hashing, while a real login completes meanwhile', async () => {
      const fromOne = Array.from({ length: 150 }, (_, i) => token({ client_id: `lp_bogus${i}`, client_secret: 'x' }, '203.0.113.40'));
      const fromMany = Array.from({ length: 150 }, (_, i) =>
        token({ client_id: `lp_bogus${i}`, client_secret: 'x' }, `198.18.${i >> 8}.${i & 255}`),
      );
      const login = await new Browser().passwordLogin(t.baseUrl, school.teacher.username, school.teacher.password);
      expect(login.status, 'the real user logs in during the flood').to.equal(303);
      expect(login.location).to.equal(url('/portal'));
      const flood = await Promise.all([...fromOne, ...fromMany]);
      const counts = statuses(flood);
      expect((counts[429] ?? 0) + (counts[401] ?? 0)).to.equal(300);
      expect(counts[429], JSON.stringify(counts)).to.be.at.least(200);
      expect(flood.filter((r) => r.status === 429).every((r) => /^\d+$/.test(r.headers.get('retry-after') ?? ''))).to.equal(true);
      const [audit] = await t.hub.db.dataSource.query(
        "SELECT count(*)::int AS n FROM audit_events WHERE action = 'api.token' AND details->>'reason' = 'invalid'",
      );
      expect(audit.n, 'secrets actually checked').to.equal(counts[401]);
    });

    it('wrong secrets for one client id from many addresses: after 10 the id waits (and the right secret then works again)', async () => {
      const results = [];
      for (let i = 0; i < 12; i++)
        results.push((await token({ client_id: creds.clientId, client_secret: `guess-${i}` }, `198.19.0.${i + 1}`)).status);
      expect(results.slice(0, 10)).to.deep.equal(Array(10).fill(401));
      expect(results.slice(10)).to.deep.equal([429, 429]);
      await t.hub.db.dataSource.query("UPDATE login_throttle SET blocked_until = now() - interval '1 second'");
      expect((await token({ client_id: creds.clientId, client_secret: creds.clientSecret }, '198.19.1.1')).status).to.equal(200);
    });
  });

  describe('4b. mail-sending forms', () => {
    it('reset requests are limited per address (429 with Retry-After) and per target (at most 3 mails, whoever asks)', async () => {
      const b = new Browser('203.0.113.41');
      const answers = [];
      for (let i = 0; i < 11; i++) answers.push(await formPost(b, '/login/reset', { account: `niemand${i}` }));
      expect(answers.slice(0, 10).map((r) => r.status)).to.deep.equal(Array(10).fill(200));
      expect(answers[10]!.status).to.equal(429);
      expect(answers[10]!.headers.get('retry-after')).to.match(/^\d+$/);

      for (let i = 0; i < 5; i++)
        expect((await formPost(new Browser(`203.0.113.${100 + i}`), '/login/reset', { account: school.teacher.username })).status).to.equal(
          200,
        );
      await t.server.background.drain();
      expect(await mailsTo('g.zwaan@61gg.example.nl')).to.equal(3);

      for (let i = 0; i < 5; i++)
        expect(
          (await formPost(new Browser(`203.0.113.${110 + i}`), '/login/parents/password', { email: 'ouder@61gg.example.nl' })).status,
        ).to.equal(200);
      await t.server.background.drain();
      expect(await mailsTo('ouder@61gg.example.nl')).to.equal(3);
    });

    it('the answer does not wait for the account lookup or the mail: the same page at the same moment, even while the outbox is locked', async () => {
      await t.hub.db.dataSource.query('DELETE FROM login_throttle; DELETE FROM outbox');
      const locker = new Client({ connectionString: t.hub.config.databaseUrl });
      await locker.connect();
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE');
        const timed = async (account: string) => {
          const started = Date.now();
          const r = await formPost(new Browser(`203.0.113.${120 + account.length}`), '/login/reset', { account });
          return { ms: Date.now() - started, done: /id="reset-done">([^<]+)</.exec(r.body)?.[1], status: r.status };
        };
        // The outbox stays locked for 3 seconds: an answer that waited for the mail would take that long.
        const release = new Promise<void>((r) => setTimeout(r, 3000));
        const [existing, unknown] = await Promise.all([timed(school.teacher.username), timed('bestaat.niet')]);
        expect(existing.status).to.equal(200);
        expect(existing.done).to.equal(unknown.done);
        expect(existing.ms, 'answered while the mail still waits').to.be.below(2000);
        await release;
      } finally {
        await locker.query('ROLLBACK');
        await locker.end();
      }
      await t.server.background.drain();
      expect(await mailsTo('g.zwaan@61gg.example.nl'), 'the mail is queued once the outbox is free').to.equal(1);
    });
  });
});

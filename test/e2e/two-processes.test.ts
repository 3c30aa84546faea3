import type { ChildProcess } from 'node:child_process';
import zlib from 'node:zlib';
import type { SAML } from '@node-saml/node-saml';
import { expect } from 'chai';
import { Secret } from 'otpauth';
import { totpCode } from '../support/browser-pages';
import { startServe, stopChild } from '../support/cli';
import { TEST_KEYRING_TEXT } from '../support/env';
import { ACTOR, nodeSamlSp, registerSp, seedSchool, testSpKeys, type SeededSchool } from '../support/federation';
import { Browser, csrfOf, freePort, readPostForm, startTestHub, type TestHub } from '../support/hub';

type Answer = Awaited<ReturnType<Browser['request']>>;

/**
 * Issue 14 item 2: two `serve` processes on their own ports, one PostgreSQL, the same CERTS_DIR (SAML
 * keys, session secret) and the same public BASE_URL — as two nodes behind a load balancer. Every step of
 * a login runs on the other process than the step before; logout, log-out-everywhere, the throttles, the
 * replay cache, the API limits and cached data hold across both. Neither process is this test's own hub
 * (that one only seeds and reads the database).
 */
describe('two serve processes on one PostgreSQL: every step alternating between them', function () {
  this.timeout(180_000);
  const entityId = 'https://twee-processen.example/sp';
  let t: TestHub;
  let school: SeededSchool;
  let other: SeededSchool;
  let sp: SAML;
  let totpSecret = '';
  const procs: Array<{ name: 'A' | 'B'; url: string; child: ChildProcess | null }> = [];
  let publicBase = '';

  before(async function () {
    t = await startTestHub(this, 'two_processes');
    school = await seedSchool(t.hub, { brin: '83LL', participant: 'Uitgeverij T' });
    other = await seedSchool(t.hub, { brin: '84MM', participant: 'Uitgeverij T' });
    // The teacher has an authenticator: the login has a second step.
    const credential = (await t.hub.db.repositories.credentials.findByUsername(school.teacher.username))!;
    totpSecret = new Secret().base32;
    // Enrolled with the previous time step's code (accepted: one step of drift), so the login's code is a later one.
    const enrolled = await t.hub.services.twoFactor.enrol(credential.id, totpSecret, totpCode(totpSecret, -1), ACTOR);
    expect(enrolled.ok).to.equal(true);

    const [portA, portB] = [await freePort(), await freePort()];
    publicBase = `http://127.0.0.1:${portA}`;
    const keys = await testSpKeys();
    sp = nodeSamlSp({
      hubUrl: publicBase,
      idpCert: t.hub.secrets.samlSigning.certificatePem,
      entityId,
      acs: 'http://127.0.0.1:9/twee/acs',
      sloUrl: 'http://127.0.0.1:9/twee/slo',
      keys,
    });
    await registerSp(t.hub, 'Uitgeverij T', sp.generateServiceProviderMetadata(null, keys.signing.certificatePem), {
      attributes: ['givenName'],
    });
    for (const [name, port] of [
      ['A', portA],
      ['B', portB],
    ] as const) {
      const { child } = await startServe(['--workers', '1'], {
        NODE_ENV: 'test',
        PORT: String(port),
        BASE_URL: publicBase, // one public address for both nodes
        DATABASE_URL: t.hub.config.databaseUrl!,
        CERTS_DIR: t.certsDir,
        DATA_ENCRYPTION_KEY: TEST_KEYRING_TEXT,
        LOG_LEVEL: 'warn',
      });
      procs.push({ name, url: `http://127.0.0.1:${port}`, child });
    }
    for (const p of procs)
      for (
        let i = 0;
        i < 100 &&
        !(await fetch(`${p.url}/healthz`).then(
          (r) => r.ok,
          () => false,
        ));
        i++
      )
        await new Promise((r) => setTimeout(r, 100));
  });
  after(async () => {
    for (const p of procs) if (p.child) await stopChild(p.child);
    await t?.stop();
  });

  const A = () => procs[0]!;
  const B = () => procs[1]!;
  /** The same address (path and query) on the given process. */
  const on = (p: { url: string }, url: string) => {
    const u = new URL(url, publicBase);
    return `${p.url}${u.pathname}${u.search}`;
  };
  const audit = async (action: string, where = '') =>
    (await t.hub.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = $1 ${where}`, [action]))[0].n as number;
  const expectResponse = async (res: Answer, what: string) => {
    expect(res.status, `${what}: ${res.body.slice(0, 300)}`).to.equal(200);
    const form = readPostForm(res.body);
    expect(form.action, what).to.equal('http://127.0.0.1:9/twee/acs');
    // node-saml checks the signature against the hub's certificate alone, and the audience and recipient.
    return (await sp.validatePostResponseAsync({ SAMLResponse: form.fields.SAMLResponse! })).profile!;
  };
  /** A pupil logged in on `p` with a Response from the other process: the profile node-saml verified. */
  async function pupilWithSession(browser: Browser, p: { url: string }, q: { url: string }) {
    const page = await browser.request(on(p, '/login'));
    expect((await browser.request(on(q, '/login'), { form: form(page, school.pupil) })).status).to.equal(303);
    return expectResponse(await browser.request(on(p, await sp.getAuthorizeUrlAsync('', undefined, {}))), 'SSO');
  }
  const form = (page: Answer, user: { username: string; password: string }, returnTo = '/portal') => ({
    _csrf: csrfOf(page.body),
    username: user.username,
    password: user.password,
    return: returnTo,
  });

  it('SSO started on A, login page on B, password on A, second factor on B, Response from A; the next SSO on B needs no login', async () => {
    const browser = new Browser();
    const start = await browser.request(on(A(), await sp.getAuthorizeUrlAsync('', undefined, {})));
    expect(start.status, 'A: to the login page').to.equal(303);
    const loginUrl = start.location!;
    expect(new URL(loginUrl).pathname).to.equal('/login');

    const page = await browser.request(on(B(), loginUrl));
    expect(page.status, 'B: the login page').to.equal(200);
    const returnTo = /name="return" value="([^"]+)"/.exec(page.body)![1]!;
    expect(returnTo).to.match(/^\/saml\/sso\/resume\//);

    const password = await browser.request(on(A(), '/login'), { form: form(page, school.teacher, returnTo) });
    expect(password.status, `A: the password (${password.body.slice(0, 200)})`).to.equal(303);
    expect(new URL(password.location!).pathname).to.equal('/login/2fa');

    const secondPage = await browser.request(on(B(), '/login/2fa'));
    expect(secondPage.status, 'B: the second step').to.equal(200);
    const second = await browser.request(on(B(), '/login/2fa'), { form: { _csrf: csrfOf(secondPage.body), code: totpCode(totpSecret) } });
    expect(second.status, `B: the code (${second.body.slice(0, 200)})`).to.equal(303);
    expect(new URL(second.location!).pathname).to.equal(returnTo);

    const profile = await expectResponse(await browser.request(on(A(), second.location!)), 'A: the Response');
    expect(profile.issuer, 'one IdP: the public address of both nodes').to.equal(`${publicBase}/saml/metadata`);
    const again = await expectResponse(await browser.request(on(B(), await sp.getAuthorizeUrlAsync('', undefined, {}))), 'B: SSO again');
    expect(again.nameID, 'the same person').to.equal(profile.nameID);
    expect(await audit('login.password', "AND outcome = 'success'")).to.be.at.least(1);
  });

  it('a Single Logout on A ends the session that B serves', async () => {
    const browser = new Browser();
    const profile = await pupilWithSession(browser, B(), A());
    const logout = await browser.request(on(A(), await sp.getLogoutUrlAsync(profile, '', {})));
    expect(logout.status, logout.body.slice(0, 300)).to.equal(200);
    const answer = readPostForm(logout.body);
    expect(answer.action).to.equal('http://127.0.0.1:9/twee/slo');
    const xml = Buffer.from(answer.fields.SAMLResponse!, 'base64').toString();
    expect(xml).to.contain('LogoutResponse').and.contain('urn:oasis:names:tc:SAML:2.0:status:Success');
    const afterwards = await browser.request(on(B(), await sp.getAuthorizeUrlAsync('', undefined, {})));
    expect(afterwards.status, 'B: back to the login page').to.equal(303);
    expect(new URL(afterwards.location!).pathname).to.equal('/login');
    expect((await browser.request(on(B(), '/portal'))).status, 'B: no portal either').to.equal(303);
  });

  it('"log out everywhere" on B ends the sessions A serves', async () => {
    const onA = new Browser();
    const onB = new Browser();
    await pupilWithSession(onA, A(), B());
    await pupilWithSession(onB, B(), A());
    expect((await onA.request(on(A(), '/portal'))).status, 'A: logged in').to.equal(200);
    const out = await onB.submit(on(B(), '/account/sessions/logout-all'), {}, on(B(), '/account/sessions'));
    expect(out.status).to.equal(303);
    expect((await onA.request(on(A(), '/portal'))).status, 'A: the other session is gone').to.equal(303);
    const sso = await onA.request(on(A(), await sp.getAuthorizeUrlAsync('', undefined, {})));
    expect(sso.status, 'A: no Response without a new login').to.equal(303);
    expect(sso.body).not.to.contain('SAMLResponse');
  });

  it('one replay cache: an AuthnRequest answered on A is refused on B', async () => {
    const browser = new Browser();
    await pupilWithSession(browser, A(), B());
    const url = await sp.getAuthorizeUrlAsync('', undefined, {});
    const xml = zlib.inflateRawSync(Buffer.from(new URL(url).searchParams.get('SAMLRequest')!, 'base64')).toString();
    const id = /ID="([^"]+)"/.exec(xml)![1]!;
    await expectResponse(await browser.request(on(A(), url)), 'A: first use');
    const replay = await browser.request(on(B(), url));
    expect(replay.status, replay.body.slice(0, 300)).to.equal(400);
    expect(replay.body).to.contain('Inloggen via deze link lukt niet').and.not.to.contain('SAMLResponse');
    const [refused] = await t.hub.db.dataSource.query(
      "SELECT details FROM audit_events WHERE action = 'saml.authn_request.refused' ORDER BY id DESC LIMIT 1",
    );
    expect(refused.details.reason).to.match(/already used \(replay\)/);
    const answered = await audit('saml.sso.success', `AND details->>'inResponseTo' = '${id.replace(/'/g, '')}'`);
    expect(answered, 'one Response for the request ID').to.equal(1);
  });

  it('one throttle: 20 parallel wrong passwords, half on A and half on B — exactly 5 are checked, the rest wait (429)', async () => {
    const credential = (await t.hub.db.repositories.credentials.findByUsername(other.pupil.username))!;
    const tries = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const p = i % 2 === 0 ? A() : B();
        const b = new Browser();
        const page = await b.request(on(p, '/login'));
        return b.request(on(p, '/login'), { form: form(page, { username: other.pupil.username, password: `fout-${i}` }) });
      }),
    );
    const statuses = tries.map((r) => r.status).sort();
    expect(
      statuses.filter((s) => s === 401),
      JSON.stringify(statuses),
    ).to.have.length(5);
    expect(statuses.filter((s) => s === 429)).to.have.length(15);
    expect(tries.filter((r) => r.status === 429).every((r) => /^\d+$/.test(r.headers.get('retry-after') ?? ''))).to.equal(true);
    expect(
      await audit('login.password', `AND details->>'reason' = 'wrong_password' AND target_id = '${credential.id}'`),
      'passwords actually checked',
    ).to.equal(5);
    // Both processes keep refusing, the right password too (a stranger's browser, the same address).
    for (const p of [A(), B()]) {
      const b = new Browser();
      const page = await b.request(on(p, '/login'));
      expect((await b.request(on(p, '/login'), { form: form(page, other.pupil) })).status).to.equal(429);
    }
  });

  it('one token-endpoint throttle and one API rate limit across both processes', async () => {
    const creds = await t.hub.services.apiClients.issue('Uitgeverij T', ACTOR);
    const token = (p: { url: string }, secret: string) =>
      fetch(`${p.url}/api/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: creds.clientId, client_secret: secret }).toString(),
      });
    const good = await token(A(), creds.clientSecret);
    expect(good.status).to.equal(200);
    const accessToken = ((await good.json()) as { access_token: string }).access_token;

    // The API rate limit: 600 requests a minute per client, counted in one row whichever node answers.
    // Start early in a minute so that the burst stays in one window.
    while (new Date().getSeconds() > 20) await new Promise((r) => setTimeout(r, 1000));
    const api = (p: { url: string }) => fetch(`${p.url}/api/v1/products`, { headers: { authorization: `Bearer ${accessToken}` } });
    const statuses: number[] = [];
    for (let batch = 0; batch < 31; batch++)
      statuses.push(...(await Promise.all(Array.from({ length: 20 }, (_, i) => api(i % 2 === 0 ? A() : B())))).map((r) => r.status));
    expect(
      statuses.filter((s) => s === 200),
      'the limit over both nodes',
    ).to.have.length(600);
    expect(statuses.filter((s) => s === 429)).to.have.length(20);

    // Wrong secrets, in parallel over both: 10 are checked (per client id), the rest wait — the right one too.
    const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => token(i % 2 === 0 ? A() : B(), `guess-${i}`)));
    const counts = guesses.map((r) => r.status);
    expect(
      counts.filter((s) => s === 401),
      JSON.stringify(counts),
    ).to.have.length(10);
    expect(counts.filter((s) => s === 429)).to.have.length(20);
    expect((await token(B(), creds.clientSecret)).status, 'B: the client id waits').to.equal(429);
    expect((await token(A(), creds.clientSecret)).status, 'A: the client id waits').to.equal(429);
  });

  it('cached data: a deactivation made elsewhere refuses the next SSO on both processes within a second', async () => {
    const browser = new Browser();
    await pupilWithSession(browser, A(), B());
    for (const p of [A(), B()])
      await expectResponse(await browser.request(on(p, await sp.getAuthorizeUrlAsync('', undefined, {}))), p.name);
    await t.hub.services.licences.setActivation({ brin: '83LL', participantName: 'Uitgeverij T', enabled: false }, ACTOR);
    const changed = Date.now();
    const refusedAt: Record<string, number> = {};
    while (Date.now() - changed < 3000 && Object.keys(refusedAt).length < 2)
      for (const p of [A(), B()]) {
        if (refusedAt[p.name]) continue;
        const res = await browser.request(on(p, await sp.getAuthorizeUrlAsync('', undefined, {})));
        if (res.status === 403) refusedAt[p.name] = Date.now();
        else expect(res.body, `${p.name}: until refused, a Response`).to.contain('SAMLResponse');
      }
    for (const p of [A(), B()])
      expect((refusedAt[p.name] ?? Number.POSITIVE_INFINITY) - changed, `${p.name}: ms until refused`).to.be.below(1000);
    await t.hub.services.licences.setActivation({ brin: '83LL', participantName: 'Uitgeverij T', enabled: true }, ACTOR);
  });
});

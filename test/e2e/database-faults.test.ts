import type { SAML } from '@node-saml/node-saml';
import { expect } from 'chai';
import { Client } from 'pg';
import { DbProxy } from '../support/db-proxy';
import { nodeSamlSp, registerSp, seedSchool, testSpKeys, type SeededSchool } from '../support/federation';
import { Browser, startTestHub, type TestHub } from '../support/hub';
import { postgresProblem, siblingDatabaseUrl } from '../support/postgres';

type Answer = Awaited<ReturnType<Browser['request']>>;

/** The hub's answer while its database cannot serve: 503, Retry-After, the Dutch/English page — never a Response. */
function expectUnavailablePage(res: Answer, what: string): void {
  expect(res.status, `${what}: status`).to.equal(503);
  expect(Number(res.headers.get('retry-after')), `${what}: Retry-After`).to.be.within(1, 60);
  expect(res.headers.get('content-type'), `${what}: an HTML page`).to.match(/^text\/html/);
  expect(res.body, `${what}: Dutch`).to.contain('Tijdelijk niet beschikbaar');
  expect(res.body, `${what}: English`).to.contain('Temporarily unavailable');
  expect(res.body, `${what}: no SAML message`).not.to.match(/SAMLResponse|Assertion/);
}

/**
 * The database failing under a running hub (PostgreSQL behind a TCP proxy the test cuts, so the shared
 * cluster keeps running): unreachable, a connect that never completes, every pool connection busy, a
 * query that waits too long. Each time every page and SAML endpoint answers 503 with Retry-After (JSON
 * for the API), the process stays healthy, and once the database is back the hub serves again at once.
 */
describe('database faults: 503 with Retry-After, then serving again (PostgreSQL through a cuttable proxy)', function () {
  this.timeout(120_000);
  const entityId = 'https://faults.example/sp';
  let proxy: DbProxy;
  let t: TestHub;
  let school: SeededSchool;
  let sp: SAML;
  let directUrl = '';

  before(async function () {
    if (await postgresProblem()) return startTestHub(this, 'db_faults'); // skips (or fails under CI) with the reason
    directUrl = siblingDatabaseUrl('_db_faults');
    proxy = await DbProxy.start(directUrl);
    t = await startTestHub(this, 'db_faults', {
      DATABASE_URL: proxy.urlFor(directUrl),
      DATABASE_POOL_SIZE: '2',
      DATABASE_POOL_WAIT_SECONDS: '1',
      DATABASE_STATEMENT_TIMEOUT_SECONDS: '2',
    });
    school = await seedSchool(t.hub, { brin: '82KK', participant: 'Uitgeverij F' });
    const keys = await testSpKeys();
    sp = nodeSamlSp({
      hubUrl: t.baseUrl,
      idpCert: t.hub.secrets.samlSigning.certificatePem,
      entityId,
      acs: 'http://127.0.0.1:9/f/acs',
      keys,
    });
    await registerSp(t.hub, 'Uitgeverij F', sp.generateServiceProviderMetadata(null, keys.signing.certificatePem), {
      attributes: ['givenName'],
    });
  });
  // A failed test must not leave the next one without its database.
  afterEach(async () => proxy?.restore());
  after(async () => {
    await t?.stop();
    await proxy?.close();
  });

  const ssoUrl = () => sp.getAuthorizeUrlAsync('', undefined, {});
  const sso = async (browser: Browser) => browser.request(await ssoUrl());
  async function loggedIn(): Promise<Browser> {
    const browser = new Browser();
    expect((await browser.passwordLogin(t.baseUrl, school.pupil.username, school.pupil.password)).status).to.equal(303);
    expect((await sso(browser)).body).to.contain('SAMLResponse');
    return browser;
  }
  /** Until SSO gives a Response again: how long that took. */
  async function untilSsoWorks(browser: Browser, limitMs: number): Promise<number> {
    const start = Date.now();
    for (;;) {
      const res = await sso(browser).catch(() => null);
      if (res?.status === 200 && res.body.includes('SAMLResponse')) return Date.now() - start;
      if (res) expect(res.status, 'while recovering: only 503s').to.equal(503);
      if (Date.now() - start > limitMs) throw new Error(`SSO did not work again within ${limitMs} ms (last: ${res?.status})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('PostgreSQL unreachable: every page and SAML endpoint answers 503 with Retry-After, /readyz 503; back within 5 s', async () => {
    const browser = await loggedIn();
    await proxy.cut('refuse');
    const answers: Array<[string, Answer]> = [];
    for (let i = 0; i < 5; i++) answers.push([`SSO ${i + 1} with a live session`, await sso(browser)]);
    answers.push(['SSO without a session', await sso(new Browser())]);
    answers.push(['portal', await browser.request(`${t.baseUrl}/portal`)]);
    answers.push(['SLO', await browser.request(`${t.baseUrl}/saml/slo?SAMLRequest=x`)]);
    // A first visit: a form whose session cannot be stored could only fail after the pupil typed.
    for (const page of ['/login', '/login/card', '/login/parents', '/login/reset'])
      answers.push([`${page} on a first visit`, await new Browser().request(`${t.baseUrl}${page}`)]);
    for (const [what, res] of answers) expectUnavailablePage(res, what);

    const api = await new Browser().request(`${t.baseUrl}/api/v1/oauth/token`, {
      form: { grant_type: 'client_credentials', client_id: 'c', client_secret: 's' },
    });
    expect(api.status, 'API').to.equal(503);
    expect(api.headers.get('retry-after'), 'API Retry-After').to.match(/^\d+$/);
    expect(JSON.parse(api.body)).to.include({ error: 'unavailable' });

    const ready = await new Browser().request(`${t.baseUrl}/readyz`);
    expect(ready.status, '/readyz').to.equal(503);
    expect((await new Browser().request(`${t.baseUrl}/healthz`)).status, '/healthz: the process is fine').to.equal(200);

    // A change made directly in PostgreSQL while the hub cannot hear the change notifications: once back,
    // the hub must not answer from what it cached before (the feed listens again, the caches start over).
    const direct = new Client({ connectionString: directUrl });
    await direct.connect();
    const activation = (enabled: boolean) =>
      direct.query(
        `UPDATE activations SET enabled = $1 WHERE school_id = (SELECT id FROM schools WHERE brin = '82KK')
            AND participant_id = (SELECT id FROM participants WHERE name = 'Uitgeverij F')`,
        [enabled],
      );
    try {
      await activation(false);
      await proxy.restore();
      const restored = Date.now();
      let res = await sso(browser);
      while (res.status === 503 && Date.now() - restored < 5000) res = await sso(browser);
      expect(res.status, 'the deactivation made during the outage holds').to.equal(403);
      expect(Date.now() - restored, 'ms until the hub answers again').to.be.below(5000);
      await activation(true);
      await t.hub.db.settled(); // this process has heard it
    } finally {
      await direct.end();
    }
    expect(await untilSsoWorks(browser, 5000), 'ms until SSO works again').to.be.below(5000);
    expect((await new Browser().request(`${t.baseUrl}/readyz`)).status).to.equal(200);
  });

  it('the connection dropped mid-query (an SSO waiting in the group commit): 503, never the Response', async () => {
    const browser = await loggedIn();
    const locker = new Client({ connectionString: directUrl });
    await locker.connect();
    try {
      // The ledger write waits behind another session's lock: the Response is built and signed, not yet recorded.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE release_ledger IN ACCESS EXCLUSIVE MODE');
      const pending = sso(browser);
      await new Promise((r) => setTimeout(r, 500));
      await proxy.cut('refuse');
      expectUnavailablePage(await pending, 'SSO whose ledger write lost its connection');
      await locker.query('ROLLBACK');
    } finally {
      await locker.end();
    }
    await proxy.restore();
    expect(await untilSsoWorks(browser, 5000)).to.be.below(5000);
  });

  it('a connect that never completes: 503 within the pool wait, then serving again', async () => {
    const browser = await loggedIn();
    await proxy.cut('hang');
    const start = Date.now();
    const res = await sso(browser);
    const took = Date.now() - start;
    expectUnavailablePage(res, 'SSO while connects hang');
    expect(took, 'ms: bounded by DATABASE_POOL_WAIT_SECONDS=1').to.be.below(2500);
    await proxy.restore();
    expect(await untilSsoWorks(browser, 5000)).to.be.below(5000);
  });

  it('every pool connection busy: 503 within the pool wait; the process stays healthy and serves afterwards', async () => {
    const browser = await loggedIn();
    // DATABASE_POOL_SIZE=2: two long statements hold both connections.
    const holds = [1, 2].map(() => t.hub.db.dataSource.query('SELECT pg_sleep(1.6)'));
    await new Promise((r) => setTimeout(r, 150));
    const start = Date.now();
    const res = await sso(browser);
    const took = Date.now() - start;
    expectUnavailablePage(res, 'SSO with the pool exhausted');
    expect(took, 'ms: about DATABASE_POOL_WAIT_SECONDS=1').to.be.within(800, 1500);
    await Promise.all(holds);
    expect((await new Browser().request(`${t.baseUrl}/healthz`)).status).to.equal(200);
    expect((await sso(browser)).body).to.contain('SAMLResponse');
  });

  it('a query that waits too long is cut off by the statement timeout: 503, and requests succeed afterwards', async () => {
    const browser = await loggedIn();
    const locker = new Client({ connectionString: directUrl });
    await locker.connect();
    let released: Promise<unknown> = Promise.resolve();
    try {
      // Another session holds the sessions table: the hub's session read waits (as behind a slow migration or a long report).
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
      released = new Promise((r) => setTimeout(r, 4500)).then(() => locker.query('ROLLBACK'));
      const start = Date.now();
      const res = await sso(browser);
      const took = Date.now() - start;
      expectUnavailablePage(res, 'SSO behind a lock');
      expect(took, 'ms: DATABASE_STATEMENT_TIMEOUT_SECONDS=2').to.be.within(1800, 4000);
      await released;
    } finally {
      await released.catch(() => undefined);
      await locker.end();
    }
    expect((await new Browser().request(`${t.baseUrl}/healthz`)).status).to.equal(200);
    expect((await sso(browser)).body).to.contain('SAMLResponse');
  });
});

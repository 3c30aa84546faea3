import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import type { SAML } from '@node-saml/node-saml';
import { expect } from 'chai';
import { startServe, stopChild } from '../support/cli';
import { TEST_KEYRING_TEXT } from '../support/env';
import { ACTOR, nodeSamlSp, registerSp, seedSchool, testSpKeys, type SeededSchool } from '../support/federation';
import { Browser, freePort, readPostForm, startTestHub, type TestHub } from '../support/hub';

/**
 * `serve` as it runs in production: a primary and a worker per core on PostgreSQL, next to a second hub
 * process (this test's own). Caches are dropped everywhere within a second of a change made elsewhere,
 * a dying worker is replaced without losing a ledger row of any Response a client received, a logout
 * holds on every worker at once, and SIGTERM lets requests in flight finish.
 */
describe('serve on several workers beside another hub process (PostgreSQL)', function () {
  this.timeout(120_000);
  let t: TestHub;
  let school: SeededSchool;
  let sp: SAML;
  let serveProc: ChildProcess;
  let base = '';
  let env: Record<string, string> = {};
  const entityId = 'https://workers.example/sp';

  before(async function () {
    t = await startTestHub(this, 'serve_workers');
    school = await seedSchool(t.hub, { brin: '81JJ', participant: 'Uitgeverij W' });
    const keys = await testSpKeys();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    sp = nodeSamlSp({ hubUrl: base, idpCert: t.hub.secrets.samlSigning.certificatePem, entityId, acs: 'http://127.0.0.1:9/w/acs', keys });
    await registerSp(t.hub, 'Uitgeverij W', sp.generateServiceProviderMetadata(null, keys.signing.certificatePem), {
      attributes: ['givenName'],
    });
    env = {
      NODE_ENV: 'test',
      PORT: String(port),
      BASE_URL: base,
      DATABASE_URL: t.hub.config.databaseUrl!,
      CERTS_DIR: t.certsDir,
      DATA_ENCRYPTION_KEY: TEST_KEYRING_TEXT,
      LOG_LEVEL: 'warn',
      SHUTDOWN_GRACE_SECONDS: '10',
    };
    serveProc = await startWorkers();
  });
  after(async () => {
    if (serveProc) await stopChild(serveProc);
    await t?.stop();
  });

  async function startWorkers(): Promise<ChildProcess> {
    const { child } = await startServe(['--workers', '2'], env);
    for (
      let i = 0;
      i < 100 &&
      !(await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    return child;
  }
  const workerPids = (primary: number) =>
    execFileSync('pgrep', ['-P', String(primary)])
      .toString()
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  const ssoUrl = () => sp.getAuthorizeUrlAsync('', undefined, {});
  async function loggedIn(): Promise<Browser> {
    const browser = new Browser();
    expect((await browser.passwordLogin(base, school.pupil.username, school.pupil.password)).status).to.equal(303);
    return browser;
  }

  it('a change made in another process (deactivation) refuses the next SSO on every worker within a second', async () => {
    const browser = await loggedIn();
    // Warm every worker's cache: the cluster hands connections to the workers in turn.
    for (let i = 0; i < 6; i++) expect((await new Browser().request(`${base}/healthz`)).status).to.equal(200);
    for (let i = 0; i < 6; i++) expect((await browser.request(await ssoUrl())).body).to.contain('SAMLResponse');
    await t.hub.services.licences.setActivation({ brin: '81JJ', participantName: 'Uitgeverij W', enabled: false }, ACTOR);
    const changed = Date.now();
    let refusedAt = 0;
    while (Date.now() - changed < 3000) {
      const res = await browser.request(await ssoUrl());
      if (res.status === 403 && res.body.includes('niet (meer)') === false && res.body.includes('Geen toegang')) {
        refusedAt ||= Date.now();
        // once refused, refused on every worker (several requests in a row)
        const more = await Promise.all(
          Array.from({ length: 6 }, async () => {
            await new Browser().request(`${base}/healthz`);
            return browser.request(await ssoUrl());
          }),
        );
        expect(
          more.every((r) => r.status === 403),
          'every worker refuses',
        ).to.equal(true);
        break;
      }
    }
    expect(refusedAt, 'refused at all').to.be.greaterThan(0);
    expect(refusedAt - changed, 'within a second').to.be.below(1000);
    await t.hub.services.licences.setActivation({ brin: '81JJ', participantName: 'Uitgeverij W', enabled: true }, ACTOR);
    await new Promise((r) => setTimeout(r, 300));
    expect((await browser.request(await ssoUrl())).body).to.contain('SAMLResponse');
  });

  it('a worker killed under load is replaced; every Response a client received has its ledger row and audit entry', async () => {
    const browser = await loggedIn();
    const received: string[] = [];
    let _failures = 0;
    let stop = false;
    const client = async () => {
      while (!stop) {
        try {
          const res = await browser.request(await ssoUrl());
          if (res.status === 200 && res.body.includes('SAMLResponse')) {
            const xml = Buffer.from(readPostForm(res.body).fields.SAMLResponse!, 'base64').toString();
            received.push(/InResponseTo="([^"]+)"/.exec(xml)![1]!);
          } else _failures++;
        } catch {
          _failures++; // the connection of the killed worker
        }
      }
    };
    const clients = Array.from({ length: 6 }, client);
    await new Promise((r) => setTimeout(r, 800));
    const [victim] = workerPids(serveProc.pid!);
    process.kill(victim!, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 2500));
    stop = true;
    await Promise.all(clients);
    expect(received.length).to.be.greaterThan(10);
    const audited = new Set(
      (
        await t.hub.db.dataSource.query(
          "SELECT details->>'inResponseTo' AS id FROM audit_events WHERE action = 'saml.sso.success' AND details->>'inResponseTo' = ANY($1::text[])",
          [received],
        )
      ).map((r: { id: string }) => r.id),
    );
    expect(
      received.filter((id) => !audited.has(id)),
      'Responses without their audit entry',
    ).to.deep.equal([]);
    const [ledger] = await t.hub.db.dataSource.query(
      'SELECT count(*)::int AS n FROM release_ledger l JOIN service_providers s ON s.id = l.service_provider_id WHERE s.entity_id = $1',
      [entityId],
    );
    expect(ledger.n, 'a ledger row for each (written in the same statement)').to.be.at.least(received.length);
    const pids = workerPids(serveProc.pid!);
    expect(pids).to.have.length(2);
    expect(pids).not.to.include(victim);
    expect((await browser.request(await ssoUrl())).body, 'the replacement serves').to.contain('SAMLResponse');
  });

  it('a logout holds on every worker at once', async () => {
    const browser = await loggedIn();
    for (let i = 0; i < 4; i++) expect((await browser.request(await ssoUrl())).body).to.contain('SAMLResponse');
    const out = await browser.submit(`${base}/logout`, {}, `${base}/portal`);
    expect(out.status).to.be.oneOf([200, 303]);
    const after = await Promise.all(Array.from({ length: 8 }, async () => browser.request(await ssoUrl())));
    expect(
      after.map((r) => r.status),
      'every worker sends the user to the login',
    ).to.deep.equal(Array(8).fill(303));
  });

  it('SIGTERM under load: requests in flight finish, nothing is cut off, the processes exit within the grace time', async () => {
    const browser = await loggedIn();
    const outcomes: string[] = [];
    let stop = false;
    // As a browser does: a request that met a keep-alive connection just as the server closed it (it never
    // reached the hub) is sent again, on another connection.
    const once = async (url: string, tries = 0): Promise<string> => {
      try {
        const res = await browser.request(url);
        return res.status === 200 && res.body.includes('SAMLResponse') ? 'ok' : `status ${res.status}`;
      } catch (e) {
        const code = (e as { cause?: { code?: string } }).cause?.code ?? 'error';
        return tries < 6 && (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') ? once(url, tries + 1) : code;
      }
    };
    const client = async () => {
      while (!stop) {
        const outcome = await once(await ssoUrl());
        outcomes.push(outcome);
        if (outcome === 'ECONNREFUSED') return; // the server stopped accepting: expected after the signal
      }
    };
    const clients = Array.from({ length: 6 }, client);
    await new Promise((r) => setTimeout(r, 700));
    const started = Date.now();
    const exited = new Promise<number | null>((resolve) => serveProc.once('exit', resolve));
    serveProc.kill('SIGTERM');
    const code = await exited;
    const tookMs = Date.now() - started;
    stop = true;
    await Promise.all(clients);
    serveProc = null as unknown as ChildProcess;
    expect(code).to.equal(0);
    expect(tookMs, 'within the grace time').to.be.below(10_000);
    const bad = outcomes.filter((o) => o !== 'ok' && o !== 'ECONNREFUSED');
    expect(bad, `no request cut off or failed (${outcomes.length} requests)`).to.deep.equal([]);
    expect(outcomes.filter((o) => o === 'ok').length).to.be.greaterThan(5);
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { JobScheduler, type ScheduledJob } from '../../src/jobs/scheduler';
import { upstreamRefreshJob } from '../../src/main';
import { parseIdpMetadata } from '../../src/saml/upstream/idp-metadata';
import { buildUpstreamSpMetadata } from '../../src/saml/upstream/sp-metadata';
import { signElement } from '../../src/saml/xml/signature';
import { ACTOR, requireTool, seedSchool } from '../support/federation';
import { Browser, csrfOf, decodeHtml, loginEnrollingTotp, startTestHub, type TestHub } from '../support/hub';
import { pysaml2Available } from '../support/pysaml2';
import { type SchoolIdp, startSchoolIdp, testHubSp } from '../support/upstream-idp';

const body = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');

/** pysaml2's metadata signed (enveloped, over the EntityDescriptor) with the IdP's own key, as a school publishes it. */
function signedMetadata(idp: SchoolIdp, signer = idp.key): string {
  const id = `_md${Date.now()}`;
  const unsigned = idp.metadataXml.replace(/^<\?xml[^>]*>/, '').replace('<ns0:EntityDescriptor ', `<ns0:EntityDescriptor ID="${id}" `);
  return signElement(unsigned, 'EntityDescriptor', id, signer, { firstChild: true });
}

/**
 * The scheduled refresh of schools' IdP metadata inside `serve` (the real job, the real job_runs claims,
 * PostgreSQL): of two processes' schedulers ticking at once only one runs it; a key rollover at the URL is
 * taken (only when signed by the registered certificate); a failed fetch keeps the old metadata, recorded
 * and audited; metadata past its validUntil is not offered at login, and the login page says why. The
 * operator's jobs page shows the outcome.
 */
describe('scheduled refresh of school IdP metadata (serve job, PostgreSQL, pysaml2 metadata)', function () {
  let t: TestHub;
  let idp: SchoolIdp;
  let rolled: SchoolIdp;
  let stranger: SchoolIdp;
  let server: http.Server;
  const served = new Map<string, { status: number; xml: string }>();
  let job: ScheduledJob;
  const at = (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  const row = async (brin: string) => {
    const school = (await t.hub.db.repositories.schools.findByBrin(brin))[0]!;
    return (await t.hub.db.dataSource.query('SELECT * FROM upstream_idps WHERE school_id = $1', [school.id]))[0];
  };
  const refreshAudits = () => t.hub.db.repositories.audit.list({ action: 'upstream.refresh' });
  const settings = (url: string | null, trust: string | null = null) => ({
    roles: 'staff' as const,
    identifier: 'nameid',
    matchOn: 'email' as const,
    allowUnsolicited: false,
    wantAssertionsSigned: false,
    metadataUrl: url,
    metadataTrustCertificate: trust,
  });

  before(async function () {
    requireTool(this, pysaml2Available(), 'python3-pysaml2');
    t = await startTestHub(this, 'upstream_refresh_job');
    const sp = await testHubSp(t.baseUrl);
    const spXml = buildUpstreamSpMetadata(sp.endpoints, { active: sp.signing, next: null, previous: null }, sp.encryption);
    const entity = {
      entityId: 'https://idp.stichting-noord.example/idp',
      ssoUrl: 'https://idp.stichting-noord.example/sso',
      spMetadata: [spXml],
    };
    idp = await startSchoolIdp(entity);
    rolled = await startSchoolIdp(entity);
    stranger = await startSchoolIdp(entity);
    server = http.createServer((req, res) => {
      const s = served.get(req.url ?? '') ?? { status: 404, xml: '' };
      res.writeHead(s.status, { 'content-type': 'application/samlmetadata+xml' }).end(s.xml);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    for (const brin of ['91AA', '92BB', '93CC'])
      await seedSchool(t.hub, { brin, participant: 'Uitgeverij J', activate: false, licence: false });
    served.set('/a.xml', { status: 200, xml: idp.metadataXml });
    served.set('/b.xml', { status: 200, xml: signedMetadata(idp) });
    const s = t.hub.services.upstreamIdps;
    // 91AA from a URL; 92BB from a URL with the metadata signed by the school's certificate; 93CC from a file.
    await s.register('91AA', parseIdpMetadata(idp.metadataXml), settings(at('/a.xml')), ACTOR);
    await s.register(
      '92BB',
      parseIdpMetadata(signedMetadata(idp), { trustCertificate: idp.key.certificatePem }),
      settings(at('/b.xml'), idp.key.certificatePem),
      ACTOR,
    );
    await s.register('93CC', parseIdpMetadata(idp.metadataXml), settings(null), ACTOR);
    job = upstreamRefreshJob(t.hub);
  });
  after(async () => {
    for (const i of [idp, rolled, stranger]) i?.stop();
    await new Promise((r) => server?.close(r));
    await t?.stop();
  });

  it('two processes tick at once: exactly one runs the refresh; the jobs page shows its outcome', async () => {
    let runs = 0;
    const counted: ScheduledJob = {
      ...job,
      initialDelayMs: 0,
      run: () => {
        runs++;
        return job.run();
      },
    };
    const logger = t.hub.logger;
    const one = new JobScheduler(t.hub.db.repositories.jobs, [counted], logger);
    const two = new JobScheduler(t.hub.db.repositories.jobs, [counted], logger);
    one.tick();
    two.tick();
    await Promise.all([one.stop(), two.stop()]);
    expect(runs).to.equal(1);
    expect(
      (await refreshAudits()).filter((a) => a.outcome === 'success'),
      'each URL registration refreshed once',
    ).to.have.length(2);
    const [claim] = await t.hub.db.dataSource.query("SELECT last_outcome, locked_by FROM job_runs WHERE name = 'upstream-refresh'");
    expect(claim).to.deep.equal({
      last_outcome: 'school IdPs: 2 refreshed (0 with new keys), 0 failed, 0 past validUntil',
      locked_by: null,
    });
    // Not again before the interval, wherever it is asked.
    const three = new JobScheduler(t.hub.db.repositories.jobs, [counted], logger);
    three.tick();
    await three.stop();
    expect(runs).to.equal(1);

    await t.hub.services.accounts.createOperator(
      { displayName: 'Dirk', email: 'dirk@ops.example', roles: ['dba'] },
      'dirk.ops',
      'Console-Lamp-Vijver-8',
      ACTOR,
    );
    const { browser: dba } = await loginEnrollingTotp(t.baseUrl, 'dirk.ops', 'Console-Lamp-Vijver-8');
    const jobs = await dba.request(`${t.baseUrl}/ops/jobs`);
    expect(jobs.status).to.equal(200);
    expect(decodeHtml(jobs.body)).to.contain('id="job-upstream-refresh"').and.contain('school IdPs: 2 refreshed');
  });

  it('key rollover at the URL: the new key is taken; a signed registration takes it only when signed by its certificate', async () => {
    served.set('/a.xml', { status: 200, xml: rolled.metadataXml });
    // 92BB's URL now serves the rolled metadata signed by a stranger's key: refused, the old key stays.
    served.set('/b.xml', { status: 200, xml: signedMetadata(rolled, stranger.key) });
    const outcome = await job.run();
    expect(outcome).to.equal('school IdPs: 1 refreshed (1 with new keys), 1 failed, 0 past validUntil');
    expect((await row('91AA')).signing_certificates).to.deep.equal([body(rolled.key.certificatePem)]);
    const b = await row('92BB');
    expect(b.signing_certificates).to.deep.equal([body(idp.key.certificatePem)]);
    expect(b.refresh_error).to.match(/signature does not verify/);
    expect((await row('93CC')).signing_certificates, 'a file registration is not fetched').to.deep.equal([body(idp.key.certificatePem)]);

    // Signed by the school's own (registered) certificate: taken.
    served.set('/b.xml', { status: 200, xml: signedMetadata(rolled, idp.key) });
    expect(await job.run()).to.equal('school IdPs: 2 refreshed (1 with new keys), 0 failed, 0 past validUntil');
    expect((await row('92BB')).signing_certificates).to.deep.equal([body(rolled.key.certificatePem)]);
    expect((await row('92BB')).refresh_error).to.equal(null);
    const changed = (await refreshAudits()).filter((a) => a.outcome === 'success' && a.details?.certificatesChanged === true);
    expect(changed).to.have.length(2);
    expect(changed[0]!.actor).to.deep.include({ type: 'system', id: 'upstream-refresh-job' });
  });

  it('a failed fetch keeps the old metadata until its validUntil; past it the IdP is not offered and the login page says why', async () => {
    served.set('/a.xml', { status: 503, xml: 'maintenance' });
    const before = await row('91AA');
    expect(await job.run()).to.match(/1 failed/);
    const after = await row('91AA');
    expect(after.signing_certificates).to.deep.equal(before.signing_certificates);
    expect(after.metadata_xml).to.equal(before.metadata_xml);
    expect(after.refresh_error).to.match(/HTTP 503/);
    const [failure] = (await refreshAudits()).filter((a) => a.outcome === 'failure' && a.schoolId === after.school_id);
    expect(failure!.details).to.deep.include({ entityId: idp.entityId });
    expect(failure!.details)
      .to.have.property('reason')
      .that.matches(/HTTP 503/);

    // Still offered while its metadata is valid: the login goes to the school's IdP.
    const login = async () => {
      const b = new Browser();
      const page = await b.request(`${t.baseUrl}/login/school`);
      return b.request(`${t.baseUrl}/login/school`, { form: { _csrf: csrfOf(page.body), school: '91AA', return: '/portal' } });
    };
    const offered = await login();
    expect(offered.status).to.equal(200);
    expect(decodeHtml(offered.body)).to.contain(idp.ssoUrl);

    // Time passes beyond the stored validUntil while the URL keeps failing.
    await t.hub.db.dataSource.query("UPDATE upstream_idps SET valid_until = now() - interval '1 minute' WHERE school_id = $1", [
      after.school_id,
    ]);
    expect(await job.run()).to.match(/1 failed, 1 past validUntil$/);
    const refused = await login();
    expect(refused.status).to.equal(503);
    const text = decodeHtml(refused.body);
    expect(text)
      .to.contain('de gegevens van de inlogdienst van je school zijn verlopen')
      .and.contain('the details of your school’s login service have expired')
      .and.not.contain(idp.ssoUrl);

    // When the school's URL works again, the next run brings the login back.
    served.set('/a.xml', { status: 200, xml: rolled.metadataXml });
    expect(await job.run()).to.match(/0 failed, 0 past validUntil$/);
    expect((await login()).status).to.equal(200);
  });
});

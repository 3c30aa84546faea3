import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { expect } from 'chai';
import { NAMEID_FORMAT } from '../../src/saml/xml/namespaces';
import { totpCode } from '../support/browser-pages';
import { ACTOR, registerSp, seedSchool, testSpKeys } from '../support/federation';
import { Browser, csrfOf, loginThroughSso, startTestHub, type TestHub } from '../support/hub';

/**
 * Observability (security annex B, "monitoring"), over real HTTP against a hub on PostgreSQL with its
 * JSON log captured: an end-to-end flow — password login with 2FA, picture login, SSO with attributes
 * released, a failed login, a roster import — then the log and /metrics are scanned for every name,
 * e-mail address, password, TOTP secret and released attribute value of the test users: none may appear.
 * /metrics counts what happened, labelled without personal data, and is readable only from loopback
 * (direct) or with the bearer token.
 */
const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789abcdef';

describe('observability: /metrics and JSON logs without personal data, request ids on every request line (HTTP, PostgreSQL)', function () {
  let t: TestHub;
  const lines: string[] = [];
  const url = (p: string) => `${t.baseUrl}${p}`;
  /** Every value that must never reach a log line or the metrics. */
  const secrets = new Map<string, string>();
  const keep = (what: string, value: string) => secrets.set(what, value);
  const sp = () => spState!;
  let spState: SAML | null = null;

  before(async function () {
    t = await startTestHub(this, 'observability', { LOG_LEVEL: 'debug', METRICS_TOKEN }, 'postgres', {
      write: (line: string) => void lines.push(line),
    });
  });
  after(async () => t?.stop());

  it('runs password+2FA, picture login, SSO with attributes, a failed login and an import; the log and /metrics name nobody', async () => {
    const school = await seedSchool(t.hub, { brin: '61FF', participant: 'Uitgeverij L', pupilFirstName: 'Jozefien' });
    const schoolId = (await t.hub.db.repositories.schools.findByBrin('61FF'))[0]!.id;
    keep('pupil first name', 'Jozefien');
    keep('pupil last name', 'Horst');
    keep('pupil username', school.pupil.username);
    keep('pupil password', school.pupil.password);
    keep('teacher first name', 'Gerrit');
    keep('teacher last name', 'Zwaan');
    keep('teacher e-mail', 'g.zwaan@61ff.example.nl');
    keep('teacher password', school.teacher.password);
    const delegate = { username: 'wilhelmina.61ff', password: 'Kabouter-Molen-Tulp-58', email: 'w.oosterbroek@61ff.example.nl' };
    await t.hub.services.accounts.createPersonWithAccount(
      { schoolId, role: 'delegate', firstName: 'Wilhelmina', lastName: 'Oosterbroek', staffEmail: delegate.email },
      delegate.username,
      delegate.password,
      ACTOR,
    );
    keep('delegate first name', 'Wilhelmina');
    keep('delegate last name', 'Oosterbroek');
    keep('delegate e-mail', delegate.email);
    keep('delegate password', delegate.password);
    // The school accepted the agreement (else the management screen shows only that).
    const { version } = await t.hub.services.agreements.publish(
      { version: '2026.1', body: 'De overeenkomst, versie 2026.1, met alle artikelen.', effectiveFrom: new Date(Date.now() - 1000) },
      ACTOR,
    );
    const delegatePerson = (await t.hub.db.repositories.people.listBySchool(schoolId)).find((p) => p.role === 'delegate')!;
    await t.hub.services.agreements.accept((await t.hub.db.repositories.schools.findById(schoolId))!, version.id, delegatePerson.id, null);
    const pictures = (await t.hub.services.pupilLogin.resetPicturePassword(school.pupil.personId, ACTOR)).sequence;
    keep('picture password', pictures.join(','));

    // Password login with two-step verification: enrolment, then a login with a code.
    const enrol = new Browser();
    expect((await enrol.passwordLogin(t.baseUrl, delegate.username, delegate.password)).location).to.equal(url('/login/2fa/setup'));
    const setup = await enrol.request(url('/login/2fa/setup'));
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(setup.body)![1]!;
    keep('TOTP secret', secret);
    expect((await enrol.request(url('/login/2fa/setup'), { form: { _csrf: csrfOf(setup.body), code: totpCode(secret) } })).status).to.equal(
      200,
    );
    const admin = new Browser();
    expect((await admin.passwordLogin(t.baseUrl, delegate.username, delegate.password)).location).to.equal(url('/login/2fa'));
    expect((await admin.submit(url('/login/2fa'), { code: totpCode(secret, 1) })).status).to.equal(303);

    // A failed login (wrong password).
    const wrong = await new Browser().passwordLogin(t.baseUrl, school.teacher.username, 'Verkeerd-Wachtwoord-1');
    expect(wrong.status).to.equal(401);
    keep('wrong password', 'Verkeerd-Wachtwoord-1');
    keep('teacher username', school.teacher.username);

    // Picture login.
    const pupil = new Browser();
    const picturePage = url(`/login/pictures/${schoolId}/pupils/${school.pupil.personId}`);
    expect((await pupil.submit(picturePage, { sequence: pictures.join(',') })).location).to.equal(url('/portal'));

    // SSO with attributes released (names, ECK iD).
    const keys = await testSpKeys();
    spState = new SAML({
      entryPoint: `${t.baseUrl}/saml/sso`,
      issuer: 'https://monitor.example/sp',
      callbackUrl: 'http://127.0.0.1:9/monitor/acs',
      idpCert: t.hub.secrets.samlSigning.certificatePem,
      audience: 'https://monitor.example/sp',
      privateKey: keys.signing.privateKeyPem,
      publicCert: keys.signing.certificatePem,
      signatureAlgorithm: 'sha256',
      digestAlgorithm: 'sha256',
      identifierFormat: NAMEID_FORMAT.persistent,
      wantAssertionsSigned: true,
      validateInResponseTo: ValidateInResponseTo.always,
      disableRequestedAuthnContext: true,
    });
    await registerSp(t.hub, 'Uitgeverij L', sp().generateServiceProviderMetadata(null, keys.signing.certificatePem), {
      attributes: ['givenName', 'sn', 'eckId'],
    });
    const { form } = await loginThroughSso(
      new Browser(),
      await sp().getAuthorizeUrlAsync('', undefined, {}),
      school.pupil.username,
      school.pupil.password,
    );
    expect(form, 'an assertion was posted').not.to.equal(null);
    const profile = (await sp().validatePostResponseAsync({ SAMLResponse: form!.fields.SAMLResponse! })).profile!;
    const released = Object.entries(profile.attributes ?? {})
      .flatMap(([, v]) => (Array.isArray(v) ? v : [v]))
      .map(String);
    expect(released, 'attribute values were released').to.include('Jozefien');
    for (const v of released) keep(`released attribute value ${v}`, v);
    keep('NameID (pseudonym)', profile.nameID);

    // A roster import through the management screen (CSV upload, then apply).
    const csv = [
      'soort;key;achternaam;roepnaam;voorvoegsel;eckid;geboortedatum;geslacht;email;groep_key;groep_naam;jaargroep;samengestelde_groepen',
      'leerling;L1;Horst;Jozefien;ter;https://ketenid.nl/201703/61ff;2015-04-01;V;;G6;Groep 6;6;',
      'leerling;C9;Vanderbijl;Ottoline;;;2016-05-06;V;;G6;Groep 6;6;',
      'leerkracht;T9;Hoogendijk;Barendina;;;;;b.hoogendijk@61ff.example.nl;G6;Groep 6;6;',
    ].join('\n');
    for (const [what, v] of [
      ['imported name', 'Vanderbijl'],
      ['imported name', 'Ottoline'],
      ['imported name', 'Hoogendijk'],
      ['imported name', 'Barendina'],
      ['imported e-mail', 'b.hoogendijk@61ff.example.nl'],
    ])
      keep(`${what} ${v}`, v!);
    const importPage = await admin.request(url('/admin/import'));
    expect(importPage.status).to.equal(200);
    const upload = new FormData();
    upload.set('_csrf', csrfOf(importPage.body));
    upload.set('format', 'csv');
    upload.set('file', new Blob([csv], { type: 'text/csv' }), 'leerlingen.csv');
    const dry = await fetch(url('/admin/import'), {
      method: 'POST',
      body: upload,
      headers: { cookie: admin.cookieHeader() },
      redirect: 'manual',
    });
    const dryBody = await dry.text();
    expect(dry.status, `${dry.headers.get('location')} ${dryBody.slice(0, 400)}`).to.equal(200);
    const apply = /action="(\/admin\/import\/[0-9a-f-]{36}\/apply)"/.exec(dryBody)![1]!;
    const applied = await admin.request(url(apply), { form: { _csrf: csrfOf(dryBody) } });
    expect(applied.status, applied.body.slice(0, 300)).to.be.oneOf([200, 303]);
    expect(
      (await t.hub.db.repositories.people.listBySchool(schoolId)).some((p) => p.lastName === 'Vanderbijl'),
      'imported',
    ).to.equal(true);

    await t.server.background.drain();
    const metrics = await (await fetch(url('/metrics'))).text();

    // What the flow counted.
    const value = (series: string) => {
      const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
      return line ? Number(line.split(' ')[1]) : 0;
    };
    expect(value('leerpoort_logins_total{method="password",outcome="success",reason=""}')).to.be.at.least(3);
    expect(value('leerpoort_logins_total{method="password",outcome="failure",reason="wrong_password"}')).to.equal(1);
    expect(value('leerpoort_logins_total{method="two_factor",outcome="success",reason=""}')).to.equal(1);
    expect(value('leerpoort_logins_total{method="picture",outcome="success",reason=""}')).to.equal(1);
    expect(value('leerpoort_sso_total{sp="https://monitor.example/sp",outcome="success",reason=""}')).to.equal(1);
    expect(value('leerpoort_http_request_duration_seconds_count{group="saml_sso",method="GET",status="2xx"}')).to.be.at.least(1);
    expect(value('leerpoort_http_request_duration_seconds_count{group="login",method="POST",status="3xx"}')).to.be.at.least(3);
    expect(metrics).to.match(/^leerpoort_db_pool_connections\{state="total"\} [1-9]/m);
    expect(metrics).to.match(/^leerpoort_db_pool_connections\{state="waiting"\} 0$/m);
    expect(metrics).to.match(/^leerpoort_mail_queue_depth \d+$/m);
    // The scheduler's first job (the audit sealer) runs as the hub starts.
    expect(metrics).to.match(/^leerpoort_job_runs_total\{job="audit-seal",outcome="success"\} [1-9]/m);

    // Nothing personal in the log or the metrics.
    expect(lines.length, 'the log was captured').to.be.greaterThan(20);
    const log = lines.join('');
    const found = [...secrets].filter(([, v]) => log.includes(v) || log.toLowerCase().includes(v.toLowerCase()));
    expect(found.map(([what]) => `log: ${what}`)).to.deep.equal([]);
    const inMetrics = [...secrets].filter(([, v]) => metrics.includes(v));
    expect(inMetrics.map(([what]) => `metrics: ${what}`)).to.deep.equal([]);
    expect(secrets.size).to.be.greaterThan(20);

    // Every request line carries a request id, and so does everything logged while answering a request.
    const parsed = lines.map((l) => JSON.parse(l) as { msg: string; requestId?: string; path?: string });
    const requests = parsed.filter((l) => l.msg === 'request');
    expect(requests.length).to.be.greaterThan(15);
    expect(requests.filter((l) => !l.requestId)).to.deep.equal([]);
    // Lines without one come only from work no request started (start-up, the mail job's timer).
    const outsideRequests = new Set(parsed.filter((l) => !l.requestId).map((l) => l.msg));
    const background = [
      'Leerpoort hub listening',
      'generated development secret',
      'mail kept in the outbox (no SMTP_URL); read it with `leerpoort outbox`',
    ];
    expect([...outsideRequests].filter((m) => !background.includes(m))).to.deep.equal([]);
  });

  it('a throttled login is counted as a throttle, without the account in any label', async () => {
    const before = await (await fetch(url('/metrics'))).text();
    const count = (text: string) => Number(/^leerpoort_throttled_total\{action="login.password"\} (\d+)/m.exec(text)?.[1] ?? 0);
    const b = new Browser();
    let throttled = false;
    for (let i = 0; i < 30 && !throttled; i++) {
      const res = await b.passwordLogin(t.baseUrl, 'niemand.61ff', `Fout-${i}-wachtwoord`);
      throttled = res.status === 429 || /te vaak|too many/i.test(res.body);
    }
    expect(throttled, 'the login throttle answered').to.equal(true);
    const after = await (await fetch(url('/metrics'))).text();
    expect(count(after)).to.be.greaterThan(count(before));
    expect(after).not.to.contain('niemand');
  });

  it('/metrics: loopback without a proxy header, or the bearer token; anything else 404', async () => {
    const direct = await fetch(url('/metrics'));
    expect(direct.status).to.equal(200);
    expect(direct.headers.get('content-type')).to.contain('text/plain').and.to.contain('version=0.0.4');
    expect(direct.headers.get('cache-control')).to.equal('no-store');
    expect(direct.headers.getSetCookie(), 'no session for a scraper').to.deep.equal([]);
    // Through a proxy on this machine: the proxy's loopback address must not let the internet in.
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip'])
      expect((await fetch(url('/metrics'), { headers: { [header]: '203.0.113.9' } })).status, header).to.equal(404);
    const withToken = await fetch(url('/metrics'), {
      headers: { 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(withToken.status).to.equal(200);
    const wrongToken = await fetch(url('/metrics'), {
      headers: { 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${METRICS_TOKEN}x` },
    });
    expect(wrongToken.status).to.equal(404);
  });

  it('with METRICS_ALLOW=none only the token opens it', async function () {
    const closed = await startTestHub(this, 'observability_closed', { METRICS_ALLOW: 'none', METRICS_TOKEN });
    try {
      expect((await fetch(`${closed.baseUrl}/metrics`)).status).to.equal(404);
      expect((await fetch(`${closed.baseUrl}/metrics`, { headers: { authorization: 'Bearer nope' } })).status).to.equal(404);
      const ok = await fetch(`${closed.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(ok.status).to.equal(200);
      expect(await ok.text()).to.contain('leerpoort_logins_total');
    } finally {
      await closed.stop();
    }
  });
});

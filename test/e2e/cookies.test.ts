import fs from 'node:fs';
import path from 'node:path';
import { ValidateInResponseTo } from '@node-saml/node-saml';
import { expect } from 'chai';
import { totpCode } from '../support/browser-pages';
import { ACTOR, nodeSamlSp, registerSp, seedSchool, type SeededSchool, type TestSpKeys, testSpKeys } from '../support/federation';
import { Browser, csrfOf, loginThroughSso, startTestHub, type TestHub } from '../support/hub';
import { STAFF_BY_EMAIL } from '../support/upstream-idp';

/**
 * Cookies (data-processing agreement annex 1 B.3): every flow of the hub is walked over real HTTP and
 * every Set-Cookie it answers is collected. Each must be a row of the README's cookie table — the
 * allow-list — with the lifetime, path, SameSite and flags written there; host-only (no Domain), never
 * an analytics or third-party cookie. A new cookie fails this test until it is documented.
 */

interface DocumentedCookie {
  readonly name: string;
  readonly lifetimeSeconds: number;
  readonly path: string;
  /** On plain http, as the test hub runs. */
  readonly sameSite: string;
  readonly sameSiteHttps: string;
  readonly httpOnly: boolean;
}

/** The README's "## Cookies" table, read as the allow-list. */
function documentedCookies(): Map<string, DocumentedCookie> {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  const section = readme.split('\n## Cookies\n')[1]?.split('\n## ')[0];
  if (!section) throw new Error('README.md has no "## Cookies" section');
  const rows = section.split('\n').filter((l) => /^\| `[^`]+` \|/.test(l));
  const out = new Map<string, DocumentedCookie>();
  for (const row of rows) {
    const [name, , lifetime, cookiePath, sameSite, flags] = row
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const life = /(\d+) (hours|days)/.exec(lifetime!);
    if (!life) throw new Error(`README cookie row without a lifetime in hours or days: ${row}`);
    const sameSites = [...sameSite!.matchAll(/`(\w+)`/g)].map((m) => m[1]!);
    out.set(name!.replace(/`/g, ''), {
      name: name!.replace(/`/g, ''),
      lifetimeSeconds: Number(life[1]) * (life[2] === 'hours' ? 3600 : 86_400),
      path: cookiePath!.replace(/`/g, ''),
      sameSite: sameSites[0]!,
      sameSiteHttps: sameSites[1] ?? sameSites[0]!,
      httpOnly: /HttpOnly/.test(flags!),
    });
  }
  return out;
}

interface SeenCookie {
  readonly flow: string;
  readonly url: string;
  readonly header: string;
  readonly date: string | null;
}

/** A test browser that also writes down every Set-Cookie, with the flow it belongs to. */
class RecordingBrowser extends Browser {
  flow = 'start';
  constructor(
    readonly seen: SeenCookie[],
    readonly csp: Array<{ url: string; policy: string | null }>,
    forwardedFor?: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {
    super(forwardedFor);
  }

  override async request(
    url: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): ReturnType<Browser['request']> {
    const res = await super.request(url, { ...init, headers: { ...this.extraHeaders, ...(init.headers ?? {}) } });
    for (const header of res.headers.getSetCookie()) this.seen.push({ flow: this.flow, url, header, date: res.headers.get('date') });
    if ((res.headers.get('content-type') ?? '').includes('text/html'))
      this.csp.push({ url, policy: res.headers.get('content-security-policy') });
    return res;
  }
}

/** One Set-Cookie header's attributes, lower-cased names. */
function parseSetCookie(header: string): { name: string; value: string; attrs: Map<string, string> } {
  const [pair, ...rest] = header.split(';').map((p) => p.trim());
  const eq = pair!.indexOf('=');
  const attrs = new Map<string, string>();
  for (const a of rest) {
    const i = a.indexOf('=');
    attrs.set((i < 0 ? a : a.slice(0, i)).toLowerCase(), i < 0 ? '' : a.slice(i + 1));
  }
  return { name: pair!.slice(0, eq), value: pair!.slice(eq + 1), attrs };
}

/** The cookie's lifetime in seconds from Max-Age, else from Expires against the response's Date. */
function lifetimeOf(attrs: Map<string, string>, date: string | null): number | null {
  if (attrs.has('max-age')) return Number(attrs.get('max-age'));
  if (attrs.has('expires')) return Math.round((Date.parse(attrs.get('expires')!) - Date.parse(date ?? new Date().toUTCString())) / 1000);
  return null;
}

/** Every way the checks below can find a cookie wrong; [] when it matches its README row. */
function problemsWith(c: SeenCookie, allowed: Map<string, DocumentedCookie>, https: boolean): string[] {
  const { name, attrs } = parseSetCookie(c.header);
  const where = `${c.flow} (${new URL(c.url).pathname}): ${name}`;
  const doc = allowed.get(name);
  if (!doc) return [`${where} is not in the README's cookie table`];
  const problems: string[] = [];
  const lifetime = lifetimeOf(attrs, c.date);
  // A cookie being deleted (lifetime ≤ 0) may say so; any other must live as long as documented (± the test's clock).
  if (lifetime === null) problems.push(`${where}: no lifetime (a session cookie), README says ${doc.lifetimeSeconds}s`);
  else if (lifetime > 0 && Math.abs(lifetime - doc.lifetimeSeconds) > 5)
    problems.push(`${where}: lifetime ${lifetime}s, README says ${doc.lifetimeSeconds}s`);
  if ((attrs.get('path') ?? '') !== doc.path) problems.push(`${where}: Path ${attrs.get('path')}, README says ${doc.path}`);
  const sameSite = (attrs.get('samesite') ?? '').toLowerCase();
  const expected = (https ? doc.sameSiteHttps : doc.sameSite).toLowerCase();
  if (sameSite !== expected) problems.push(`${where}: SameSite=${sameSite || '(none)'}, README says ${expected}`);
  if (doc.httpOnly && !attrs.has('httponly')) problems.push(`${where}: not HttpOnly`);
  if (attrs.has('domain')) problems.push(`${where}: has a Domain attribute (must be host-only)`);
  if (https !== attrs.has('secure'))
    problems.push(`${where}: Secure ${attrs.has('secure') ? 'set' : 'missing'} on ${https ? 'https' : 'http'}`);
  return problems;
}

/** Any origin other than the hub's own in a policy directive (form-action may name the SP a SAML message goes to). */
const foreignSources = (policy: string) =>
  policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .filter(([directive]) => directive !== 'form-action')
    .flatMap(([directive, ...sources]) => sources.filter((s) => /^(https?:|\*|wss?:)/.test(s)).map((s) => `${directive} ${s}`));

function spFor(t: TestHub, keys: TestSpKeys) {
  return nodeSamlSp({
    hubUrl: t.baseUrl,
    idpCert: t.hub.secrets.samlSigning.certificatePem,
    entityId: 'https://koekjes.example/sp',
    acs: 'http://127.0.0.1:9/koekjes/acs',
    sloUrl: 'http://127.0.0.1:9/koekjes/slo',
    keys,
    validateInResponseTo: ValidateInResponseTo.always,
  });
}

describe('cookies: every flow sets only the functional cookies documented in the README (HTTP, PostgreSQL)', function () {
  let t: TestHub;
  let school: SeededSchool;
  let schoolId = '';
  let pictures: string[] = [];
  const seen: SeenCookie[] = [];
  const csp: Array<{ url: string; policy: string | null }> = [];
  const allowed = documentedCookies();
  const url = (p: string) => `${t.baseUrl}${p}`;
  const DELEGATE = { username: 'ilse.41aa', password: 'Sleutelbos-Fiets-91' };
  const OPERATOR = { username: 'dirk.ops', password: 'Console-Lamp-Vijver-8' };
  const browser = (flow: string) => {
    const b = new RecordingBrowser(seen, csp);
    b.flow = flow;
    return b;
  };
  const post = (b: Browser, p: string, fields: Record<string, string>, csrfFrom = p) => b.submit(url(p), fields, url(csrfFrom));
  const expectStatus = (res: { status: number; body: string }, status: number, what: string) =>
    expect(res.status, `${what}: ${res.body.slice(0, 300)}`).to.equal(status);

  before(async function () {
    t = await startTestHub(this, 'cookies');
    school = await seedSchool(t.hub, { brin: '41AA', participant: 'Uitgeverij K' });
    schoolId = (await t.hub.db.repositories.schools.findByBrin('41AA'))[0]!.id;
    pictures = (await t.hub.services.pupilLogin.resetPicturePassword(school.pupil.personId, ACTOR)).sequence;
    const { person } = await t.hub.services.accounts.createPersonWithAccount(
      { schoolId, role: 'delegate', firstName: 'Ilse', lastName: 'Beheer', staffEmail: 'ilse@41aa.example.nl' },
      DELEGATE.username,
      DELEGATE.password,
      ACTOR,
    );
    const { version } = await t.hub.services.agreements.publish(
      { version: '2026.1', body: 'De overeenkomst, versie 2026.1, met alle artikelen.', effectiveFrom: new Date(Date.now() - 1000) },
      ACTOR,
    );
    await t.hub.services.agreements.accept((await t.hub.db.repositories.schools.findById(schoolId))!, version.id, person.id, null);
    await t.hub.services.accounts.createOperator(
      { displayName: 'Dirk DBA', email: 'dirk@leerpoort.example', roles: ['dba', 'helpdesk'] },
      OPERATOR.username,
      OPERATOR.password,
      ACTOR,
    );
  });
  after(async () => t?.stop());

  it('walks every flow: status page, password, pictures, card, parents, 2FA, admin, ops, SSO, SLO and password reset', async () => {
    // Status page (public).
    const visitor = browser('status page');
    expectStatus(await visitor.request(url('/status')), 200, 'status');
    expectStatus(await visitor.request(url('/status.json')), 200, 'status.json');

    // Password login (a teacher without a second factor), portal, logout.
    const teacher = browser('password login');
    expect((await teacher.passwordLogin(t.baseUrl, school.teacher.username, school.teacher.password)).location).to.equal(url('/portal'));
    expectStatus(await teacher.request(url('/portal')), 200, 'portal');
    for (const p of ['/account/sessions', '/account/two-factor', '/class']) expectStatus(await teacher.request(url(p)), 200, p);
    expectStatus(await post(teacher, '/logout', {}, '/portal'), 200, 'logout');

    // Picture login: search, school (remembered), group, own picture, picture password.
    const pupil = browser('picture login');
    expectStatus(await pupil.request(url('/login/pictures?q=School')), 200, 'school search');
    expectStatus(await pupil.request(url(`/login/pictures/${schoolId}`)), 200, 'groups');
    const group = (await t.hub.db.repositories.groups.findByLasKey(schoolId, 'G6'))!.id;
    expectStatus(await pupil.request(url(`/login/pictures/${schoolId}/groups/${group}`)), 200, 'pupils');
    const picturePage = `/login/pictures/${schoolId}/pupils/${school.pupil.personId}`;
    expect((await post(pupil, picturePage, { sequence: pictures.join(',') })).location).to.equal(url('/portal'));
    expect((await pupil.request(url('/login/pictures'))).location, 'the device remembers the school').to.equal(
      url(`/login/pictures/${schoolId}`),
    );

    // School account: the school is chosen (remembered on the device) and the hub sends the user on to its
    // IdP; "Andere school kiezen" forgets it. The IdP is never contacted here, so its registration is minimal.
    await t.hub.db.repositories.upstreamIdps.upsert(
      schoolId,
      {
        entityId: 'https://idp.41aa.example.nl/idp',
        ssoUrl: 'https://idp.41aa.example.nl/sso',
        sloEndpoints: [],
        signingCertificates: [t.hub.secrets.samlSigning.certificatePem],
        validUntil: null,
        signatureVerified: false,
        metadataXml: '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"/>',
      },
      STAFF_BY_EMAIL,
      new Date(),
    );
    const staff = browser('school account');
    expectStatus(await post(staff, '/login/school', { school: schoolId, return: '/portal' }, '/login'), 200, 'to the school IdP');
    expectStatus(await staff.request(url('/login')), 200, 'login page with the remembered school');
    expectStatus(await post(staff, '/login/school/forget', { return: '/portal' }, '/login'), 303, 'choose another school');

    // QR card login.
    const card = browser('card login');
    const { token } = await t.hub.services.pupilLogin.issueCard(school.pupil.personId, ACTOR);
    expect((await post(card, '/login/card', { token })).location).to.equal(url('/portal'));

    // Parents: link by mail, set a password, log in, choose the child, the child's pictures.
    await t.hub.services.schools.setHomeAccess('41AA', true, ACTOR);
    await t.hub.services.accounts.changeHomeAccessEmail(school.pupil.username, { add: 'ouder@41aa.example.nl' }, ACTOR);
    const parent = browser('parent login');
    expectStatus(await post(parent, '/login/parents/password', { email: 'ouder@41aa.example.nl' }), 200, 'parent link');
    await t.server.background.drain();
    const mail = (await t.hub.db.repositories.outbox.list()).find((m) => m.to === 'ouder@41aa.example.nl')!;
    const link = new URL(/http\S+\/login\/parents\/password\/\S+/.exec(mail.body)![0]).pathname;
    expectStatus(await post(parent, link, { password: 'Fietsbel-Regen-42', confirm: 'Fietsbel-Regen-42' }), 200, 'parent password');
    expect((await post(parent, '/login/parents', { email: 'ouder@41aa.example.nl', password: 'Fietsbel-Regen-42' })).location).to.equal(
      url('/login/parents/children'),
    );
    expectStatus(await parent.request(url('/login/parents/children')), 200, 'children');
    const child = `/login/parents/children/${school.pupil.personId}`;
    expect((await post(parent, child, { sequence: pictures.join(',') })).location).to.equal(url('/portal'));

    // Two-step verification: enrolment at the first login, then a login with a code.
    const delegate = browser('2FA enrolment');
    expect((await delegate.passwordLogin(t.baseUrl, DELEGATE.username, DELEGATE.password)).location).to.equal(url('/login/2fa/setup'));
    const setup = await delegate.request(url('/login/2fa/setup'));
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(setup.body)![1]!;
    expectStatus(
      await delegate.request(url('/login/2fa/setup'), { form: { _csrf: csrfOf(setup.body), code: totpCode(secret) } }),
      200,
      'enrol',
    );
    const admin = browser('2FA login');
    expect((await admin.passwordLogin(t.baseUrl, DELEGATE.username, DELEGATE.password)).location).to.equal(url('/login/2fa'));
    expect((await post(admin, '/login/2fa', { code: totpCode(secret, 1) })).status).to.equal(303);

    // The management screen, in both languages.
    admin.flow = 'admin screen';
    for (const p of ['/admin', '/admin/people?role=pupil', '/admin/groups', '/admin/licences', '/admin/settings', '/admin/audit'])
      expectStatus(await admin.request(url(p)), 200, p);
    expect((await admin.request(url('/admin/lang?to=en&back=/admin/groups'))).location).to.equal(url('/admin/groups'));
    expectStatus(await admin.request(url('/admin/groups')), 200, 'admin in English');

    // The operator console.
    const operator = browser('ops console');
    expect((await operator.passwordLogin(t.baseUrl, OPERATOR.username, OPERATOR.password)).location).to.equal(url('/login/2fa/setup'));
    const opsSetup = await operator.request(url('/login/2fa/setup'));
    const opsSecret = /id="totp-secret">([A-Z2-7]+)</.exec(opsSetup.body)![1]!;
    expectStatus(
      await operator.request(url('/login/2fa/setup'), { form: { _csrf: csrfOf(opsSetup.body), code: totpCode(opsSecret) } }),
      200,
      'ops enrol',
    );
    for (const p of [
      '/ops',
      '/ops/maintenance',
      '/ops/support',
      '/ops/participants',
      '/ops/sps',
      '/ops/keys',
      '/ops/jobs',
      '/ops/settings',
    ])
      expectStatus(await operator.request(url(p)), 200, p);
    expect((await post(operator, '/ops/logout', {}, '/ops')).location).to.equal(url('/login'));

    // SSO (SP-initiated, through the password login) and SLO.
    const keys = await testSpKeys();
    const sp = spFor(t, keys);
    await registerSp(t.hub, 'Uitgeverij K', sp.generateServiceProviderMetadata(null, keys.signing.certificatePem), {
      attributes: ['givenName'],
    });
    const sso = browser('SSO');
    const { form } = await loginThroughSso(
      sso,
      await sp.getAuthorizeUrlAsync('', undefined, {}),
      school.pupil.username,
      school.pupil.password,
    );
    expect(form, 'an assertion was posted').not.to.equal(null);
    const profile = (await sp.validatePostResponseAsync({ SAMLResponse: form!.fields.SAMLResponse! })).profile!;
    sso.flow = 'SLO';
    const logout = await sso.request(await sp.getLogoutUrlAsync(profile, '', {}));
    expectStatus(logout, 200, 'SLO');
    expect(logout.body).to.contain('SAMLResponse');

    // Staff password reset by a mailed link.
    const reset = browser('password reset');
    expectStatus(await post(reset, '/login/reset', { account: school.teacher.username }), 200, 'reset request');
    await t.server.background.drain();
    const resetMail = (await t.hub.db.repositories.outbox.list()).find((m) => m.to === 'g.zwaan@41aa.example.nl')!;
    const resetLink = new URL(/http\S+\/login\/reset\/[A-Za-z0-9_-]{43}/.exec(resetMail.body)![0]).pathname;
    expect((await post(reset, resetLink, { password: 'Nieuw-Krijtje-2027' })).status).to.equal(303);

    // What the walk found.
    const names = [...new Set(seen.map((c) => parseSetCookie(c.header).name))].sort();
    expect(names, 'every documented cookie was met on the way (the table stays true)').to.deep.equal([...allowed.keys()].sort());
    expect(
      seen.filter((c) => c.flow === 'status page'),
      'the status page sets none',
    ).to.deep.equal([]);
    expect(seen.flatMap((c) => problemsWith(c, allowed, false))).to.deep.equal([]);
    expect(
      csp.filter((c) => !c.policy).map((c) => c.url),
      'every page has a Content-Security-Policy',
    ).to.deep.equal([]);
    expect(
      csp.flatMap((c) => foreignSources(c.policy!).map((s) => `${new URL(c.url).pathname}: ${s}`)),
      'no page may load anything from another site',
    ).to.deep.equal([]);
  });

  it('the check itself: an undocumented cookie, a longer lifetime or a third-party Domain is caught', () => {
    const at = (header: string): SeenCookie => ({ flow: 'self-test', url: 'http://127.0.0.1/x', header, date: null });
    expect(problemsWith(at('_ga=GA1.1.123; Max-Age=63072000; Path=/'), allowed, false)).to.deep.equal([
      "self-test (/x): _ga is not in the README's cookie table",
    ]);
    expect(problemsWith(at('leerpoort.lang=en; Max-Age=99999999; Path=/; HttpOnly; SameSite=Lax'), allowed, false)[0]).to.contain(
      'lifetime 99999999s',
    );
    expect(
      problemsWith(at('leerpoort.lang=en; Max-Age=31536000; Path=/; Domain=example.com; HttpOnly; SameSite=Lax'), allowed, false),
    ).to.deep.equal(['self-test (/x): leerpoort.lang: has a Domain attribute (must be host-only)']);
    expect(problemsWith(at('leerpoort.lang=en; Max-Age=31536000; Path=/; SameSite=Lax'), allowed, false)).to.deep.equal([
      'self-test (/x): leerpoort.lang: not HttpOnly',
    ]);
    expect(
      foreignSources("default-src 'self'; script-src 'self' https://www.googletagmanager.com; form-action https://sp.example"),
    ).to.deep.equal(['script-src https://www.googletagmanager.com']);
  });

  it('on https (behind a trusted proxy) the same cookies are Secure, and the session SameSite=None as documented', async function () {
    const https = await startTestHub(this, 'cookies_https', { BASE_URL: 'https://leerpoort.example', TRUST_PROXY: 'loopback' });
    try {
      await seedSchool(https.hub, { brin: '42AA', participant: 'Uitgeverij K' });
      const secureSeen: SeenCookie[] = [];
      const b = new RecordingBrowser(secureSeen, [], undefined, { 'x-forwarded-proto': 'https' });
      b.flow = 'password login over https';
      const base = `http://127.0.0.1:${https.server.port}`;
      expect((await b.passwordLogin(base, 'gerrit.42aa', 'Appelboom-Kaas-27')).status).to.equal(303);
      const schoolRow = (await https.hub.db.repositories.schools.findByBrin('42AA'))[0]!;
      b.flow = 'picture login over https';
      expect((await b.request(`${base}/login/pictures/${schoolRow.id}`)).status).to.equal(200);
      const names = [...new Set(secureSeen.map((c) => parseSetCookie(c.header).name))].sort();
      expect(names).to.deep.equal(['leerpoort.device', 'leerpoort.school', 'leerpoort.sid']);
      expect(secureSeen.flatMap((c) => problemsWith(c, allowed, true))).to.deep.equal([]);
    } finally {
      await https.stop();
    }
  });
});

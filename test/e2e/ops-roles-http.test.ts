import crypto from 'node:crypto';
import type http from 'node:http';
import { expect } from 'chai';
import { generateKeyPair } from '../../src/crypto/secrets';
import { certificateBody } from '../../src/saml/xml/signature';
import { totpCode } from '../support/browser-pages';
import { ACTOR, type SeededSchool, seedSchool } from '../support/federation';
import { TEST_KEYRING_TEXT } from '../support/env';
import { Browser, csrfOf, startTestHub, type TestHub } from '../support/hub';

/**
 * Least-privilege staff roles (data-processing agreement annex 2 I) over real HTTP against a hub on
 * PostgreSQL. The access matrix enumerates every `/ops` route from express's own router stack — a route
 * added without a row in ACCESS fails here — and sends each one from every kind of session: helpdesk,
 * dba, security officer, no session, a school user's session, and an operator half-way (password done,
 * second factor not). Every POST carries that session's own valid CSRF token, so what refuses it is the
 * role check, not the token. Then the helpdesk's support flow (reason required, one user, what support
 * needs and nothing more, audited) and the dba's pages (no pupil data in any response).
 */

type Rule = { readonly role: 'any' | 'helpdesk' | 'dba' | 'security_officer'; readonly multipart?: true };

/** Every console route and who may use it. A new route needs a row here (and a deliberate rule). */
const ACCESS: Record<string, Rule> = {
  'GET /ops': { role: 'any' },
  'GET /ops/support': { role: 'helpdesk' },
  'POST /ops/support/find': { role: 'helpdesk' },
  'POST /ops/support/people/:id': { role: 'helpdesk' },
  'POST /ops/support/people/:id/end-sessions': { role: 'helpdesk' },
  'POST /ops/support/people/:id/unlock': { role: 'helpdesk' },
  'POST /ops/support/people/:id/reset-link': { role: 'helpdesk' },
  'GET /ops/maintenance': { role: 'dba' },
  'POST /ops/maintenance': { role: 'dba' },
  'POST /ops/maintenance/:id/cancel': { role: 'dba' },
  'GET /ops/participants': { role: 'dba' },
  'POST /ops/participants': { role: 'dba' },
  'GET /ops/participants/:id/annex': { role: 'dba' },
  'POST /ops/participants/:id/annex': { role: 'dba' },
  'GET /ops/participants/:id/oidc-clients': { role: 'dba' },
  'POST /ops/participants/:id/oidc-clients': { role: 'dba' },
  'POST /ops/participants/:id/oidc-clients/remove': { role: 'dba' },
  'POST /ops/participants/:id/oidc-clients/rotate-secret': { role: 'dba' },
  'GET /ops/destructions': { role: 'dba' },
  'POST /ops/destructions': { role: 'dba' },
  'GET /ops/destructions/:id': { role: 'dba' },
  'GET /ops/destructions/:id/certificate': { role: 'dba' },
  'GET /ops/sps': { role: 'dba' },
  'POST /ops/sps': { role: 'dba', multipart: true },
  'POST /ops/sps/remove': { role: 'dba' },
  'GET /ops/keys': { role: 'dba' },
  'POST /ops/keys/rotate': { role: 'dba' },
  'GET /ops/jobs': { role: 'dba' },
  'GET /ops/settings': { role: 'dba' },
  'GET /ops/access-log': { role: 'security_officer' },
  'GET /ops/breaches': { role: 'security_officer' },
  'GET /ops/breaches/new': { role: 'security_officer' },
  'POST /ops/breaches': { role: 'security_officer' },
  'GET /ops/breaches/:id': { role: 'security_officer' },
  'POST /ops/breaches/:id/confirm': { role: 'security_officer' },
  'POST /ops/breaches/:id/notify': { role: 'security_officer' },
  'GET /ops/misuse': { role: 'security_officer' },
  'POST /ops/misuse/warnings': { role: 'security_officer' },
  'POST /ops/misuse/warnings/:id/close': { role: 'security_officer' },
  'POST /ops/misuse/suspensions': { role: 'security_officer' },
  'POST /ops/misuse/suspensions/lift': { role: 'security_officer' },
  'GET /ops/notices': { role: 'dba' },
  'POST /ops/notices/service-end': { role: 'dba' },
  'POST /ops/notices/browsers': { role: 'dba' },
  'POST /ops/notices/browsers/withdraw': { role: 'dba' },
  'POST /ops/notices/:id/cancel': { role: 'dba' },
  'GET /ops/disruptions': { role: 'helpdesk' },
  'POST /ops/disruptions': { role: 'helpdesk' },
  'POST /ops/disruptions/:id/:step': { role: 'helpdesk' },
  // Logging out needs no role; it is sent last (it ends the session).
  'POST /ops/logout': { role: 'any' },
};

/** METHOD path of every route express would route, walking nested routers. */
function routesOf(server: http.Server): string[] {
  const app = server.listeners('request').find((l) => (l as { router?: unknown }).router) as unknown as {
    router: { stack: Layer[] };
  };
  interface Layer {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  }
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [m, on] of Object.entries(layer.route.methods))
          if (on && m !== '_all') out.push(`${m.toUpperCase()} ${layer.route.path}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk(app.router.stack);
  return out;
}

const PASSWORD = 'Console-Lamp-Vijver-8';

describe('operator console least privilege: every /ops route × every role, and the helpdesk support flow (HTTP, PostgreSQL)', function () {
  let t: TestHub;
  let school: SeededSchool;
  /** A recorded breach, so the register's detail page has something to show. */
  let breachId = '';
  /** A participant (its annex page) and an issued destruction certificate (its pages). */
  let participantId = '';
  let certificateId = '';
  const operatorIds: Record<string, string> = {};
  const url = (path: string) => `${t.baseUrl}${path}`;
  /** The pupil's personal data: none of it may reach a dba, and only the name and account state a helpdesk. */
  const PUPIL = { first: 'Zilvana', last: 'Quendelbrug', birth: '2015-04-01' };

  async function operatorSession(username: string): Promise<Browser> {
    const b = new Browser();
    expect((await b.passwordLogin(t.baseUrl, username, PASSWORD)).location).to.equal(url('/login/2fa/setup'));
    const page = await b.request(url('/login/2fa/setup'));
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)![1]!;
    const done = await b.request(url('/login/2fa/setup'), { form: { _csrf: csrfOf(page.body), code: totpCode(secret) } });
    expect(done.status, done.body.slice(0, 300)).to.equal(200);
    expect((await b.request(url('/ops'))).status).to.equal(200);
    return b;
  }

  before(async function () {
    t = await startTestHub(this, 'ops_roles');
    school = await seedSchool(t.hub, { brin: '41DD', participant: 'Uitgeverij R', pupilFirstName: PUPIL.first });
    await t.hub.db.repositories.people.update(school.pupil.personId, { lastName: PUPIL.last });
    for (const [username, roles] of [
      ['hanna.ops', ['helpdesk']],
      ['dirk.ops', ['dba']],
      ['sanne.ops', ['security_officer']],
      ['half.ops', ['helpdesk', 'dba', 'security_officer']],
      // The matrix's own operators: a second factor, once enrolled, is not enrolled again.
      ['m.helpdesk', ['helpdesk']],
      ['m.dba', ['dba']],
      ['m.security', ['security_officer']],
    ] as const) {
      const { operator } = await t.hub.services.accounts.createOperator(
        { displayName: username, email: `${username}@leerpoort.example`, roles },
        username,
        PASSWORD,
        ACTOR,
      );
      operatorIds[username] = operator.id;
    }
    breachId = (
      await t.hub.services.breaches.record(
        {
          detectedAt: new Date(Date.now() - 60_000),
          summary: 'Testincident',
          natures: ['read'],
          cause: 'x',
          measures: 'y',
          schools: ['41DD 1'],
          affectedKinds: ['pupils'],
          dataCategories: ['firstName'],
          accessDataAffected: false,
        },
        ACTOR,
      )
    ).id;
    participantId = (await t.hub.db.repositories.participants.findByName('Uitgeverij R'))!.id;
    await seedSchool(t.hub, { brin: '41DE', participant: 'Uitgeverij S' });
    certificateId = (
      await t.hub.services.destruction.destroyOnRequest(
        '41DE',
        { reference: 'Brief 2026-17', receivedAt: new Date(Date.now() - 60_000) },
        ACTOR,
      )
    ).certificateId;
  });
  after(async () => t?.stop());

  it('the access matrix: every /ops route (read from the router) × helpdesk, dba, security officer, none, school user, half-way', async () => {
    const routes = routesOf(t.server.server).filter((r) => / \/ops(\/|$)/.test(r));
    expect(
      routes.filter((r) => !ACCESS[r]),
      'console routes without an access rule in this test',
    ).to.deep.equal([]);
    expect(
      Object.keys(ACCESS).filter((r) => !routes.includes(r)),
      'rules for routes that no longer exist',
    ).to.deep.equal([]);

    const sessions: Record<string, { browser: Browser; csrf: string; roles: readonly string[] }> = {};
    for (const [name, username] of [
      ['helpdesk', 'm.helpdesk'],
      ['dba', 'm.dba'],
      ['security_officer', 'm.security'],
    ] as const) {
      const browser = await operatorSession(username);
      sessions[name] = { browser, csrf: csrfOf((await browser.request(url('/ops'))).body), roles: [name] };
    }
    const none = new Browser();
    sessions.none = { browser: none, csrf: csrfOf((await none.request(url('/login'))).body), roles: [] };
    const person = new Browser();
    expect((await person.passwordLogin(t.baseUrl, school.teacher.username, school.teacher.password)).status).to.equal(303);
    sessions.schoolUser = { browser: person, csrf: csrfOf((await person.request(url('/portal'))).body), roles: [] };
    // An operator with every role who typed the password but has not passed the second factor yet.
    const half = new Browser();
    expect((await half.passwordLogin(t.baseUrl, 'half.ops', PASSWORD)).location).to.equal(url('/login/2fa/setup'));
    sessions.halfWay = { browser: half, csrf: csrfOf((await half.request(url('/login/2fa/setup'))).body), roles: [] };

    const ordered = [...routes].sort((a, b) => Number(a === 'POST /ops/logout') - Number(b === 'POST /ops/logout'));
    const failures: string[] = [];
    const concrete = (route: string) =>
      route
        .slice(route.indexOf(' ') + 1)
        .replace(/^\/ops\/support\/people\/:id/, `/ops/support/people/${school.pupil.personId}`)
        .replace(/^\/ops\/breaches\/:id/, `/ops/breaches/${breachId}`)
        .replace(/^\/ops\/participants\/:id/, `/ops/participants/${participantId}`)
        .replace(/^\/ops\/destructions\/:id/, `/ops/destructions/${certificateId}`)
        .replace(':id', crypto.randomUUID());
    for (const route of ordered) {
      const rule = ACCESS[route]!;
      const method = route.slice(0, route.indexOf(' '));
      for (const [name, s] of Object.entries(sessions)) {
        let res: { status: number; body: string; location: string | null };
        if (method === 'GET') res = await s.browser.request(url(concrete(route)));
        else if (rule.multipart) {
          // A real multipart body (as the browser sends the SP form), carrying the session's token.
          const body = new FormData();
          body.set('_csrf', s.csrf);
          body.set('participant', 'Uitgeverij R');
          const cookie = ['leerpoort.sid'].map((c) => `${c}=${s.browser.cookie(c) ?? ''}`).join('; ');
          const r = await fetch(url(concrete(route)), { method: 'POST', body, headers: { cookie }, redirect: 'manual' });
          res = { status: r.status, body: await r.text(), location: r.headers.get('location') };
          if (res.location) res.location = new URL(res.location, url('/')).toString();
        } else res = await s.browser.request(url(concrete(route)), { form: { _csrf: s.csrf } });
        const isOperator = s.roles.length > 0;
        const allowed = isOperator && (rule.role === 'any' || s.roles.includes(rule.role));
        let ok: boolean;
        let expected: string;
        if (route === 'POST /ops/logout') {
          expected = '303 → /login';
          ok = res.status === 303 && res.location === url('/login');
        } else if (!isOperator) {
          expected = '303 → /login';
          ok = res.status === 303 && res.location === url('/login');
        } else if (!allowed) {
          expected = '403';
          ok = res.status === 403 && res.body.includes(`Hiervoor is de rol &#39;${rule.role}&#39; nodig`);
        } else {
          // Admitted: a page (GET), or the handler's own answer to an empty form (400/404) — never a refusal.
          expected = method === 'GET' ? '200' : 'admitted (not 403/5xx, not to /login)';
          ok = method === 'GET' ? res.status === 200 : res.status !== 403 && res.status < 500 && res.location !== url('/login');
        }
        if (!ok) failures.push(`${route} as ${name}: expected ${expected}, got ${res.status} ${res.location ?? ''}`);
        if (name === 'dba')
          for (const secret of [PUPIL.first, PUPIL.last, PUPIL.birth])
            if (res.body.includes(secret)) failures.push(`${route} as dba: the response shows pupil data (${secret})`);
      }
    }
    expect(failures).to.deep.equal([]);
    expect(ordered.length).to.equal(Object.keys(ACCESS).length);
  });

  describe('the helpdesk support flow', () => {
    let helpdesk: Browser;
    let other: Browser;
    const reason = 'Ticket 4711: leerkracht meldt dat de leerling niet kan inloggen';

    before(async () => {
      helpdesk = await operatorSession('hanna.ops');
      other = await operatorSession('sanne.ops');
    });

    const find = (fields: Record<string, string>) => helpdesk.submit(url('/ops/support/find'), fields, url('/ops/support'));
    const auditOf = (action: string) => t.hub.db.repositories.audit.list({ action, actorId: operatorIds['hanna.ops'] });

    it('a search without a reason (or too short a one) is refused beside the form, shows nobody and records no view', async () => {
      for (const r of ['', 'help', '         x']) {
        const res = await find({ by: 'username', username: school.pupil.username, reason: r });
        expect(res.status).to.equal(400);
        expect(res.body).to.contain('id="support-error"').and.to.contain('minstens 10 tekens');
        expect(res.body).not.to.contain(PUPIL.last);
      }
      expect(await auditOf('support.find')).to.deep.equal([]);
    });

    it('the form needs the session’s own CSRF token', async () => {
      const fields = { by: 'username', username: school.pupil.username, reason };
      expect((await helpdesk.request(url('/ops/support/find'), { form: fields })).status).to.equal(403);
      const foreign = csrfOf((await other.request(url('/ops'))).body);
      expect((await helpdesk.request(url('/ops/support/find'), { form: { ...fields, _csrf: foreign } })).status).to.equal(403);
    });

    it('by school and name: exact-ish (full first and last name, any case or accents), never a partial list', async () => {
      const partial = await find({ by: 'name', brin: '41DD', name: PUPIL.first, reason });
      expect(partial.status).to.equal(400);
      expect(partial.body).to.contain('Vul voor- en achternaam helemaal in');
      const wrong = await find({ by: 'name', brin: '41DD', name: `${PUPIL.first} Quendel`, reason });
      expect(wrong.status).to.equal(200);
      expect(wrong.body).to.contain('id="no-matches"');
      const found = await find({ by: 'name', brin: '41dd', name: `zilvána TER quendelbrug`, reason });
      expect(found.status).to.equal(200);
      const rows = [...found.body.matchAll(/<form method="post" action="\/ops\/support\/people\/([0-9a-f-]+)"/g)].map((m) => m[1]);
      expect(rows).to.deep.equal([school.pupil.personId]);
      const unknownSchool = await find({ by: 'name', brin: '99ZZ', name: 'Zilvana Quendelbrug', reason });
      expect(unknownSchool.status).to.equal(404);
    });

    it('more than a handful with one name is refused — nobody listed — and the refusal is audited', async () => {
      const schoolId = (await t.hub.db.repositories.schools.findByBrin('41DD'))[0]!.id;
      for (let i = 0; i < 6; i++)
        await t.hub.db.repositories.people.insert({
          schoolId,
          role: 'pupil',
          lasKey: `S${i}`,
          firstName: 'Sam',
          infix: 'de',
          lastName: 'Vries',
        });
      const res = await find({ by: 'name', brin: '41DD', name: 'Sam de Vries', reason });
      expect(res.status).to.equal(400);
      expect(res.body).to.contain('Meer dan 5 personen met deze naam');
      expect(res.body).not.to.contain('/ops/support/people/');
      const refused = (await auditOf('support.find')).find((e) => e.outcome === 'failure');
      expect(refused?.details).to.deep.include({ reason, by: 'name', matches: 6 });
    });

    it('the support view shows account state, school and groups — never birth date, keys, e-mail or picture — and is audited with the reason', async () => {
      // Two wrong passwords first, and one real login: the view shows the count and the last login.
      const pupilBrowser = new Browser();
      for (let i = 0; i < 2; i++) await pupilBrowser.passwordLogin(t.baseUrl, school.pupil.username, 'fout-fout-1');
      expect((await pupilBrowser.passwordLogin(t.baseUrl, school.pupil.username, school.pupil.password)).status).to.equal(303);

      const found = await find({ by: 'username', username: school.pupil.username.toUpperCase(), reason });
      const view = await helpdesk.request(url(`/ops/support/people/${school.pupil.personId}`), {
        form: { _csrf: csrfOf(found.body), reason },
      });
      expect(view.status).to.equal(200);
      expect(view.body).to.contain(`${PUPIL.first} ter ${PUPIL.last}`).and.to.contain(school.pupil.username).and.to.contain('Groep 6');
      expect(view.body).to.contain('41DD School 41DD');
      expect(/id="last-login">([^<]+)</.exec(view.body)?.[1]).to.contain('(password)');
      expect(/id="two-factor">([^<]+)</.exec(view.body)?.[1]).to.contain('niet ingesteld');
      const person = (await t.hub.db.repositories.people.findById(school.pupil.personId))!;
      for (const hidden of [PUPIL.birth, person.eckId!, 'ketenid', 'g.zwaan@', '/pictures/', 'avatar'])
        expect(view.body, hidden).not.to.contain(hidden);
      // The LAS key is short ('L1'): looked for as a shown value, not inside the page's random CSRF token or nonce.
      const shownText = view.body.replace(/<[^>]*>/g, ' ');
      expect(shownText, 'the LAS key').not.to.match(new RegExp(`(^|[^A-Za-z0-9])${person.lasKey!}([^A-Za-z0-9]|$)`));

      const views = await auditOf('support.view');
      expect(views).to.have.length(1);
      expect(views[0]).to.deep.include({ targetType: 'person', targetId: school.pupil.personId, outcome: 'success' });
      expect(views[0]!.actor).to.include({ type: 'operator', id: operatorIds['hanna.ops'] });
      expect(views[0]!.details).to.deep.equal({ reason });
      const finds = (await auditOf('support.find')).filter((e) => e.outcome === 'success');
      expect(finds[0]!.details).to.deep.include({ reason, by: 'username', matches: 1, people: [school.pupil.personId] });
      expect(JSON.stringify(finds.map((e) => e.details))).not.to.contain(PUPIL.last);

      // Without a reason the view is refused, shows nothing and records nothing.
      const bare = await helpdesk.request(url(`/ops/support/people/${school.pupil.personId}`), { form: { _csrf: csrfOf(found.body) } });
      expect(bare.status).to.equal(400);
      expect(bare.body).not.to.contain(PUPIL.last);
      expect(await auditOf('support.view')).to.have.length(1);
    });

    it('a throttled teacher: the view says blocked; unlock (with a reason) lets them log in again; audited', async () => {
      const teacher = new Browser();
      let last = 0;
      for (let i = 0; i < 8; i++) last = (await teacher.passwordLogin(t.baseUrl, school.teacher.username, 'Verkeerd-Wachtwoord-1')).status;
      expect(last).to.equal(429);
      expect((await teacher.passwordLogin(t.baseUrl, school.teacher.username, school.teacher.password)).status).to.equal(429);

      const csrf = csrfOf((await helpdesk.request(url('/ops/support'))).body);
      const view = await helpdesk.request(url(`/ops/support/people/${school.teacher.personId}`), { form: { _csrf: csrf, reason } });
      expect(/id="throttle">([^<]+)</.exec(view.body)?.[1]).to.contain('geblokkeerd tot');
      expect(view.body).not.to.contain('g.zwaan@41dd.example.nl');

      const unlocked = await helpdesk.request(url(`/ops/support/people/${school.teacher.personId}/unlock`), {
        form: { _csrf: csrf, reason: 'Ticket 4712: leerkracht te vaak fout, identiteit nagebeld' },
      });
      expect(unlocked.status).to.equal(200);
      expect(unlocked.body).to.contain('Inlogblokkade opgeheven');
      expect(/id="throttle">([^<]+)</.exec(unlocked.body)?.[1]).to.contain('niet geblokkeerd');
      expect((await teacher.passwordLogin(t.baseUrl, school.teacher.username, school.teacher.password)).status).to.equal(303);
      const [audit] = await auditOf('support.unlock');
      expect(audit!.details).to.deep.include({ reason: 'Ticket 4712: leerkracht te vaak fout, identiteit nagebeld' });
      expect(audit!.targetId).to.equal(school.teacher.personId);

      // An action without a reason does nothing.
      expect(
        (
          await helpdesk.request(url(`/ops/support/people/${school.teacher.personId}/end-sessions`), {
            form: { _csrf: csrf, reason: 'kort' },
          })
        ).status,
      ).to.equal(400);
      expect((await teacher.request(url('/portal'))).status).to.equal(200);

      // End sessions: the teacher's browser is logged out.
      const ended = await helpdesk.request(url(`/ops/support/people/${school.teacher.personId}/end-sessions`), {
        form: { _csrf: csrf, reason: 'Ticket 4713: telefoon van leerkracht gestolen' },
      });
      expect(ended.status).to.equal(200);
      expect(ended.body).to.match(/[1-9]\d* sessie\(s\) beëindigd/);
      expect((await teacher.request(url('/portal'))).status).to.equal(303);
      expect((await auditOf('support.sessions_end'))[0]!.details).to.deep.include({
        reason: 'Ticket 4713: telefoon van leerkracht gestolen',
      });
    });

    it('a password link goes to the staff member’s own work address (the helpdesk never sees it); refused for a pupil', async () => {
      const csrf = csrfOf((await helpdesk.request(url('/ops/support'))).body);
      const before = (await t.hub.db.repositories.outbox.list()).length;
      const res = await helpdesk.request(url(`/ops/support/people/${school.teacher.personId}/reset-link`), {
        form: { _csrf: csrf, reason: 'Ticket 4714: leerkracht is wachtwoord vergeten' },
      });
      expect(res.status).to.equal(200);
      expect(res.body).to.contain('Wachtwoordlink aangevraagd').and.not.to.contain('g.zwaan@').and.not.to.contain('/login/reset/');
      const mails = (await t.hub.db.repositories.outbox.list()).slice(before);
      expect(mails.map((m) => m.to)).to.deep.equal(['g.zwaan@41dd.example.nl']);
      expect((await auditOf('support.reset_link'))[0]!.details).to.deep.equal({ reason: 'Ticket 4714: leerkracht is wachtwoord vergeten' });

      const pupil = await helpdesk.request(url(`/ops/support/people/${school.pupil.personId}/reset-link`), {
        form: { _csrf: csrf, reason: 'Ticket 4715: leerling wachtwoord vergeten' },
      });
      expect(pupil.status).to.equal(400);
      expect((await t.hub.db.repositories.outbox.list()).length).to.equal(before + 1);
    });
  });

  describe('the dba’s platform pages', () => {
    let dba: Browser;
    before(async () => {
      dba = await operatorSession('dirk.ops');
    });

    it('adds a participant, registers an SP from an uploaded metadata file, removes it; audited as the operator; no pupil data anywhere', async () => {
      const bodies: string[] = [];
      const added = await dba.submit(url('/ops/participants'), { name: 'Uitgeverij <Nieuw>', needsGender: 'on' });
      expect(added.status).to.equal(303);
      const list = await dba.request(added.location!);
      bodies.push(list.body);
      expect(list.body).to.contain('Uitgeverij &lt;Nieuw&gt;').and.not.to.contain('Uitgeverij <Nieuw>');
      const duplicate = await dba.submit(url('/ops/participants'), { name: 'Uitgeverij <Nieuw>' });
      expect(duplicate.status).to.equal(409);

      const signing = await generateKeyPair('ops test SP');
      const entityId = 'https://sp.nieuw.example/saml';
      const xml =
        `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">` +
        '<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAssertionsSigned="true">' +
        `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBody(signing.certificatePem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
        '<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.nieuw.example/acs" index="0" isDefault="true"/>' +
        '</md:SPSSODescriptor></md:EntityDescriptor>';
      const page = await dba.request(url('/ops/sps'));
      const post = async (fields: Record<string, string>, file?: string) => {
        const body = new FormData();
        body.set('_csrf', csrfOf(page.body));
        for (const [k, v] of Object.entries(fields)) body.set(k, v);
        if (file !== undefined) body.set('file', new Blob([file], { type: 'text/xml' }), 'sp.xml');
        const r = await fetch(url('/ops/sps'), {
          method: 'POST',
          body,
          headers: { cookie: `leerpoort.sid=${dba.cookie('leerpoort.sid')}` },
          redirect: 'manual',
        });
        return { status: r.status, body: await r.text(), location: r.headers.get('location') };
      };
      const bad = await post({ participant: 'Uitgeverij <Nieuw>', attributes: 'shoeSize' }, xml);
      expect(bad.status).to.equal(400);
      expect(bad.body).to.contain('unknown attribute name(s): shoeSize');
      expect(await t.hub.db.repositories.serviceProviders.findByEntityId(entityId)).to.equal(null);
      const neither = await post({ participant: 'Uitgeverij <Nieuw>' });
      expect(neither.status).to.equal(400);

      const ok = await post({ participant: 'Uitgeverij <Nieuw>', attributes: 'givenName' }, xml);
      expect(ok.status, ok.body.slice(0, 400)).to.equal(303);
      expect(ok.location).to.equal('/ops/sps?done=registered');
      const sps = await dba.request(url('/ops/sps?done=registered'));
      bodies.push(sps.body);
      expect(sps.body).to.contain(entityId).and.to.contain('https://sp.nieuw.example/acs');
      const [audit] = await t.hub.db.repositories.audit.list({ action: 'sp.add', actorId: operatorIds['dirk.ops'] });
      expect(audit!.actor.type).to.equal('operator');

      const removed = await dba.submit(url('/ops/sps/remove'), { entityId }, url('/ops/sps'));
      expect(removed.status).to.equal(303);
      expect(await t.hub.db.repositories.serviceProviders.findByEntityId(entityId)).to.equal(null);

      for (const path of ['/ops', '/ops/keys', '/ops/jobs', '/ops/settings', '/ops/maintenance', '/ops/participants', '/ops/sps'])
        bodies.push((await dba.request(url(path))).body);
      for (const body of bodies)
        for (const secret of [PUPIL.first, PUPIL.last, PUPIL.birth, 'g.zwaan@']) expect(body).not.to.contain(secret);
    });

    it('keys: the page shows the signing certificate’s fingerprint; staging a key is audited and shown; a wrong order is refused', async () => {
      const keys = await dba.request(url('/ops/keys'));
      expect(keys.body).to.match(/<td>current<\/td><td><code>([0-9A-F]{2}:){31}[0-9A-F]{2}<\/code>/);
      const staged = await dba.submit(url('/ops/keys/rotate'), { step: 'stage' }, url('/ops/keys'));
      expect(staged.status).to.equal(200);
      expect(staged.body).to.contain('<td>next</td>').and.to.contain('new signing key staged');
      const again = await dba.submit(url('/ops/keys/rotate'), { step: 'stage' }, url('/ops/keys'));
      expect(again.status).to.equal(409);
      const retire = await dba.submit(url('/ops/keys/rotate'), { step: 'retire' }, url('/ops/keys'));
      expect(retire.status).to.equal(404);
      const audit = await t.hub.db.repositories.audit.list({ actorId: operatorIds['dirk.ops'] });
      expect(audit.filter((e) => e.action.startsWith('keys.rotate')).map((e) => `${e.action}:${e.outcome}`)).to.deep.equal([
        'keys.rotate.retire:failure',
        'keys.rotate.stage:failure',
        'keys.rotate.stage:success',
      ]);
    });

    it('settings: the running configuration without a secret (no database URL, SMTP URL, keys or session secret)', async () => {
      const page = await dba.request(url('/ops/settings'));
      expect(page.status).to.equal(200);
      expect(page.body).to.contain(`<td>${t.baseUrl}</td>`).and.to.contain('<code>LEAVER_GRACE_DAYS</code>');
      expect(page.body).to.match(/<code>DATABASE_URL<\/code><\/td><td>ingesteld \/ set</);
      expect(page.body).not.to.contain('postgres://');
      expect(page.body).not.to.contain(TEST_KEYRING_TEXT.slice(3, 20));
      expect(page.body).not.to.contain(t.hub.secrets.sessionSecret.slice(0, 16));
    });

    it('jobs: the outbox as counts only (no recipients, subjects or bodies)', async () => {
      const jobs = await dba.request(url('/ops/jobs'));
      expect(jobs.status).to.equal(200);
      const waiting = Number(/Wachtend \/ Waiting<\/th><td>(\d+)</.exec(jobs.body)?.[1]);
      expect(waiting).to.equal((await t.hub.db.repositories.outbox.stats()).waiting);
      expect(waiting).to.be.greaterThan(0);
      expect(jobs.body).not.to.contain('@').and.not.to.contain('Leerpoort: nieuw wachtwoord');
    });
  });
});

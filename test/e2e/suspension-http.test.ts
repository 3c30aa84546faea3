import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { expect } from 'chai';
import { NAMEID_FORMAT } from '../../src/saml/xml/namespaces';
import { ACTOR, registerSp, seedSchool, type SeededSchool, testSpKeys } from '../support/federation';
import { Browser, csrfOf, loginThroughSso, startTestHub, type TestHub } from '../support/hub';
import { BACKENDS } from '../support/postgres';

const ACS = 'http://127.0.0.1:9/node-saml/acs';

/**
 * A suspended school over real HTTP (agreement art. 12): its pupil is refused at the login form and at SSO
 * (the hub's page says why and whom to contact; node-saml reads the signed RequestDenied), a live session
 * stops at its next request, the roster API shows the school to nobody — and after lifting all of it
 * works again, with not one row of the school's data changed.
 */
for (const backend of BACKENDS) {
  describe(`suspended school over HTTP: login, SSO with node-saml, live sessions, roster API [${backend}]`, function () {
    let t: TestHub;
    let school: SeededSchool;
    let sp: SAML;
    let token: string;
    const entityId = 'https://sp.uitgeverij-s.example/node-saml';

    before(async function () {
      t = await startTestHub(this, 'suspension', {}, backend);
      school = await seedSchool(t.hub, { brin: '11AA', participant: 'Uitgeverij S' });
      const keys = await testSpKeys();
      const opts = {
        entryPoint: `${t.baseUrl}/saml/sso`,
        issuer: entityId,
        callbackUrl: ACS,
        idpCert: t.hub.secrets.samlSigning.certificatePem,
        idpIssuer: t.hub.config.idpEntityId,
        audience: entityId,
        privateKey: keys.signing.privateKeyPem,
        publicCert: keys.signing.certificatePem,
        signatureAlgorithm: 'sha256' as const,
        digestAlgorithm: 'sha256' as const,
        identifierFormat: NAMEID_FORMAT.persistent,
        wantAssertionsSigned: true,
        wantAuthnResponseSigned: true,
        validateInResponseTo: ValidateInResponseTo.never,
        acceptedClockSkewMs: 5000,
        disableRequestedAuthnContext: true,
      };
      sp = new SAML(opts);
      await registerSp(t.hub, 'Uitgeverij S', sp.generateServiceProviderMetadata(null, keys.signing.certificatePem), {
        attributes: ['givenName', 'sn', 'brin'],
      });
      const creds = await t.hub.services.apiClients.issue('Uitgeverij S', ACTOR);
      const res = await fetch(`${t.baseUrl}/api/v1/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: creds.clientId,
          client_secret: creds.clientSecret,
        }).toString(),
      });
      token = (await res.json()).access_token;
    });
    after(async () => t?.stop());

    const api = async (path: string) => {
      const res = await fetch(`${t.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, json: await res.json() };
    };
    const ssoAs = async (browser: Browser) =>
      loginThroughSso(browser, await sp.getAuthorizeUrlAsync('', undefined, {}), school.pupil.username, school.pupil.password);
    /** Every table of school data, row for row (what suspending must not touch). */
    const snapshot = async () => {
      const tables: Array<{ tablename: string }> = await t.hub.db.dataSource.query(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      );
      // Bookkeeping of requests, not school data: audit, mail, the replay cache of SAML message ids, counters.
      const changing =
        /^(audit_events|outbox|misuse_warnings|school_suspensions|migrations|release_ledger|saml_message_ids|api_rate_windows)$|throttle|attempt|rate_limit|session/;
      const out: Record<string, unknown> = {};
      for (const { tablename } of tables)
        if (!changing.test(tablename)) out[tablename] = await t.hub.db.dataSource.query(`SELECT * FROM "${tablename}" ORDER BY 1`);
      for (const s of out.schools as Array<Record<string, unknown>>) {
        delete s.updated_at;
        delete s.suspended_at;
      }
      for (const c of out.api_clients as Array<Record<string, unknown>>) delete c.last_used_at;
      return out;
    };

    it('refuses the pupil at login and SSO, ends live sessions, hides the school from the API; lifted: everything works, no row changed', async () => {
      // Before: SSO works, the API lists the school and its pupil.
      const live = new Browser();
      const first = await ssoAs(live);
      expect(first.form, first.res.body.slice(0, 300)).not.to.equal(null);
      const teacher = new Browser();
      expect((await teacher.passwordLogin(t.baseUrl, school.teacher.username, school.teacher.password)).status).to.equal(303);
      expect((await teacher.request(`${t.baseUrl}/portal`)).status).to.equal(200);
      expect((await api('/schools')).json.schools.map((s: { brin: string }) => s.brin)).to.include('11AA');
      expect((await api('/schools/11AA/pupils')).json.users).to.have.length(1);
      const launcher = new Browser();
      expect((await launcher.passwordLogin(t.baseUrl, school.pupil.username, school.pupil.password)).status).to.equal(303);
      const launchCsrf = csrfOf((await launcher.request(`${t.baseUrl}/portal`)).body);
      const [{ id: productId }] = await t.hub.db.dataSource.query("SELECT id FROM products WHERE name = 'Uitgeverij S Rekenen'");
      const before = await snapshot();

      await t.hub.services.misuse.suspend(
        '11AA',
        { immediateReason: 'ongoing_fraud', explanation: 'accounts door derden gebruikt' },
        ACTOR,
      );

      // The live session's next SSO: the hub's page says why and whom to contact; the SP gets RequestDenied.
      const denied = await live.request(await sp.getAuthorizeUrlAsync('', undefined, {}));
      expect(denied.status).to.equal(403);
      expect(denied.body).to.contain('De toegang van je school is opgeschort').and.contain('ICT-coördinator of de directie');
      const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(denied.body)?.[1];
      expect(samlResponse, 'a signed refusal for the SP').to.be.a('string');
      let error: (Error & { xmlStatus?: string }) | null = null;
      await sp.validatePostResponseAsync({ SAMLResponse: samlResponse! }).catch((e: Error) => (error = e));
      expect(String(error)).to.contain('school_suspended');
      expect(error!.xmlStatus).to.contain('urn:oasis:names:tc:SAML:2.0:status:RequestDenied');
      // …and that session is over.
      const afterSso = await live.request(`${t.baseUrl}/portal`);
      expect(afterSso.status).to.equal(303);
      expect(afterSso.location).to.contain('/login');

      // Another live session stops at its next request, whatever page.
      const teacherNext = await teacher.request(`${t.baseUrl}/portal`);
      expect(teacherNext.status).to.equal(303);
      expect((await teacher.request(teacherNext.location!)).body).to.contain('opgeschort');

      // IdP-initiated launch from a portal page opened before the suspension: no Response, the login is over.
      const launched = await launcher.request(`${t.baseUrl}/portal/launch/${productId}`, { form: { _csrf: launchCsrf } });
      expect(launched.status).to.equal(303);
      expect(launched.location).to.contain('/login');
      expect(launched.body).not.to.contain('SAMLResponse');

      // A fresh login: the right password, refused with the reason; SSO from scratch the same.
      const fresh = await new Browser().passwordLogin(t.baseUrl, school.pupil.username, school.pupil.password);
      expect(fresh.status).to.equal(403);
      expect(fresh.body).to.contain('De toegang van je school is opgeschort').and.contain('Your school&#39;s access has been suspended');
      const viaSso = await ssoAs(new Browser());
      expect(viaSso.form).to.equal(null);
      expect(viaSso.res.status).to.equal(403);
      expect(viaSso.res.body).to.contain('opgeschort');
      const wrong = await new Browser().passwordLogin(t.baseUrl, school.pupil.username, 'not-the-password-9');
      expect(wrong.status, 'a wrong password learns nothing about the suspension').to.equal(401);

      // The roster API: the school is nobody's any more.
      expect((await api('/schools')).json.schools.map((s: { brin: string }) => s.brin)).not.to.include('11AA');
      expect((await api('/schools/11AA')).status).to.equal(404);
      expect((await api('/schools/11AA/pupils')).status).to.equal(404);

      await t.hub.services.misuse.lift('11AA', 'wachtwoorden gereset', ACTOR);
      const after = await snapshot();
      expect(Object.keys(after)).to.deep.equal(Object.keys(before));
      for (const table of Object.keys(before)) expect(after[table], `${table}: nothing of the school changed`).to.deep.equal(before[table]);
      const again = await ssoAs(new Browser());
      expect(again.form, again.res.body.slice(0, 300)).not.to.equal(null);
      const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: again.form!.fields.SAMLResponse! });
      expect(profile!['urn:oid:2.5.4.42']).to.equal('Fenna');
      expect((await api('/schools/11AA/pupils')).json.users).to.have.length(1);
      const actions = (await t.hub.db.repositories.audit.list({})).map((e) => e.action);
      expect(actions).to.include.members(['school.suspend', 'school.unsuspend', 'session.ended', 'saml.sso.refused']);
    });
  });
}

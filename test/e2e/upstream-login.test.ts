import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { parseIdpMetadata } from '../../src/saml/upstream/idp-metadata';
import { ACTOR, registerSp, requireTool, seedSchool, testSpKeys } from '../support/federation';
import { Browser, csrfOf, readPostForm, startTestHub, type TestHub } from '../support/hub';
import { Pysaml2Sp, pysaml2Available } from '../support/pysaml2';
import {
  answerAtSchoolIdp,
  postToAcs,
  type ReadAuthnRequest,
  type SchoolIdp,
  startSchoolIdp,
  toSchoolIdp as toIdp,
  STAFF_BY_EMAIL,
} from '../support/upstream-idp';

const SETTINGS = STAFF_BY_EMAIL;

/**
 * "Inloggen met je schoolaccount" over real HTTP: the hub on a free port (PostgreSQL), pysaml2 as the
 * school's IdP — it loads the hub's SP metadata from /saml/upstream/metadata, verifies the hub's signed
 * AuthnRequest and answers it; the test carries the messages between them as the browser would.
 */
describe('upstream login: a school IdP (pysaml2) logs staff in to the hub (HTTP, PostgreSQL)', function () {
  let t: TestHub;
  let idp: SchoolIdp;
  const email = 'g.zwaan@12ab.example.nl';

  before(async function () {
    requireTool(this, pysaml2Available(), 'python3-pysaml2');
    t = await startTestHub(this, 'upstream_login');
    await seedSchool(t.hub, { brin: '12AB', participant: 'Uitgeverij U' });
    const spMetadata = await (await fetch(`${t.baseUrl}/saml/upstream/metadata`)).text();
    idp = await startSchoolIdp({
      entityId: 'https://idp.12ab.example.nl/idp',
      ssoUrl: 'https://idp.12ab.example.nl/sso',
      spMetadata: [spMetadata],
    });
    await t.hub.services.upstreamIdps.register('12AB', parseIdpMetadata(idp.metadataXml), SETTINGS, ACTOR);
  });
  after(async () => {
    idp?.stop();
    await t?.stop();
  });

  const toSchoolIdp = (browser: Browser, returnTo = '/portal') => toIdp(t.baseUrl, idp, browser, '12AB', returnTo);
  const answer = (browser: Browser, request: ReadAuthnRequest, nameId: string, authnClass?: string) =>
    answerAtSchoolIdp(t.baseUrl, idp, browser, request, nameId, authnClass);
  const post = (browser: Browser, acs: string, xml: string) => postToAcs(t.baseUrl, browser, acs, xml);

  it('a teacher is logged in as herself and reaches the portal; audited', async () => {
    const browser = new Browser();
    const res = await answer(browser, await toSchoolIdp(browser), email);
    expect(res.status, res.body.slice(0, 500)).to.equal(303);
    expect(res.location).to.equal(`${t.baseUrl}/portal`);
    const portal = await browser.request(`${t.baseUrl}/portal`);
    expect(portal.status).to.equal(200);
    expect(portal.body).to.contain('Gerrit');
    const audit = await t.hub.db.repositories.audit.list({ action: 'login.upstream' });
    expect(audit[0]).to.deep.include({ outcome: 'success', targetType: 'credential' });
    expect(JSON.stringify(audit)).to.not.contain(email);
  });

  it('an identity the roster does not know gets a clear page and nothing is created', async () => {
    const before = (await t.hub.db.repositories.people.listBySchool((await t.hub.db.repositories.upstreamIdps.list())[0]!.schoolId)).length;
    const browser = new Browser();
    const res = await answer(browser, await toSchoolIdp(browser), 'onbekend@12ab.example.nl');
    expect(res.status).to.equal(403);
    expect(res.body).to.contain('We kunnen je niet inloggen');
    expect(res.body).to.contain('Er is geen account aangemaakt');
    expect(res.body).to.contain('No account was created');
    expect((await browser.request(`${t.baseUrl}/portal`)).status).to.not.equal(200);
    const after = (await t.hub.db.repositories.people.listBySchool((await t.hub.db.repositories.upstreamIdps.list())[0]!.schoolId)).length;
    expect(after).to.equal(before);
  });

  it('an identity that fits two people is refused as ambiguous', async () => {
    const schoolId = (await t.hub.db.repositories.upstreamIdps.list())[0]!.schoolId;
    await t.hub.services.accounts.createPersonWithAccount(
      { schoolId, role: 'teacher', lasKey: 'T9', firstName: 'Gerda', lastName: 'Zwaan', staffEmail: 'dubbel@12ab.example.nl' },
      'gerda.12ab',
      'Perenboom-Kaas-28',
      ACTOR,
    );
    await t.hub.services.accounts.createPersonWithAccount(
      { schoolId, role: 'teacher', lasKey: 'T10', firstName: 'Gert', lastName: 'Zwaan', staffEmail: 'dubbel@12ab.example.nl' },
      'gert.12ab',
      'Kersenboom-Kaas-29',
      ACTOR,
    );
    const browser = new Browser();
    const res = await answer(browser, await toSchoolIdp(browser), 'dubbel@12ab.example.nl');
    expect(res.status).to.equal(403);
    expect(res.body).to.contain('meerdere personen');
    expect(res.body).to.contain('more than one person');
  });

  it('a pupil is refused where the school allows staff only', async () => {
    // Pupils have no work e-mail; with ECK iD matching the pupil is found, but the role is not allowed.
    await t.hub.services.upstreamIdps.register('12AB', parseIdpMetadata(idp.metadataXml), { ...SETTINGS, matchOn: 'eck_id' }, ACTOR);
    try {
      const browser = new Browser();
      const res = await answer(browser, await toSchoolIdp(browser), 'https://ketenid.nl/201703/12ab');
      expect(res.status).to.equal(403);
      expect(res.body).to.contain('We kunnen je niet inloggen');
    } finally {
      await t.hub.services.upstreamIdps.register('12AB', parseIdpMetadata(idp.metadataXml), SETTINGS, ACTOR);
    }
  });

  it("the school's 2FA rule: met by a multi-factor AuthnContext, else the hub asks its own second factor", async () => {
    await t.hub.services.schools.setTeacherTwoFactor('12AB', true, ACTOR);
    try {
      const password = new Browser();
      const single = await answer(password, await toSchoolIdp(password), email);
      expect(single.status).to.equal(303);
      expect(single.location).to.equal(`${t.baseUrl}/login/2fa/setup`);
      expect((await password.request(`${t.baseUrl}/portal`)).status).to.not.equal(200);

      const mfa = new Browser();
      const multi = await answer(mfa, await toSchoolIdp(mfa), email, 'https://refeds.org/profile/mfa');
      expect(multi.status).to.equal(303);
      expect(multi.location).to.equal(`${t.baseUrl}/portal`);
      expect((await mfa.request(`${t.baseUrl}/portal`)).status).to.equal(200);
    } finally {
      await t.hub.services.schools.setTeacherTwoFactor('12AB', false, ACTOR);
    }
  });

  it('a Response delivered to another browser session is refused (no login CSRF), and a replay is refused', async () => {
    const victim = new Browser();
    const attacker = new Browser();
    const request = await toSchoolIdp(attacker);
    const { xml } = await idp.pysaml2.call<{ xml: string }>('response', {
      in_response_to: request.id,
      destination: request.acs,
      sp_entity_id: request.issuer,
      name_id: email,
      identity: {},
    });
    await victim.request(`${t.baseUrl}/login`);
    const pushed = await post(victim, request.acs, xml);
    expect(pushed.status).to.equal(400);
    expect(pushed.body).to.contain('another browser session');
    const replay = await post(attacker, request.acs, xml);
    expect(replay.status).to.equal(400);
    expect((await attacker.request(`${t.baseUrl}/portal`)).status).to.not.equal(200);
  });

  it('proxy: SP-initiated SSO from a publisher (pysaml2 SP) resumes after the school IdP login; the publisher gets roster data only', async () => {
    const keys = await testSpKeys();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-upstream-sp-'));
    fs.writeFileSync(path.join(dir, 'sp.key'), keys.signing.privateKeyPem);
    fs.writeFileSync(path.join(dir, 'sp.crt'), keys.signing.certificatePem);
    fs.writeFileSync(path.join(dir, 'idp.xml'), await (await fetch(`${t.baseUrl}/saml/metadata`)).text());
    const publisher = new Pysaml2Sp();
    try {
      await publisher.call('init', {
        entity_id: 'https://sp.uitgeverij-u.example/pysaml2',
        acs: 'http://127.0.0.1:9/pysaml2/acs',
        slo: 'http://127.0.0.1:9/pysaml2/slo',
        key_file: path.join(dir, 'sp.key'),
        cert_file: path.join(dir, 'sp.crt'),
        idp_metadata_file: path.join(dir, 'idp.xml'),
      });
      await registerSp(t.hub, 'Uitgeverij U', (await publisher.call<{ xml: string }>('metadata')).xml);
      const { url, request_id } = await publisher.call<{ url: string; request_id: string }>('login_url', {
        idp_entity_id: t.hub.config.idpEntityId,
        relay_state: 'pub-rs',
      });
      const browser = new Browser();
      const start = await browser.request(url);
      expect(start.status).to.equal(303);
      const returnTo = new URL(start.location!).searchParams.get('return')!;
      expect(returnTo).to.match(/^\/saml\/sso\/resume\//);

      const acs = await answer(browser, await toSchoolIdp(browser, returnTo), email);
      expect(acs.status).to.equal(303);
      expect(acs.location).to.equal(`${t.baseUrl}${returnTo}`);
      const resumed = await browser.request(acs.location!);
      expect(resumed.status, resumed.body.slice(0, 300)).to.equal(200);
      const form = readPostForm(resumed.body);
      expect(form.fields.RelayState).to.equal('pub-rs');
      const r = await publisher.call<{ name_id: string; in_response_to: string; attributes: Record<string, string[]> }>('parse_response', {
        saml_response: form.fields.SAMLResponse,
      });
      expect(r.in_response_to).to.equal(request_id);
      expect(r.attributes.givenName).to.deep.equal(['Gerrit']);
      expect(r.attributes.sn).to.deep.equal(['Zwaan']);
      // Nothing of the school IdP's own assertion is passed on: not its NameID, not its attributes.
      const released = JSON.stringify(r);
      expect(released).to.not.contain(email);
      expect(released).to.not.contain(idp.entityId);
      expect(r.name_id).to.not.equal(email);
    } finally {
      publisher.stop();
    }
  });

  it('a school without its own IdP is told so', async () => {
    const browser = new Browser();
    const page = await browser.request(`${t.baseUrl}/login/school`);
    const res = await browser.request(`${t.baseUrl}/login/school`, {
      form: { _csrf: csrfOf(page.body), school: '99ZZ', return: '/portal' },
    });
    expect(res.status).to.equal(404);
    expect(res.body).to.contain('Voor deze school kun je niet inloggen met een schoolaccount');
  });
});

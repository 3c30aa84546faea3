import { expect } from 'chai';
import type { UpstreamIdpSettings } from '../../src/domain/federation/upstream';
import { parseIdpMetadata } from '../../src/saml/upstream/idp-metadata';
import { ACTOR, requireTool, seedSchool } from '../support/federation';
import { Browser, csrfOf, startTestHub, type TestHub } from '../support/hub';
import { pysaml2Available } from '../support/pysaml2';
import { type SchoolIdp, startSchoolIdp } from '../support/upstream-idp';

const SETTINGS: UpstreamIdpSettings = {
  roles: 'staff',
  identifier: 'nameid',
  matchOn: 'email',
  allowUnsolicited: false,
  wantAssertionsSigned: false,
  metadataUrl: null,
  metadataTrustCertificate: null,
};

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

  /** From the login page to the IdP: returns the AuthnRequest as pysaml2 read it (signature checked). */
  async function toSchoolIdp(browser: Browser, returnTo = '/portal') {
    const login = await browser.request(`${t.baseUrl}/login?return=${encodeURIComponent(returnTo)}`);
    expect(login.body).to.contain('Inloggen met je schoolaccount');
    const schoolPage = await browser.request(`${t.baseUrl}/login/school?return=${encodeURIComponent(returnTo)}`);
    expect(schoolPage.status).to.equal(200);
    const res = await browser.request(`${t.baseUrl}/login/school`, {
      form: { _csrf: csrfOf(schoolPage.body), school: '12AB', return: returnTo },
    });
    expect(res.status, res.body.slice(0, 300)).to.equal(303);
    const url = new URL(res.location!);
    expect(`${url.origin}${url.pathname}`).to.equal(idp.ssoUrl);
    const q = url.searchParams;
    const parsed = await idp.pysaml2.call<{ id: string; issuer: string; acs: string; destination: string; signature_verified: boolean }>(
      'parse_authn_request',
      { saml_request: q.get('SAMLRequest'), sigalg: q.get('SigAlg'), signature: q.get('Signature') },
    );
    expect(parsed).to.deep.include({
      issuer: `${t.baseUrl}/saml/upstream/metadata`,
      acs: `${t.baseUrl}/saml/upstream/acs`,
      destination: idp.ssoUrl,
      signature_verified: true,
    });
    return parsed;
  }

  async function answer(browser: Browser, request: { id: string; issuer: string; acs: string }, nameId: string, authnClass?: string) {
    const { xml } = await idp.pysaml2.call<{ xml: string }>('response', {
      in_response_to: request.id,
      destination: request.acs,
      sp_entity_id: request.issuer,
      name_id: nameId,
      identity: { mail: [nameId] },
      ...(authnClass ? { authn_class: authnClass } : {}),
    });
    return browser.request(request.acs, { form: { SAMLResponse: Buffer.from(xml).toString('base64') } });
  }

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
    const pushed = await victim.request(request.acs, { form: { SAMLResponse: Buffer.from(xml).toString('base64') } });
    expect(pushed.status).to.equal(400);
    expect(pushed.body).to.contain('another browser session');
    const replay = await attacker.request(request.acs, { form: { SAMLResponse: Buffer.from(xml).toString('base64') } });
    expect(replay.status).to.equal(400);
    expect((await attacker.request(`${t.baseUrl}/portal`)).status).to.not.equal(200);
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

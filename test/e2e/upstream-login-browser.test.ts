import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { parseIdpMetadata } from '../../src/saml/upstream/idp-metadata';
import { escapeXml } from '../../src/saml/xml/escape';
import { PagePool, wcagViolations } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { ACTOR, nodeSamlSp, registerSp, requireTool, seedSchool, testSpKeys } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';
import { pysaml2Available } from '../support/pysaml2';
import { type SchoolIdp, STAFF_BY_EMAIL, startSchoolIdp } from '../support/upstream-idp';

/**
 * The login page's "Inloggen met je schoolaccount" in Debian's Chromium. The school IdP lives on its own
 * site (https://idp.13ac.example.nl, served by the test through request interception, answered by
 * pysaml2): its auto-post to the hub's ACS is a real cross-site POST, which on this plain-http hub
 * carries no SameSite=Lax session cookie — the login must still finish in the right session.
 */
describe('upstream login in a real browser (Chromium): naming the school, a remembered school, a domain login name; school IdP on another site', function () {
  let t: TestHub;
  let browser: Browser;
  let idp: SchoolIdp;
  const pool = new PagePool(() => browser);
  let nameId = 'g.zwaan@13ac.example.nl';

  before(async function () {
    // Chromium, a hub over PGlite, argon2id accounts and pysaml2: slow on a busy shared machine.
    this.timeout(180_000);
    requireTool(this, pysaml2Available(), 'python3-pysaml2');
    browser = await launchChromium(this);
    t = await startTestHub(this, 'upstream_browser', {}, 'pglite');
    await seedSchool(t.hub, { brin: '13AC', participant: 'Uitgeverij B' });
    const spMetadata = await (await fetch(`${t.baseUrl}/saml/upstream/metadata`)).text();
    idp = await startSchoolIdp({
      entityId: 'https://idp.13ac.example.nl/idp',
      ssoUrl: 'https://idp.13ac.example.nl/sso',
      spMetadata: [spMetadata],
    });
    await t.hub.services.upstreamIdps.register('13AC', parseIdpMetadata(idp.metadataXml), STAFF_BY_EMAIL, ACTOR);
  });
  afterEach(async function () {
    await pool.afterEach(this);
  });
  after(async () => {
    idp?.stop();
    await browser?.close();
    await t?.stop();
  });

  /** A page whose requests to the school IdP's site are answered by pysaml2: its login page posts the Response back. */
  async function pageWithSchoolIdp() {
    const page = await pool.newPage();
    await page.route('https://idp.13ac.example.nl/**', async (route) => {
      const q = new URL(route.request().url()).searchParams;
      const request = await idp.pysaml2.call<{ id: string; issuer: string; acs: string; signature_verified: boolean }>(
        'parse_authn_request',
        {
          saml_request: q.get('SAMLRequest'),
          sigalg: q.get('SigAlg'),
          signature: q.get('Signature'),
        },
      );
      if (!request.signature_verified) return route.fulfill({ status: 400, body: 'unsigned request' });
      const { xml } = await idp.pysaml2.call<{ xml: string }>('response', {
        in_response_to: request.id,
        destination: request.acs,
        sp_entity_id: request.issuer,
        name_id: nameId,
        identity: {},
      });
      await route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: `<!doctype html><html lang="nl"><title>School IdP</title><form method="post" action="${escapeXml(request.acs)}"><input type="hidden" name="SAMLResponse" value="${Buffer.from(xml).toString('base64')}"><button>Doorgaan</button></form></html>`,
      });
    });
    return page;
  }

  /** The publisher's ACS (listening nowhere): the hub's auto-post lands here, and the test takes what was posted. */
  function publisherAcs(page: Page): Promise<URLSearchParams> {
    return new Promise((resolve) => {
      void page.route('http://127.0.0.1:9/uitgeverij-b/**', async (route) => {
        resolve(new URLSearchParams(route.request().postData() ?? ''));
        await route.fulfill({
          status: 200,
          contentType: 'text/html',
          body: '<!doctype html><html lang="nl"><title>Uitgeverij B</title><h1>Welkom</h1></html>',
        });
      });
    });
  }

  /** At the school IdP (pysaml2 behind the route above): the user "logs in" and the Response goes back to the hub. */
  async function throughSchoolIdp(page: Page) {
    await page.waitForURL(/^https:\/\/idp\.13ac\.example\.nl\/sso\?SAMLRequest=/);
    await page.getByRole('button', { name: 'Doorgaan' }).click();
  }

  it('a teacher names the school, logs in at the school IdP and reaches the publisher (SP-initiated SSO); the next visit the school is remembered', async () => {
    nameId = 'g.zwaan@13ac.example.nl';
    const keys = await testSpKeys();
    const sp = nodeSamlSp({
      hubUrl: t.baseUrl,
      idpCert: t.hub.secrets.samlSigning.certificatePem,
      entityId: 'https://sp.uitgeverij-b.example/sp',
      acs: 'http://127.0.0.1:9/uitgeverij-b/acs',
      keys,
    });
    await registerSp(t.hub, 'Uitgeverij B', sp.generateServiceProviderMetadata(null, keys.signing.certificatePem), {
      attributes: ['givenName'],
    });
    const page = await pageWithSchoolIdp();
    const posted = publisherAcs(page);
    await page.goto(await sp.getAuthorizeUrlAsync('pub-rs', undefined, {}));
    await page.waitForURL(/\/login\?return=/);
    await page.getByRole('link', { name: /Inloggen met je schoolaccount/ }).click();
    await page.waitForURL(/\/login\/school/);
    await page.getByLabel(/Naam, plaats of BRIN-code van je school/).fill('13ac');
    await page.getByRole('button', { name: /Zoeken/ }).click();
    await page.getByRole('button', { name: /School 13AC/ }).waitFor();
    expect((await wcagViolations(page)).violations, 'search results').to.deep.equal([]);
    await page.getByRole('button', { name: /School 13AC/ }).click();
    await throughSchoolIdp(page);
    // Back at the hub the pending AuthnRequest resumes: the publisher gets its signed Response.
    const form = await posted;
    // The route hands over the form before it answers: let that navigation end before the next one.
    await page.waitForURL('http://127.0.0.1:9/uitgeverij-b/acs');
    expect(form.get('RelayState')).to.equal('pub-rs');
    const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: form.get('SAMLResponse')!, RelayState: 'pub-rs' });
    expect(JSON.stringify(profile)).to.contain('Gerrit');
    expect(JSON.stringify(profile)).to.not.contain(nameId);

    // Next visit (the hub session gone, the device's choice kept): the school is offered first.
    await page.context().clearCookies({ name: 'leerpoort.sid' });
    await page.goto(`${t.baseUrl}/login`);
    const remembered = page.getByRole('button', { name: /Inloggen met je account van School 13AC/ });
    await remembered.waitFor();
    expect((await wcagViolations(page)).violations, 'login page with the remembered school').to.deep.equal([]);
    await remembered.click();
    await throughSchoolIdp(page);
    await page.waitForURL(`${t.baseUrl}/portal`);
    expect(await page.locator('body').textContent()).to.contain('Gerrit');

    // "Andere school kiezen" forgets it: the search follows, and the login page no longer offers it.
    await page.context().clearCookies({ name: 'leerpoort.sid' });
    await page.goto(`${t.baseUrl}/login`);
    await page.getByRole('button', { name: /Andere school kiezen/ }).click();
    await page.waitForURL(/\/login\/school\?return=%2Fportal$/);
    expect(await page.getByLabel(/Naam, plaats of BRIN-code van je school/).isVisible()).to.equal(true);
    await page.goto(`${t.baseUrl}/login`);
    expect(await page.getByRole('button', { name: /Inloggen met je account van/ }).count()).to.equal(0);
  });

  it("a login name at the school's e-mail domain goes straight to the school IdP (no password asked)", async () => {
    nameId = 'g.zwaan@13ac.example.nl';
    await t.hub.services.upstreamIdps.setDomains('13AC', ['13ac.example.nl'], ACTOR);
    const page = await pageWithSchoolIdp();
    await page.goto(`${t.baseUrl}/login`);
    expect((await wcagViolations(page)).violations).to.deep.equal([]);
    await page.getByLabel(/Gebruikersnaam/).fill('G.Zwaan@13ac.example.nl');
    await page.getByRole('button', { name: /^Inloggen/ }).click();
    await throughSchoolIdp(page);
    await page.waitForURL(`${t.baseUrl}/portal`);
    expect(await page.locator('body').textContent()).to.contain('Gerrit');

    // Any other name without a password is asked for it, on the same page.
    const other = await pool.newPage();
    await other.goto(`${t.baseUrl}/login`);
    await other.getByLabel(/Gebruikersnaam/).fill('gerrit.13ac');
    await other.getByRole('button', { name: /^Inloggen/ }).click();
    await other.getByText(/Vul ook je wachtwoord in/).waitFor();
    expect(await other.getByLabel(/Gebruikersnaam/).inputValue()).to.equal('gerrit.13ac');
    expect((await wcagViolations(other)).violations).to.deep.equal([]);
  });

  it('an unknown identity sees the NL/EN page (accessible) and is not logged in', async () => {
    nameId = 'onbekend@13ac.example.nl';
    const page = await pageWithSchoolIdp();
    await page.goto(`${t.baseUrl}/login/school?q=13AC`);
    await page.getByRole('button', { name: /School 13AC/ }).click();
    await page.waitForURL(/^https:\/\/idp\.13ac\.example\.nl\/sso\?SAMLRequest=/);
    const response = page.waitForResponse((r) => r.url() === `${t.baseUrl}/saml/upstream/acs`);
    await page.getByRole('button', { name: 'Doorgaan' }).click();
    expect((await response).status()).to.equal(403);
    expect(await page.locator('h1').textContent()).to.contain('We kunnen je niet inloggen');
    expect(await page.locator('body').textContent()).to.contain('No account was created');
    expect((await wcagViolations(page)).violations).to.deep.equal([]);
    await page.goto(`${t.baseUrl}/portal`);
    expect(page.url()).to.contain('/login');
  });
});

import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { parseIdpMetadata } from '../../src/saml/upstream/idp-metadata';
import { escapeXml } from '../../src/saml/xml/escape';
import { PagePool, wcagViolations } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { ACTOR, requireTool, seedSchool } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';
import { pysaml2Available } from '../support/pysaml2';
import { type SchoolIdp, startSchoolIdp, STAFF_BY_EMAIL } from '../support/upstream-idp';

const SETTINGS = STAFF_BY_EMAIL;

/**
 * The login page's "Inloggen met je schoolaccount" in Debian's Chromium. The school IdP lives on its own
 * site (https://idp.13ac.example.nl, served by the test through request interception, answered by
 * pysaml2): its auto-post to the hub's ACS is a real cross-site POST, which on this plain-http hub
 * carries no SameSite=Lax session cookie — the login must still finish in the right session.
 */
describe('upstream login in a real browser (Chromium): login page choice, school IdP on another site', function () {
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
    await t.hub.services.upstreamIdps.register('13AC', parseIdpMetadata(idp.metadataXml), SETTINGS, ACTOR);
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

  it('the login page offers the school account; after naming the school the teacher logs in there and reaches the portal', async () => {
    nameId = 'g.zwaan@13ac.example.nl';
    const page = await pageWithSchoolIdp();
    await page.goto(`${t.baseUrl}/login`);
    await page.getByRole('link', { name: /Inloggen met je schoolaccount/ }).click();
    expect(page.url()).to.match(/\/login\/school/);
    expect((await wcagViolations(page)).violations).to.deep.equal([]);
    await page.getByLabel(/BRIN-code van je school/).fill('13AC');
    await page.getByRole('button', { name: /Naar mijn school/ }).click();
    // The hub's page moves on to the school's IdP by itself (meta refresh; form-action 'self' forbids a redirect).
    await page.waitForURL(/^https:\/\/idp\.13ac\.example\.nl\/sso\?SAMLRequest=/);
    await page.getByRole('button', { name: 'Doorgaan' }).click();
    await page.waitForURL(`${t.baseUrl}/portal`);
    expect(await page.locator('body').textContent()).to.contain('Gerrit');
  });

  it('an unknown identity sees the NL/EN page (accessible) and is not logged in', async () => {
    nameId = 'onbekend@13ac.example.nl';
    const page = await pageWithSchoolIdp();
    await page.goto(`${t.baseUrl}/login/school`);
    await page.getByLabel(/BRIN-code van je school/).fill('13AC');
    await page.getByRole('button', { name: /Naar mijn school/ }).click();
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

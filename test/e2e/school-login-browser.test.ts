import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { buildUpstreamSpMetadata } from '../../src/saml/upstream/sp-metadata';
import { firstLoginWithTotp, PagePool, wcagViolations } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { requireTool, seedDelegate, seedSchool } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';
import { pysaml2Available } from '../support/pysaml2';
import { type SchoolIdp, startSchoolIdp, testHubSp } from '../support/upstream-idp';

/**
 * The school's delegate connects the school's own IdP in Debian's Chromium: finds "Inloggen met
 * schoolaccount" in the management screen, reads what to set up on the IdP's side, is refused an
 * unreachable metadata URL beside the form (what was typed stays), registers from the URL of pysaml2's
 * metadata, sees the registration (entity, fingerprint), and removes it after ticking the confirmation.
 * Every state passes axe-core's WCAG 2.1 A/AA rules.
 */
describe('management screen: the delegate connects the school IdP (Debian Chromium, WCAG 2.1 AA)', function () {
  let t: TestHub;
  let browser: Browser;
  let idp: SchoolIdp;
  let server: http.Server;
  let schoolId = '';
  const pool = new PagePool(() => browser);
  const delegate = { username: 'beheer.61gg', password: 'Lantaarn-Schelp-Vork-5' };

  before(async function () {
    requireTool(this, pysaml2Available(), 'python3-pysaml2');
    browser = await launchChromium(this);
    t = await startTestHub(this, 'school_login_browser');
    const sp = await testHubSp(t.baseUrl);
    idp = await startSchoolIdp({
      entityId: 'https://idp.bs-de-linde.example/idp',
      ssoUrl: 'https://idp.bs-de-linde.example/sso',
      spMetadata: [buildUpstreamSpMetadata(sp.endpoints, { active: sp.signing, next: null, previous: null }, sp.encryption)],
    });
    server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(idp.metadataXml));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    await seedSchool(t.hub, { brin: '61GG', participant: 'Uitgeverij L' });
    ({ schoolId } = await seedDelegate(t.hub, '61GG', delegate));
  });
  afterEach(async function () {
    await pool.afterEach(this);
  });
  after(async () => {
    idp?.stop();
    await new Promise((r) => server?.close(r));
    await browser?.close();
    await t?.stop();
  });

  it('connects the IdP from its metadata URL, is told what to configure, and removes it again', async () => {
    const page: Page = await pool.newPage();
    const problems: string[] = [];
    const check = async (what: string) => problems.push(...(await wcagViolations(page)).violations.map((v) => `${what}: ${v}`));
    await firstLoginWithTotp(page, t.baseUrl, delegate.username, delegate.password, /\/(portal|admin)/);
    await page.goto(`${t.baseUrl}/admin`);
    await page.getByRole('link', { name: /^Inloggen met schoolaccount/ }).click();
    await page.waitForURL(`${t.baseUrl}/admin/school-login`);
    expect(await page.locator('#idp-none').textContent()).to.contain('nog geen eigen IdP');
    expect(await page.locator('#idp-configure').textContent())
      .to.contain(`${t.baseUrl}/saml/upstream/acs`)
      .and.contain(`${t.baseUrl}/saml/upstream/metadata`)
      .and.contain('RSA-SHA256');
    await check('/admin/school-login (none)');

    // Nothing listens on port 1: refused beside the form, the URL stays as typed, nothing stored.
    const urlField = page.getByLabel(/^Metadata-URL/);
    await urlField.fill('http://127.0.0.1:1/metadata.xml');
    await page.getByLabel(/^Vergelijken met/).selectOption('email');
    await page.getByRole('button', { name: /^Controleren en opslaan/ }).click();
    await page.waitForLoadState();
    expect(await page.locator('#idp-error').textContent())
      .to.contain('Niet opgeslagen')
      .and.contain('cannot fetch metadata from http://127.0.0.1:1/metadata.xml');
    expect(await page.getByLabel(/^Metadata-URL/).inputValue()).to.equal('http://127.0.0.1:1/metadata.xml');
    await check('/admin/school-login (refused)');
    expect(await t.hub.db.repositories.upstreamIdps.findBySchool(schoolId)).to.equal(null);

    const metadataUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metadata.xml`;
    await page.getByLabel(/^Metadata-URL/).fill(metadataUrl);
    await page.getByRole('radio', { name: 'leerkrachten, beheerders en leerlingen' }).check();
    await page.getByLabel(/^Vergelijken met/).selectOption('eck_id');
    await page.getByRole('button', { name: /^Controleren en opslaan/ }).click();
    await page.waitForURL(/done=registered/);
    expect(await page.locator('#idp-done').textContent()).to.contain('Uw IdP is gekoppeld.');
    expect(await page.locator('#idp-entity').textContent()).to.equal(idp.entityId);
    expect(await page.locator('#idp-current .fingerprint').count()).to.equal(1);
    expect(await page.locator('#idp-send').textContent())
      .to.contain('de NameID')
      .and.contain('ECK iD');
    await check('/admin/school-login (registered)');
    const stored = await t.hub.db.repositories.upstreamIdps.findBySchool(schoolId);
    expect(stored).to.deep.include({ entityId: idp.entityId });
    expect(stored!.settings).to.deep.include({ roles: 'staff_and_pupils', matchOn: 'eck_id', metadataUrl });

    // In English too.
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/admin\/school-login/);
    expect(await page.locator('h1').textContent()).to.equal('Log in with school account');
    await check('/admin/school-login (English)');
    await page.getByRole('link', { name: 'Nederlands' }).click();
    await page.waitForURL(/\/admin\/school-login/);

    // Remove: the browser's own check asks for the tick first; then it is gone, audited.
    await page.getByRole('button', { name: /^Koppeling verwijderen/ }).click();
    expect(await t.hub.db.repositories.upstreamIdps.findBySchool(schoolId), 'not without the tick').to.not.equal(null);
    await page.getByRole('checkbox', { name: /Ja, verwijder de koppeling/ }).check();
    await page.getByRole('button', { name: /^Koppeling verwijderen/ }).click();
    await page.waitForURL(/done=removed/);
    expect(await page.locator('#idp-done').textContent()).to.contain('De koppeling is verwijderd.');
    await check('/admin/school-login (removed)');
    expect(await t.hub.db.repositories.upstreamIdps.findBySchool(schoolId)).to.equal(null);
    const actions = (await t.hub.db.repositories.audit.list({ schoolId })).map((a) => a.action).filter((a) => a.startsWith('upstream.'));
    expect(actions.sort()).to.deep.equal(['upstream.add', 'upstream.remove']);
    expect(problems).to.deep.equal([]);
  });
});

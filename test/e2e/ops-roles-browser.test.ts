import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { generateKeyPair } from '../../src/crypto/secrets';
import { certificateBody } from '../../src/saml/xml/signature';
import { PagePool, wcagViolations, firstLoginWithTotp } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { ACTOR, type SeededSchool, seedSchool } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * The operator console per role in Debian's Chromium (data-processing agreement annex 2 I): the helpdesk
 * finds a pupil by school and name with a reason and sees the support view (audited with that reason);
 * the dba registers an SP from a metadata file; the security officer sees the schools and no support or
 * platform pages. Every page passes axe-core's WCAG 2.1 A/AA rules, like the hub's other pages.
 */
describe('operator console per role in a real browser (Debian Chromium): helpdesk, dba, security officer; WCAG 2.1 AA', function () {
  let t: TestHub;
  let browser: Browser;
  let school: SeededSchool;
  const pool = new PagePool(() => browser);
  const operatorIds: Record<string, string> = {};

  before(async function () {
    browser = await launchChromium(this);
    t = await startTestHub(this, 'ops_roles_browser');
    school = await seedSchool(t.hub, { brin: '52EE', participant: 'Uitgeverij B', pupilFirstName: 'Ylvie' });
    for (const [username, roles] of [
      ['hanna.ops', ['helpdesk']],
      ['dirk.ops', ['dba']],
      ['sanne.ops', ['security_officer']],
    ] as const) {
      const { operator } = await t.hub.services.accounts.createOperator(
        { displayName: username, email: `${username}@leerpoort.example`, roles },
        username,
        'Console-Lamp-Vijver-8',
        ACTOR,
      );
      operatorIds[username] = operator.id;
    }
  });
  afterEach(async function () {
    await pool.afterEach(this);
  });
  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function operatorPage(username: string) {
    const page = await pool.newPage();
    await firstLoginWithTotp(page, t.baseUrl, username, 'Console-Lamp-Vijver-8', `${t.baseUrl}/ops`);
    const problems: string[] = [];
    const check = async (what: string) => problems.push(...(await wcagViolations(page)).violations.map((v) => `${what}: ${v}`));
    return { page, problems, check };
  }

  it('helpdesk: finds a pupil by school and full name with a reason, sees the support view; the audit holds the reason', async () => {
    const { page, problems, check } = await operatorPage('hanna.ops');
    await check('/ops (helpdesk)');
    await page.getByRole('link', { name: /Eén gebruiker zoeken/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/support`);
    await check('/ops/support');

    const reason = 'Ticket 9001: juf meldt dat de leerling niet kan inloggen op de tablet';
    await page.getByLabel(/^Reden/).fill(reason);
    await page.getByLabel(/School en volledige naam/).check();
    await page.getByLabel(/BRIN van de school/).fill('52ee');
    await page.getByLabel(/Voor- en achternaam/).fill('ylvie horst');
    await page.getByRole('button', { name: /Zoeken/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/support/find`);
    expect(await page.locator('#matches tbody tr').count()).to.equal(1);
    expect(await page.locator('#matches').textContent())
      .to.contain('Ylvie ter Horst')
      .and.to.contain(school.pupil.username);
    await check('/ops/support (one match)');

    await page.getByRole('button', { name: /Bekijken \/ View: Ylvie ter Horst/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/support/people/${school.pupil.personId}`);
    const view = (await page.locator('#support-view').textContent())!;
    expect(view).to.contain(school.pupil.username).and.to.contain('Groep 6').and.to.contain('52EE');
    expect(view).not.to.contain('2015-04-01');
    expect(await page.locator('#two-factor').textContent()).to.contain('niet ingesteld');
    await check('/ops/support/people/:id');

    const [audit] = await t.hub.db.repositories.audit.list({ action: 'support.view', actorId: operatorIds['hanna.ops'] });
    expect(audit).to.deep.include({ targetType: 'person', targetId: school.pupil.personId });
    expect(audit!.details).to.deep.equal({ reason });
    expect(problems).to.deep.equal([]);
  });

  it('dba: registers an SP from a metadata file with the console form; sees no support page', async () => {
    const { page, problems, check } = await operatorPage('dirk.ops');
    await check('/ops (dba)');
    expect(await page.getByRole('link', { name: /Eén gebruiker zoeken/ }).count()).to.equal(0);
    await page.getByRole('link', { name: /Deelnemers/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/participants`);
    await check('/ops/participants');
    await page
      .getByRole('link', { name: /Dienstverleners/ })
      .first()
      .click();
    await page.waitForURL(`${t.baseUrl}/ops/sps`);
    await check('/ops/sps (empty)');

    const signing = await generateKeyPair('browser SP');
    const entityId = 'https://sp.browser.example/saml';
    const xml =
      `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">` +
      '<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAssertionsSigned="true">' +
      `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBody(signing.certificatePem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
      '<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.browser.example/acs" index="0" isDefault="true"/>' +
      '</md:SPSSODescriptor></md:EntityDescriptor>';
    await page.getByLabel(/^Deelnemer/).selectOption('Uitgeverij B');
    await page.getByLabel(/metadatabestand/).setInputFiles({ name: 'sp.xml', mimeType: 'text/xml', buffer: Buffer.from(xml) });
    await page.getByRole('button', { name: /Registreren/ }).click();
    await page.waitForURL(/done=registered/);
    expect(await page.locator('#sp-notice').textContent()).to.contain('SP geregistreerd');
    expect(await page.locator('#sps').textContent()).to.contain(entityId);
    await check('/ops/sps (one SP)');
    const sp = await t.hub.db.repositories.serviceProviders.findByEntityId(entityId);
    expect(sp?.acsEndpoints.map((e) => e.location)).to.deep.equal(['https://sp.browser.example/acs']);

    for (const path of ['/ops/keys', '/ops/jobs', '/ops/settings']) {
      await page.goto(`${t.baseUrl}${path}`);
      await check(path);
    }
    const refused = await page.goto(`${t.baseUrl}/ops/support`);
    expect(refused!.status()).to.equal(403);
    expect(problems).to.deep.equal([]);
  });

  it('security officer: sees the schools and the helpdesk access log (with reasons), no support or platform pages', async () => {
    const { page, problems, check } = await operatorPage('sanne.ops');
    expect(await page.locator('#schools').textContent()).to.contain('52EE');
    expect(await page.getByRole('link', { name: /Eén gebruiker zoeken|Dienstverleners|Deelnemers/ }).count()).to.equal(0);
    await check('/ops (security officer)');
    // Oversight: the helpdesk's view of the first test, with its reason, by hub id — never the pupil's name.
    await page.getByRole('link', { name: /Inzagelog helpdesk/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/access-log`);
    const log = (await page.locator('#access-log').textContent())!;
    expect(log).to.contain('hanna.ops').and.to.contain('support.view').and.to.contain(school.pupil.personId);
    expect(log).to.contain('Ticket 9001: juf meldt dat de leerling niet kan inloggen op de tablet');
    expect(log).not.to.contain('Horst');
    await check('/ops/access-log');
    for (const path of ['/ops/support', '/ops/sps', '/ops/participants']) {
      const res = await page.goto(`${t.baseUrl}${path}`);
      expect(res!.status(), path).to.equal(403);
    }
    expect(problems).to.deep.equal([]);
  });
});

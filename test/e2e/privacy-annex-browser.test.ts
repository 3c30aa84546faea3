import { SAML } from '@node-saml/node-saml';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { enrolTotp, PagePool, passwordLogin, wcagViolations } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { ACTOR, registerSp, seedSchool, testSpKeys } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * DPA art. 13.3 in Debian's Chromium: after a participant's annex widened, the school's delegate reads in
 * plain words what would be added, and accepts it in the management screen; the public privacy leaflet
 * (list and page) shows the annex. Every page passes axe-core's WCAG 2.1 A/AA rules.
 */
describe('privacy annex: the delegate accepts a widening; the public leaflet (Debian Chromium, WCAG 2.1 AA)', function () {
  let t: TestHub;
  let browser: Browser;
  const pool = new PagePool(() => browser);
  let schoolId = '';
  let participantId = '';
  let delegateId = '';
  const delegate = { username: 'beheer.43ff', password: 'Lantaarn-Schelp-Vork-5' };

  before(async function () {
    browser = await launchChromium(this);
    t = await startTestHub(this, 'annex_browser');
    const s = t.hub.services;
    await seedSchool(t.hub, { brin: '43FF', participant: 'Uitgeverij C' });
    schoolId = (await t.hub.db.repositories.schools.findByBrin('43FF'))[0]!.id;
    participantId = (await t.hub.db.repositories.participants.findByName('Uitgeverij C'))!.id;
    delegateId = (
      await s.accounts.createPersonWithAccount(
        { schoolId, role: 'delegate', lasKey: 'D1', firstName: 'Daan', lastName: 'Beheer', staffEmail: 'daan@43ff.example.nl' },
        delegate.username,
        delegate.password,
        ACTOR,
      )
    ).person.id;
    await s.agreements.publish(
      { version: '2026.1', body: 'Overeenkomst versie 2026.1 — de volledige tekst.', effectiveFrom: new Date(Date.now() - 1000) },
      ACTOR,
    );
    const keys = await testSpKeys();
    const sp = new SAML({
      entryPoint: `${t.baseUrl}/saml/sso`,
      issuer: 'https://sp.uitgeverij-c.example/saml',
      callbackUrl: 'https://sp.uitgeverij-c.example/acs',
      idpCert: t.hub.secrets.samlSigning.certificatePem,
      audience: 'https://sp.uitgeverij-c.example/saml',
    });
    await registerSp(t.hub, 'Uitgeverij C', sp.generateServiceProviderMetadata(null, keys.signing.certificatePem), {
      attributes: ['givenName', 'sn', 'groepNaam', 'eduPersonAffiliation', 'dateOfBirth'],
    });
    const base = ['firstName', 'infix', 'lastName', 'groupKey', 'groupName', 'yearGroup', 'brin', 'affiliation'];
    await s.privacyAnnex.set(
      'Uitgeverij C',
      {
        categories: base,
        purposes: ['Inloggen op de leesmethode <Lezen & Zo>'],
        subProcessors: [{ name: 'Wolk BV', purpose: 'hosting', location: 'Frankfurt, DE (EU)' }],
        storageLocation: 'EU',
      },
      ACTOR,
    );
    await s.privacyAnnex.set('Uitgeverij C', { categories: [...base, 'birthDate'] }, ACTOR);
  });
  afterEach(async function () {
    await pool.afterEach(this);
  });
  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function delegatePage(): Promise<Page> {
    const page = await pool.newPage();
    await passwordLogin(page, t.baseUrl, delegate.username, delegate.password);
    await enrolTotp(page);
    await page.getByRole('link', { name: /Verder/ }).click();
    await page.goto(`${t.baseUrl}/admin`);
    if (page.url().endsWith('/admin/agreement')) await page.getByRole('button', { name: 'Akkoord' }).click();
    return page;
  }

  it('the delegate sees what the widening adds, in plain words, and accepts it; the release then follows the whole annex', async () => {
    const page = await delegatePage();
    const problems: string[] = [];
    const check = async (what: string) => problems.push(...(await wcagViolations(page)).violations.map((v) => `${what}: ${v}`));
    await page.goto(`${t.baseUrl}/admin/activations`);
    const section = page.locator('section.participant', { hasText: 'Uitgeverij C' });
    const notice = section.locator('.annex-change');
    expect(await notice.locator('h3').textContent()).to.equal('Deze uitgever wil meer gegevens ontvangen');
    expect(await notice.locator('.annex-added').textContent()).to.equal('geboortedatum');
    expect(await notice.textContent())
      .to.contain('alleen wat u eerder goedkeurde')
      .and.contain('art. 13.3');
    // What goes now: the summary from the release preview keeps to what the school accepted.
    expect(await section.locator('.summary-pupils').textContent())
      .to.contain('voornaam')
      .and.not.contain('geboortedatum');
    await check('/admin/activations (change pending)');

    // Without the form's CSRF token (a forged cross-site post with the delegate's cookie): refused, nothing accepted.
    const forged = await page.request.post(`${t.baseUrl}/admin/activations/${participantId}/accept-annex`, { form: { x: '1' } });
    expect(forged.status()).to.equal(403);
    expect((await t.hub.db.repositories.activations.find(schoolId, participantId))!.acceptedCategories).to.not.equal(null);

    await notice.getByRole('button', { name: /Akkoord: ook deze gegevens doorgeven/ }).click();
    await page.waitForURL(`${t.baseUrl}/admin/activations`);
    const after = page.locator('section.participant', { hasText: 'Uitgeverij C' });
    expect(await after.locator('.annex-change').count()).to.equal(0);
    expect(await after.locator('.summary-pupils').textContent()).to.contain('geboortedatum');
    await check('/admin/activations (accepted)');

    expect((await t.hub.db.repositories.activations.find(schoolId, participantId))!.acceptedCategories).to.equal(null);
    const audit = await t.hub.db.repositories.audit.list({ schoolId, action: 'participant.annex.accept' });
    expect(audit).to.have.length(1);
    expect(audit[0]!.actor).to.deep.include({ type: 'person', id: delegateId });
    expect(audit[0]!.details).to.deep.include({ added: ['birthDate'] });
    expect(problems).to.deep.equal([]);
  });

  it('the public leaflet: list and page in Dutch and English, escaped, no login; axe-clean', async () => {
    const page = await pool.newPage();
    const problems: string[] = [];
    const check = async (what: string) => problems.push(...(await wcagViolations(page)).violations.map((v) => `${what}: ${v}`));
    await page.goto(`${t.baseUrl}/privacy`);
    await check('/privacy');
    await page.getByRole('link', { name: 'Uitgeverij C', exact: true }).click();
    await page.waitForURL(`${t.baseUrl}/privacy/${participantId}`);
    expect(await page.locator('h1').textContent()).to.contain('Privacybijsluiter: Uitgeverij C');
    expect(await page.locator('#categories').textContent())
      .to.contain('geboortedatum')
      .and.contain('birth date');
    expect(await page.locator('#purposes li').first().textContent()).to.equal('Inloggen op de leesmethode <Lezen & Zo>');
    expect(await page.locator('#sub-processors td').allTextContents()).to.deep.equal(['Wolk BV', 'hosting', 'Frankfurt, DE (EU)']);
    await check(`/privacy/${participantId}`);
    expect(problems).to.deep.equal([]);
  });
});

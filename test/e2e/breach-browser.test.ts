import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { amsterdamTime } from '../../src/domain/calendar';
import { PagePool, wcagViolations, firstLoginWithTotp } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { ACTOR, createOperators, seedSchool } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * The breach register in Debian's Chromium: a security officer logs in with password and TOTP, records a
 * breach with the console's form (a refusal first), confirms it and notifies the schools; the delegate's
 * mail is in the outbox. A helpdesk operator is refused. Every page passes axe-core's WCAG 2.1 A/AA rules.
 */
describe('breach register in a real browser (Debian Chromium): security officer records and notifies, WCAG 2.1 AA', function () {
  let t: TestHub;
  let browser: Browser;
  const pool = new PagePool(() => browser);
  const local = (d: Date) => {
    const a = amsterdamTime(d);
    return `${a.day}T${String(a.hour).padStart(2, '0')}:${String(a.minute).padStart(2, '0')}`;
  };

  before(async function () {
    browser = await launchChromium(this);
    t = await startTestHub(this, 'breach_browser');
    await seedSchool(t.hub, { brin: '51EE', participant: 'Uitgeverij C' });
    const schoolId = (await t.hub.db.repositories.schools.findByBrin('51EE'))[0]!.id;
    await t.hub.services.accounts.createPersonWithAccount(
      { schoolId, role: 'delegate', firstName: 'Ilse', lastName: 'Beheer', staffEmail: 'ilse@51ee.example.nl' },
      'ilse.51ee',
      'Sleutelbos-Fiets-91',
      ACTOR,
    );
    await createOperators(
      t.hub,
      [
        ['sara.sec', ['security_officer']],
        ['hanna.help', ['helpdesk']],
      ],
      'Console-Lamp-Vijver-8',
    );
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
    return page;
  }

  it('a security officer records a breach (after a refusal), confirms it and notifies the school; every page passes axe-core', async () => {
    const page = await operatorPage('sara.sec');
    const problems: string[] = [];
    const check = async (what: string) => problems.push(...(await wcagViolations(page)).violations.map((v) => `${what}: ${v}`));
    await check('/ops (security officer)');
    await page.getByRole('link', { name: /Datalekkenregister/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/breaches`);
    await check('/ops/breaches (empty)');
    await page.getByRole('link', { name: /Datalek vastleggen/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/breaches/new`);
    await check('/ops/breaches/new');

    await page.getByLabel(/^Ontdekt op/).fill(local(new Date(Date.now() - 2 * 3_600_000)));
    await page.getByLabel(/^Samenvatting/).fill('Inloglijst van groep 7 per ongeluk gedeeld');
    await page.getByLabel(/^Oorzaak/).fill('Verkeerde ontvanger gekozen');
    await page.getByLabel(/^Genomen maatregelen/).fill('Ontvanger heeft de lijst verwijderd; wachtwoorden vervangen');
    await page.getByLabel(/^Getroffen scholen/).fill('51EE 28');
    await page.getByRole('checkbox', { name: /leerlingen/ }).check();
    await page.getByRole('checkbox', { name: /voornaam \/ first name/ }).check();
    await page.getByLabel(/Toegangs- of identificatiegegevens/).check();
    // No nature chosen: refused beside the form, what was typed kept.
    await page.getByRole('button', { name: /Vastleggen/ }).click();
    await page.waitForLoadState();
    expect(await page.locator('[role=alert]').textContent())
      .to.contain('kies de aard')
      .and.to.contain('choose the nature');
    expect(await page.getByLabel(/^Samenvatting/).inputValue()).to.equal('Inloglijst van groep 7 per ongeluk gedeeld');
    await check('/ops/breaches/new (refused)');

    await page.getByRole('checkbox', { name: /kopiëren/ }).check();
    await page.getByRole('button', { name: /Vastleggen/ }).click();
    await page.waitForURL(/done=recorded/);
    expect(await page.locator('[role=status]').textContent()).to.contain('Vastgelegd');
    expect(await page.locator('#breach-state').textContent()).to.contain('nog niet vastgesteld');
    await check('/ops/breaches/:id (recorded)');

    await page.getByRole('button', { name: /Vaststellen als datalek/ }).click();
    await page.waitForURL(/done=confirmed/);
    expect(await page.locator('#breach-state').textContent()).to.contain('uiterlijk');
    await check('/ops/breaches/:id (confirmed)');

    await page.getByRole('button', { name: /Scholen berichten/ }).click();
    await page.waitForURL(/done=notified/);
    expect(await page.locator('[role=status]').textContent()).to.contain('(1)');
    expect(await page.locator('#breach-state').textContent()).to.contain('gemeld');
    expect(await page.getByRole('button', { name: /Scholen berichten/ }).count()).to.equal(0);
    await check('/ops/breaches/:id (notified)');

    await page.getByRole('link', { name: /Terug naar het register/ }).click();
    expect(await page.locator('#breaches').textContent()).to.contain('Inloglijst van groep 7');
    await check('/ops/breaches (one breach)');

    const [mail] = (await t.hub.db.repositories.outbox.list()).filter((m) => m.to === 'ilse@51ee.example.nl');
    expect(mail!.subject).to.equal('Leerpoort: melding datalek / data breach notification (51EE)');
    expect(mail!.body).to.contain('Samenvatting: Inloglijst van groep 7 per ongeluk gedeeld');
    expect(mail!.body).to.contain('Aantal getroffen personen van uw school: 28').and.to.contain('Nature: copy');
    expect(problems).to.deep.equal([]);
  });

  it('a helpdesk operator sees no breach link and is refused the register', async () => {
    const page = await operatorPage('hanna.help');
    expect(await page.getByRole('link', { name: /Datalekkenregister/ }).count()).to.equal(0);
    const res = await page.goto(`${t.baseUrl}/ops/breaches`);
    expect(res!.status()).to.equal(403);
    expect(await page.locator('main').textContent()).to.contain("Hiervoor is de rol 'security_officer' nodig");
  });
});

import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { amsterdamTime } from '../../src/domain/calendar';
import { PagePool, wcagViolations, firstLoginWithTotp } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { ACTOR, createOperators, seedSchool } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * Notices (art. 6, 11) and disruptions (art. 5) in Debian's Chromium, per role: the dba publishes a browser
 * and announces the end of its support (a short notice refused beside the form); the delegate reports a
 * disruption in the management screen; the helpdesk acknowledges it and the status page shows it; the
 * security officer is refused both pages. Every page passes axe-core's WCAG 2.1 A/AA rules.
 */
describe('notices and disruptions in a real browser (Debian Chromium): per role, WCAG 2.1 AA', function () {
  let t: TestHub;
  let browser: Browser;
  const pool = new PagePool(() => browser);
  const PASSWORD = 'Console-Lamp-Vijver-8';
  const local = (d: Date) => {
    const a = amsterdamTime(d);
    return `${a.day}T${String(a.hour).padStart(2, '0')}:${String(a.minute).padStart(2, '0')}`;
  };

  before(async function () {
    browser = await launchChromium(this);
    t = await startTestHub(this, 'notices_browser');
    await seedSchool(t.hub, { brin: '91LL', participant: 'Uitgeverij B' });
    const school = (await t.hub.db.repositories.schools.findByBrin('91LL'))[0]!;
    const { person } = await t.hub.services.accounts.createPersonWithAccount(
      { schoolId: school.id, role: 'delegate', firstName: 'Dirk', lastName: 'Beheer', staffEmail: 'dirk@91ll.example.nl' },
      'beheer.91ll',
      'Sleutelbos-Fiets-91',
      ACTOR,
    );
    const { version } = await t.hub.services.agreements.publish(
      {
        version: '2026.1',
        body: 'Overeenkomst versie 2026.1 — de volledige tekst van de productovereenkomst.',
        effectiveFrom: new Date(Date.now() - 1000),
      },
      ACTOR,
    );
    await t.hub.services.agreements.accept(school, version.id, person.id, '127.0.0.1');
    await createOperators(
      t.hub,
      [
        ['dirk.ops', ['dba']],
        ['hanna.ops', ['helpdesk']],
        ['sanne.ops', ['security_officer']],
      ],
      PASSWORD,
    );
  });
  afterEach(async function () {
    await pool.afterEach(this);
  });
  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function loggedIn(username: string, password: string, landing: RegExp): Promise<Page> {
    const page = await pool.newPage();
    await firstLoginWithTotp(page, t.baseUrl, username, password, landing);
    return page;
  }

  it('the dba publishes a browser and announces the end of its support; too short a notice is refused beside the form', async () => {
    const page = await loggedIn('dirk.ops', PASSWORD, new RegExp(`${t.baseUrl}/ops$`));
    const problems: string[] = [];
    const check = async (what: string) => problems.push(...(await wcagViolations(page)).violations.map((v) => `${what}: ${v}`));
    await page.getByRole('link', { name: /Aankondigingen en browsers/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/notices`);
    await check('/ops/notices');
    await page
      .getByLabel(/^Browser/)
      .first()
      .fill('Firefox');
    await page.getByLabel(/^Vanaf versie/).fill('115');
    await page.getByRole('button', { name: /^Toevoegen/ }).click();
    await page.waitForURL(/done=browser/);
    await page.locator('#withdraw-name').selectOption('Firefox');
    await page.getByLabel(/^Per \(Nederlandse tijd\)/).fill(local(new Date(Date.now() + 30 * 86_400_000)));
    await page.locator('#withdraw-form').getByRole('button').click();
    await page.waitForLoadState();
    expect(await page.locator('#withdraw-error').textContent()).to.contain('minstens drie maanden vooraf');
    await check('/ops/notices (refused)');
    await page.getByLabel(/^Per \(Nederlandse tijd\)/).fill(local(new Date(Date.now() + 120 * 86_400_000)));
    await page.locator('#withdraw-form').getByRole('button').click();
    await page.waitForURL(/done=withdrawn/);
    expect(await page.locator('#notices').textContent()).to.contain('Einde ondersteuning Firefox');
    const visitor = await pool.newPage();
    await visitor.goto(`${t.baseUrl}/status`);
    expect(await visitor.locator('#browsers').textContent())
      .to.contain('Firefox')
      .and.contain('ondersteuning stopt op');
    problems.push(...(await wcagViolations(visitor)).violations.map((v) => `/status: ${v}`));
    expect(problems).to.deep.equal([]);
  });

  it('the delegate reports a disruption; the helpdesk acknowledges it; the status page shows it', async () => {
    const admin = await loggedIn('beheer.91ll', 'Sleutelbos-Fiets-91', /\/(portal|admin)/);
    await admin.goto(`${t.baseUrl}/admin/disruptions`);
    await admin.getByLabel(/^Wat gaat er mis/).fill('Groep 5 kan niet inloggen');
    await admin.getByRole('button', { name: /^Melden/ }).click();
    await admin.waitForURL(/saved=1/);
    expect(await admin.locator('#disruptions').textContent())
      .to.contain('Groep 5 kan niet inloggen')
      .and.contain('ontvangen');
    expect((await wcagViolations(admin)).violations).to.deep.equal([]);

    const page = await loggedIn('hanna.ops', PASSWORD, new RegExp(`${t.baseUrl}/ops$`));
    await page.getByRole('link', { name: /Storingen/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/disruptions`);
    expect(await page.locator('#reports').textContent()).to.contain('Groep 5 kan niet inloggen');
    expect((await wcagViolations(page)).violations).to.deep.equal([]);
    await page.getByLabel(/Tekst voor de statuspagina \(NL\)/).fill('Inloggen lukt soms niet');
    await page.getByLabel(/Tekst voor de statuspagina \(EN\)/).fill('Logins sometimes fail');
    await page.getByRole('button', { name: /^Bevestigen/ }).click();
    await page.waitForURL(/done=1/);
    const visitor = await pool.newPage();
    await visitor.goto(`${t.baseUrl}/status`);
    expect(await visitor.locator('#disruptions').textContent())
      .to.contain('Inloggen lukt soms niet')
      .and.contain('Logins sometimes fail');
    await admin.reload();
    expect(await admin.locator('#disruptions').textContent()).to.contain('in behandeling');
  });

  it('a security officer is refused the notices and disruptions pages (403)', async () => {
    const page = await loggedIn('sanne.ops', PASSWORD, new RegExp(`${t.baseUrl}/ops$`));
    for (const path of ['/ops/notices', '/ops/disruptions']) expect((await page.goto(`${t.baseUrl}${path}`))!.status(), path).to.equal(403);
  });
});

import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { amsterdamTime } from '../../src/domain/calendar';
import { PagePool, wcagViolations, firstLoginWithTotp } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { createOperators } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * Maintenance in Debian's Chromium: a platform operator (dba) logs in with password and TOTP, plans a
 * window with the console's form and sees it on the public status page; a helpdesk operator is refused.
 * Every page passes axe-core's WCAG 2.1 A/AA rules, like the hub's other pages.
 */
describe('maintenance console and status page in a real browser (Debian Chromium): per role, WCAG 2.1 AA', function () {
  let t: TestHub;
  let browser: Browser;
  const pool = new PagePool(() => browser);
  const local = (d: Date) => {
    const a = amsterdamTime(d);
    return `${a.day}T${String(a.hour).padStart(2, '0')}:${String(a.minute).padStart(2, '0')}`;
  };

  before(async function () {
    browser = await launchChromium(this);
    t = await startTestHub(this, 'maint_browser');
    await createOperators(
      t.hub,
      [
        ['dirk.ops', ['dba']],
        ['hanna.ops', ['helpdesk']],
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

  it('a dba plans maintenance with the form; a refusal is shown beside it; the status page shows the window; all pass axe-core', async () => {
    const page = await operatorPage('dirk.ops');
    const problems: string[] = [];
    const check = async (what: string) => problems.push(...(await wcagViolations(page)).violations.map((v) => `${what}: ${v}`));
    await page.getByRole('link', { name: /Onderhoud plannen/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/maintenance`);
    await check('/ops/maintenance (empty)');

    const soon = new Date(Date.now() + 86_400_000);
    await page.getByLabel(/^Begin/).fill(local(soon));
    await page.getByLabel(/^Einde/).fill(local(new Date(soon.getTime() + 3_600_000)));
    await page.getByLabel(/Omschrijving \(Nederlands\)/).fill('Te kort van tevoren');
    await page.getByLabel(/Omschrijving \(Engels\)/).fill('Too short notice');
    await page.getByRole('button', { name: /Plannen/ }).click();
    await page.waitForLoadState();
    expect(await page.locator('[role=alert]').textContent())
      .to.contain('72 uur')
      .and.to.contain('72 hours');
    await check('/ops/maintenance (refused)');

    const start = new Date(Date.now() + 5 * 86_400_000);
    await page.getByLabel(/^Begin/).fill(local(start));
    await page.getByLabel(/^Einde/).fill(local(new Date(start.getTime() + 2 * 3_600_000)));
    await page.getByLabel(/Omschrijving \(Nederlands\)/).fill('Nieuwe databaseserver');
    await page.getByLabel(/Omschrijving \(Engels\)/).fill('New database server');
    await page.getByRole('button', { name: /Plannen/ }).click();
    await page.waitForURL(/done=scheduled/);
    expect(await page.locator('[role=status]').textContent()).to.contain('Onderhoud gepland');
    expect(await page.locator('#windows').textContent()).to.contain('Nieuwe databaseserver');
    await check('/ops/maintenance (one window)');

    const visitor = await pool.newPage();
    await visitor.goto(`${t.baseUrl}/status`);
    expect(await visitor.locator('#planned').textContent())
      .to.contain('Nieuwe databaseserver')
      .and.to.contain('New database server');
    expect(await visitor.locator('#disruptions').textContent()).to.contain('Geen storingen');
    problems.push(...(await wcagViolations(visitor)).violations.map((v) => `/status: ${v}`));
    expect(
      (await visitor.context().cookies()).map((c) => c.name),
      'the status page sets no cookie',
    ).to.deep.equal([]);
    // The login page links to the status page: whoever cannot log in finds out why.
    const pupil = await pool.newPage();
    await pupil.goto(`${t.baseUrl}/login`);
    await pupil.getByRole('link', { name: /Storingen en gepland onderhoud/ }).click();
    await pupil.waitForURL(`${t.baseUrl}/status`);
    expect(problems).to.deep.equal([]);
  });

  it('a helpdesk operator sees no maintenance link and is refused the page', async () => {
    const page = await operatorPage('hanna.ops');
    expect(await page.getByRole('link', { name: /Onderhoud plannen/ }).count()).to.equal(0);
    const res = await page.goto(`${t.baseUrl}/ops/maintenance`);
    expect(res!.status()).to.equal(403);
    expect(await page.locator('main').textContent()).to.contain("Hiervoor is de rol 'dba' nodig");
  });
});

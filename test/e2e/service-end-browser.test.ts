import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { amsterdamTime } from '../../src/domain/calendar';
import { formatWhen } from '../../src/domain/maintenance/wording';
import { earliestEffective, schoolYearStart } from '../../src/domain/notices/notice-period';
import { PagePool, wcagViolations, firstLoginWithTotp } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { ACTOR, createOperators, seedSchool } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * Ending the service (agreement art. 11) in Debian's Chromium, per role: the dba announces the end at the
 * start of a school year in the console — a year less than three months ahead is refused beside the form
 * with the earliest date, nothing stored or mailed; the first allowed year is announced, every delegate
 * mailed, the public status page shows it; withdrawing it removes it. The helpdesk and the security officer
 * get no link and 403 on the page and its form. Every page passes axe-core's WCAG 2.1 A/AA rules.
 */
describe('ending the service (art. 11) in a real browser (Debian Chromium): per role, WCAG 2.1 AA', function () {
  let t: TestHub;
  let browser: Browser;
  const pool = new PagePool(() => browser);
  const PASSWORD = 'Console-Lamp-Vijver-8';
  // The years either side of the three-month line, from the one rule (notice-period.ts), whatever today is.
  const earliest = earliestEffective(new Date());
  let allowed = Number(amsterdamTime(new Date()).day.slice(0, 4));
  while (schoolYearStart(allowed) < earliest) allowed++;
  const tooSoon = allowed - 1;

  before(async function () {
    browser = await launchChromium(this);
    t = await startTestHub(this, 'service_end_browser');
    await seedSchool(t.hub, { brin: '41EE', participant: 'Uitgeverij E' });
    const school = (await t.hub.db.repositories.schools.findByBrin('41EE'))[0]!;
    await t.hub.services.accounts.createPersonWithAccount(
      { schoolId: school.id, role: 'delegate', firstName: 'Eva', lastName: 'Beheer', staffEmail: 'eva@41ee.example.nl' },
      'beheer.41ee',
      'Sleutelbos-Fiets-91',
      ACTOR,
    );
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

  async function loggedIn(username: string): Promise<Page> {
    const page = await pool.newPage();
    await firstLoginWithTotp(page, t.baseUrl, username, PASSWORD, new RegExp(`${t.baseUrl}/ops$`));
    return page;
  }
  const endMails = async () =>
    (await t.hub.db.repositories.outbox.list()).filter((m) => m.subject === 'Leerpoort: de dienst stopt / the service ends (art. 11)');

  it('the dba is refused a year under three months ahead, announces the first allowed one, /status shows it, withdrawing removes it', async () => {
    const problems: string[] = [];
    const page = await loggedIn('dirk.ops');
    const check = async (p: Page, what: string) => problems.push(...(await wcagViolations(p)).violations.map((v) => `${what}: ${v}`));
    await page.getByRole('link', { name: /Aankondigingen en browsers/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/notices`);
    await check(page, '/ops/notices');

    const year = page.getByLabel(/^Aan het begin van het schooljaar/);
    await year.fill(String(tooSoon));
    await page
      .locator('#end-form')
      .getByRole('button', { name: /^Aankondigen/ })
      .click();
    await page.waitForLoadState();
    expect(await page.locator('#end-error').textContent())
      .to.contain('minstens drie maanden vooraf')
      .and.contain('op zijn vroegst');
    expect(await year.inputValue(), 'what was typed stays').to.equal(String(tooSoon));
    await check(page, '/ops/notices (refused)');
    expect(await t.hub.db.repositories.notices.listInForce()).to.have.length(0);
    expect(await endMails()).to.have.length(0);

    await year.fill(String(allowed));
    await page
      .locator('#end-form')
      .getByRole('button', { name: /^Aankondigen/ })
      .click();
    await page.waitForURL(/done=announced/);
    expect(await page.locator('#notices').textContent())
      .to.contain('Einde van de dienst')
      .and.contain(formatWhen(schoolYearStart(allowed), 'nl'));
    await check(page, '/ops/notices (announced)');
    expect((await endMails()).map((m) => m.to)).to.deep.equal(['eva@41ee.example.nl']);

    const visitor = await pool.newPage();
    await visitor.goto(`${t.baseUrl}/status`);
    expect(await visitor.locator('#service-end').textContent())
      .to.contain(formatWhen(schoolYearStart(allowed), 'nl'))
      .and.contain(formatWhen(schoolYearStart(allowed), 'en'));
    await check(visitor, '/status (service end)');

    await page.getByRole('button', { name: /^Intrekken \/ Withdraw: Einde van de dienst/ }).click();
    await page.waitForURL(/done=cancelled/);
    expect(await page.locator('main').textContent()).to.contain('Niets aangekondigd');
    await visitor.goto(`${t.baseUrl}/status?after=cancel`);
    expect(await visitor.locator('#service-end').count()).to.equal(0);
    expect(problems).to.deep.equal([]);
  });

  for (const [username, role] of [
    ['hanna.ops', 'helpdesk'],
    ['sanne.ops', 'security_officer'],
  ] as const)
    it(`a ${role} operator sees no notices link and is refused the page and the announcement (403)`, async () => {
      const page = await loggedIn(username);
      expect(await page.getByRole('link', { name: /Aankondigingen en browsers/ }).count()).to.equal(0);
      const res = await page.goto(`${t.baseUrl}/ops/notices`);
      expect(res!.status()).to.equal(403);
      expect(await page.locator('main').textContent()).to.contain("Hiervoor is de rol 'dba' nodig");
      expect((await wcagViolations(page)).violations).to.deep.equal([]);
      await page.goto(`${t.baseUrl}/ops`);
      const csrf = (await page.locator('input[name=_csrf]').first().getAttribute('value'))!;
      const post = await page.request.post(`${t.baseUrl}/ops/notices/service-end`, { form: { _csrf: csrf, year: String(allowed) } });
      expect(post.status()).to.equal(403);
      expect(await post.text(), 'refused for the role, not for the CSRF token').to.match(/Hiervoor is de rol (?:'|&#39;|&#x27;)dba/);
      expect(await t.hub.db.repositories.notices.listInForce()).to.have.length(0);
    });
});

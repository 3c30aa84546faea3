import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { amsterdamTime } from '../../src/domain/calendar';
import { PagePool, wcagViolations, firstLoginWithTotp } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { ACTOR, createOperators, seedSchool } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * Misuse and suspension (agreement art. 12) in Debian's Chromium, per role: the security officer warns a
 * school and, once the deadline passed, suspends and lifts it with the console's forms; the school's
 * delegate sees the open warning in the management screen; helpdesk and dba are refused (403). Every
 * page passes axe-core's WCAG 2.1 A/AA rules.
 */
describe('misuse warnings and suspension in a real browser (Debian Chromium): per role, WCAG 2.1 AA', function () {
  let t: TestHub;
  let browser: Browser;
  const pool = new PagePool(() => browser);
  const PASSWORD = 'Console-Lamp-Vijver-8';
  const delegate = { username: 'beheer.51ff', password: 'Sleutelbos-Fiets-91' };
  const local = (d: Date) => {
    const a = amsterdamTime(d);
    return `${a.day}T${String(a.hour).padStart(2, '0')}:${String(a.minute).padStart(2, '0')}`;
  };

  before(async function () {
    browser = await launchChromium(this);
    t = await startTestHub(this, 'misuse_browser');
    await seedSchool(t.hub, { brin: '51FF', participant: 'Uitgeverij M' });
    const schoolId = (await t.hub.db.repositories.schools.findByBrin('51FF'))[0]!.id;
    await t.hub.services.accounts.createPersonWithAccount(
      { schoolId, role: 'delegate', lasKey: 'D1', firstName: 'Dirk', lastName: 'Beheer', staffEmail: 'dirk@51ff.example.nl' },
      delegate.username,
      delegate.password,
      ACTOR,
    );
    await t.hub.services.agreements.publish(
      { version: '2026.1', body: 'Overeenkomst versie 2026.1', effectiveFrom: new Date(Date.now() - 1000) },
      ACTOR,
    );
    await createOperators(
      t.hub,
      [
        ['sanne.ops', ['security_officer']],
        ['hanna.ops', ['helpdesk']],
        ['dirk.ops', ['dba']],
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

  it('the security officer warns, is refused suspending before the deadline, suspends after it and lifts; axe-core passes', async () => {
    const page = await loggedIn('sanne.ops', PASSWORD, new RegExp(`${t.baseUrl}/ops$`));
    const problems: string[] = [];
    const check = async (what: string) => problems.push(...(await wcagViolations(page)).violations.map((v) => `${what}: ${v}`));
    await page.getByRole('link', { name: /Misbruik en opschorting/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/misuse`);
    await check('/ops/misuse (empty)');

    await page.locator('#warn-brin').selectOption('51FF');
    await page.getByLabel(/^Wat is er gezien/).fill('Inloggegevens van de klas staan op een openbare website <b>');
    await page.getByLabel(/^Wat moet de school doen/).fill('Wachtwoorden van groep 6 vernieuwen');
    await page.getByLabel(/^Uiterlijk/).fill(local(new Date(Date.now() + 7 * 86_400_000)));
    await page.getByRole('button', { name: /Waarschuwen/ }).click();
    await page.waitForURL(/done=warned/);
    expect(await page.locator('#warnings').textContent())
      .to.contain('openbare website <b>')
      .and.contain('Wachtwoorden van groep 6');
    const mails = await t.hub.db.repositories.outbox.list();
    expect(mails.filter((m) => m.subject.includes('waarschuwing')).map((m) => m.to)).to.include('dirk@51ff.example.nl');
    await check('/ops/misuse (warned)');

    await page.locator('#suspend-brin').selectOption('51FF');
    await page.getByLabel(/^Toelichting voor de school/).fill('Geen maatregelen genomen');
    await page.getByRole('button', { name: /^Opschorten/ }).click();
    await page.waitForLoadState();
    expect(await page.locator('#suspend-error').textContent()).to.contain('suspending earlier needs an immediate reason');
    expect(await page.getByLabel(/^Toelichting voor de school/).inputValue(), 'what was typed stays').to.equal('Geen maatregelen genomen');
    await check('/ops/misuse (refused)');

    // The deadline passes without measures.
    await t.hub.db.dataSource.query(
      "UPDATE misuse_warnings SET issued_at = now() - interval '8 days', deadline = now() - interval '1 minute'",
    );
    await page.getByRole('button', { name: /^Opschorten/ }).click();
    await page.waitForURL(/done=suspended/);
    expect(await page.locator('#suspended').textContent()).to.contain('51FF');
    const school = (await t.hub.db.repositories.schools.findByBrin('51FF'))[0]!;
    expect(school.suspendedAt).to.be.instanceOf(Date);
    await check('/ops/misuse (suspended)');

    await page.getByLabel(/^Wat heeft de school gedaan/).fill('Wachtwoorden vernieuwd');
    await page.getByRole('button', { name: /^Opheffen/ }).click();
    await page.waitForURL(/done=lifted/);
    expect(await page.locator('main').textContent()).to.contain('Geen school is opgeschort');
    expect((await t.hub.db.repositories.schools.findByBrin('51FF'))[0]!.suspendedAt).to.equal(null);
    expect(problems).to.deep.equal([]);
  });

  it("the school's delegate sees the open warning in the management screen (what was seen, what to do, by when)", async () => {
    await t.hub.services.misuse.warn(
      '51FF',
      {
        observed: 'Eén account voor de hele klas',
        requiredMeasures: 'Eigen accounts uitdelen',
        deadline: new Date(Date.now() + 5 * 86_400_000),
      },
      ACTOR,
    );
    const page = await loggedIn(delegate.username, delegate.password, /\/(portal|admin)/);
    await page.goto(`${t.baseUrl}/admin`);
    if (page.url().endsWith('/admin/agreement')) {
      await page.getByRole('button', { name: 'Akkoord' }).click();
      await page.goto(`${t.baseUrl}/admin`);
    }
    const warning = page.locator('section[id^=misuse-warning-]');
    expect(await warning.count()).to.equal(1);
    const text = (await warning.textContent())!;
    expect(text)
      .to.contain('Schriftelijke waarschuwing van Leerpoort')
      .and.contain('Eén account voor de hele klas')
      .and.contain('Eigen accounts uitdelen');
    expect(await warning.locator('.deadline').textContent()).to.match(/20\d\d/);
    expect((await wcagViolations(page)).violations).to.deep.equal([]);
  });

  for (const [username, role] of [
    ['hanna.ops', 'helpdesk'],
    ['dirk.ops', 'dba'],
  ] as const)
    it(`a ${role} operator sees no misuse link and is refused the page and its forms (403)`, async () => {
      const page = await loggedIn(username, PASSWORD, new RegExp(`${t.baseUrl}/ops$`));
      expect(await page.getByRole('link', { name: /Misbruik en opschorting/ }).count()).to.equal(0);
      const res = await page.goto(`${t.baseUrl}/ops/misuse`);
      expect(res!.status()).to.equal(403);
      expect(await page.locator('main').textContent()).to.contain("Hiervoor is de rol 'security_officer' nodig");
      await page.goto(`${t.baseUrl}/ops`);
      const csrf = (await page.locator('input[name=_csrf]').first().getAttribute('value'))!;
      const post = await page.request.post(`${t.baseUrl}/ops/misuse/suspensions`, {
        form: { _csrf: csrf, brin: '51FF', immediate: 'security_threat', explanation: 'x' },
      });
      expect(post.status()).to.equal(403);
      expect((await t.hub.db.repositories.schools.findByBrin('51FF'))[0]!.suspendedAt).to.equal(null);
    });
});

import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { PagePool, wcagViolations, firstLoginWithTotp } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { ACTOR, seedSchool } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * The school board's address (agreement art. 12: warnings and suspensions are mailed to it) set by the
 * school's delegate in the management screen's settings, in Debian's Chromium: an invalid address is refused
 * beside the form and changes nothing; a valid one is stored encrypted, audited as the delegate, shown again
 * and receives the next warning; emptying the field clears it; a post without the CSRF token is refused.
 * Every page passes axe-core's WCAG 2.1 A/AA rules.
 */
describe("the school board's address in the management screen (Debian Chromium, WCAG 2.1 AA)", function () {
  let t: TestHub;
  let browser: Browser;
  let schoolId: string;
  let delegateId: string;
  const pool = new PagePool(() => browser);
  const delegate = { username: 'beheer.71hh', password: 'Sleutelbos-Fiets-91' };
  const board = async () => t.hub.db.repositories.misuse.boardEmail(schoolId);

  before(async function () {
    browser = await launchChromium(this);
    t = await startTestHub(this, 'board_browser');
    await seedSchool(t.hub, { brin: '71HH', participant: 'Uitgeverij B' });
    const school = (await t.hub.db.repositories.schools.findByBrin('71HH'))[0]!;
    schoolId = school.id;
    const { person } = await t.hub.services.accounts.createPersonWithAccount(
      { schoolId, role: 'delegate', firstName: 'Bram', lastName: 'Beheer', staffEmail: 'bram@71hh.example.nl' },
      delegate.username,
      delegate.password,
      ACTOR,
    );
    delegateId = person.id;
    const { version } = await t.hub.services.agreements.publish(
      { version: '2026.1', body: 'Overeenkomst versie 2026.1', effectiveFrom: new Date(Date.now() - 1000) },
      ACTOR,
    );
    await t.hub.services.agreements.accept(school, version.id, person.id, '127.0.0.1');
  });
  afterEach(async function () {
    await pool.afterEach(this);
  });
  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function loggedIn(): Promise<Page> {
    const page = await pool.newPage();
    await firstLoginWithTotp(page, t.baseUrl, delegate.username, delegate.password, /\/(portal|admin)/);
    return page;
  }

  it('the delegate sets, is refused a bad address, and clears the board address; stored encrypted, audited, mailed on a warning', async () => {
    const problems: string[] = [];
    const page = await loggedIn();
    const check = async (what: string) => problems.push(...(await wcagViolations(page)).violations.map((v) => `${what}: ${v}`));
    await page.goto(`${t.baseUrl}/admin`);
    await page.getByRole('link', { name: /^Thuistoegang en beveiliging/ }).click();
    await page.waitForURL(`${t.baseUrl}/admin/settings`);
    const field = page.getByLabel(/^E-mailadres van het bestuur/);
    expect(await field.inputValue()).to.equal('');
    await check('/admin/settings');

    // Passes the browser's own type=email check, not the service's (no dot in the domain).
    await field.fill('bestuur@stichting-noord');
    await page.getByRole('button', { name: /^Bestuursadres vastleggen/ }).click();
    await page.waitForLoadState();
    expect(await page.locator('#board-error').textContent()).to.contain('ongeldig e-mailadres / invalid e-mail address');
    expect(await field.inputValue(), 'what was typed stays').to.equal('bestuur@stichting-noord');
    expect(await field.getAttribute('aria-invalid')).to.equal('true');
    await check('/admin/settings (refused)');
    expect(await board()).to.equal(null);
    expect(await t.hub.db.repositories.audit.list({ schoolId, action: 'school.board_email' })).to.have.length(0);

    await field.fill('bestuur@stichting-noord.example.nl');
    await page.getByRole('button', { name: /^Bestuursadres vastleggen/ }).click();
    await page.waitForURL(/saved=board/);
    expect(await page.locator('#board-saved').textContent()).to.contain('opgeslagen');
    expect(await page.getByLabel(/^E-mailadres van het bestuur/).inputValue()).to.equal('bestuur@stichting-noord.example.nl');
    await check('/admin/settings (saved)');
    expect(await board()).to.equal('bestuur@stichting-noord.example.nl');
    expect(JSON.stringify(await t.hub.db.dataSource.query('SELECT board_email_enc FROM schools'))).not.to.contain('stichting');
    const [audited] = await t.hub.db.repositories.audit.list({ schoolId, action: 'school.board_email' });
    expect(audited).to.deep.include({ outcome: 'success', targetId: schoolId });
    expect(audited!.actor).to.deep.include({ type: 'person', id: delegateId });
    expect(JSON.stringify(audited), 'the address itself stays out of the audit').not.to.contain('stichting');

    // The next art. 12 warning reaches the board as well as the delegate.
    await t.hub.services.misuse.warn(
      '71HH',
      { observed: 'Gedeelde accounts', requiredMeasures: 'Eigen accounts', deadline: new Date(Date.now() + 7 * 86_400_000) },
      ACTOR,
    );
    const to = (await t.hub.db.repositories.outbox.list()).filter((m) => m.subject.includes('waarschuwing')).map((m) => m.to);
    expect(to).to.include.members(['bestuur@stichting-noord.example.nl', 'bram@71hh.example.nl']);

    // Without the CSRF token: refused, nothing changed.
    const forged = await page.request.post(`${t.baseUrl}/admin/settings/board`, { form: { boardEmail: 'aanvaller@example.com' } });
    expect(forged.status()).to.equal(403);
    expect(await board()).to.equal('bestuur@stichting-noord.example.nl');

    // Emptying the field clears it, as `school board --clear` does.
    await page.goto(`${t.baseUrl}/admin/settings`);
    await page.getByLabel(/^E-mailadres van het bestuur/).fill('');
    await page.getByRole('button', { name: /^Bestuursadres vastleggen/ }).click();
    await page.waitForURL(/saved=board/);
    expect(await board()).to.equal(null);
    expect(await t.hub.db.repositories.audit.list({ schoolId, action: 'school.board_email' })).to.have.length(2);
    expect(problems).to.deep.equal([]);
  });
});

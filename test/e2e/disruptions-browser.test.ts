import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { amsterdamTime } from '../../src/domain/calendar';
import { disruptionDeadlines } from '../../src/domain/disruptions/response-times';
import { formatWhen } from '../../src/domain/maintenance/wording';
import { PagePool, wcagViolations, firstLoginWithTotp } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { ACTOR, createOperators, seedSchool } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * Disruptions (agreement art. 5) in Debian's Chromium, per role: the school's delegate reports one in the
 * management screen; the helpdesk operator sees it in the console with both deadlines (computed by the one
 * rule, response-times.ts), acknowledges it with the public text and gives an estimated repair time; the
 * public status page shows that text and estimate — never the school's own description; the delegate sees
 * each step; resolving clears the status page. The dba and the security officer get no link and 403 on the
 * page and its forms. Every page passes axe-core's WCAG 2.1 A/AA rules.
 */
/** The role refusal as it stands in the served HTML (quotes escaped), not the CSRF refusal. */
const ROLE_REFUSAL = /Hiervoor is de rol (?:'|&#39;|&#x27;)helpdesk(?:'|&#39;|&#x27;) nodig/;

describe('disruptions in a real browser (Debian Chromium): per role, WCAG 2.1 AA', function () {
  let t: TestHub;
  let browser: Browser;
  const pool = new PagePool(() => browser);
  const PASSWORD = 'Console-Lamp-Vijver-8';
  const delegate = { username: 'beheer.61gg', password: 'Sleutelbos-Fiets-91' };
  const local = (d: Date) => {
    const a = amsterdamTime(d);
    return `${a.day}T${String(a.hour).padStart(2, '0')}:${String(a.minute).padStart(2, '0')}`;
  };

  before(async function () {
    browser = await launchChromium(this);
    t = await startTestHub(this, 'disruptions_browser');
    await seedSchool(t.hub, { brin: '61GG', participant: 'Uitgeverij S' });
    const school = (await t.hub.db.repositories.schools.findByBrin('61GG'))[0]!;
    const { person } = await t.hub.services.accounts.createPersonWithAccount(
      { schoolId: school.id, role: 'delegate', firstName: 'Ilse', lastName: 'Beheer', staffEmail: 'ilse@61gg.example.nl' },
      delegate.username,
      delegate.password,
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
        ['hanna.ops', ['helpdesk']],
        ['dirk.ops', ['dba']],
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

  it('delegate reports, helpdesk sees the deadlines, acknowledges and estimates; /status shows the public text and estimate; the delegate follows it', async () => {
    const problems: string[] = [];
    const check = async (page: Page, what: string) => problems.push(...(await wcagViolations(page)).violations.map((v) => `${what}: ${v}`));
    const DESCRIPTION = 'Juf Anna van groep 5 kan niet <b>inloggen</b> sinds 8 uur';

    // The delegate reports from the management screen; an empty report is refused beside the form.
    const admin = await loggedIn(delegate.username, delegate.password, /\/(portal|admin)/);
    await admin.goto(`${t.baseUrl}/admin`);
    await admin.getByRole('link', { name: /^Storingen/ }).click();
    await admin.waitForURL(`${t.baseUrl}/admin/disruptions`);
    expect(await admin.locator('main').textContent()).to.contain('Nog geen meldingen');
    await check(admin, '/admin/disruptions (empty)');
    await admin.getByLabel(/^Wat gaat er mis/).fill('   ');
    await admin.getByRole('button', { name: /^Melden/ }).click();
    await admin.waitForLoadState();
    expect(await admin.locator('#error').textContent()).to.contain('ontbreekt');
    await check(admin, '/admin/disruptions (refused)');
    expect(await t.hub.db.repositories.disruptions.listOpen()).to.have.length(0);
    await admin.getByLabel(/^Wat gaat er mis/).fill(DESCRIPTION);
    await admin.getByRole('button', { name: /^Melden/ }).click();
    await admin.waitForURL(/saved=1/);
    expect(await admin.locator('#disruptions').textContent())
      .to.contain(DESCRIPTION)
      .and.contain('ontvangen');
    await check(admin, '/admin/disruptions (reported)');
    const [report] = await t.hub.db.repositories.disruptions.listOpen();
    expect(report!.channel).to.equal('admin');

    // The helpdesk operator sees it with both deadlines in office time.
    const ops = await loggedIn('hanna.ops', PASSWORD, new RegExp(`${t.baseUrl}/ops$`));
    await ops.getByRole('link', { name: /^Storingen/ }).click();
    await ops.waitForURL(`${t.baseUrl}/ops/disruptions`);
    const row = ops.locator(`#report-${report!.id}`);
    const due = disruptionDeadlines({ reportedAt: report!.reportedAt, acknowledgedAt: null, estimateGivenAt: null }, new Date());
    let cells = await row.locator('td').allTextContents();
    expect(cells[0]).to.contain('School 61GG (61GG)').and.contain('beheerscherm').and.contain(DESCRIPTION);
    expect(cells[1]).to.contain(formatWhen(due.acknowledgeBy, 'nl'));
    expect(cells[2]).to.contain(formatWhen(due.estimateBy, 'nl'));
    await check(ops, '/ops/disruptions (reported)');

    // Acknowledge with the text the public sees: the status page shows it, with the repair time to follow.
    await row.getByLabel(/Tekst voor de statuspagina \(NL\)/).fill('Inloggen met wachtwoord lukt soms niet');
    await row.getByLabel(/Tekst voor de statuspagina \(EN\)/).fill('Password logins sometimes fail');
    await row.getByRole('button', { name: /^Bevestigen/ }).click();
    await ops.waitForURL(/done=1/);
    const acknowledged = (await t.hub.db.repositories.disruptions.listOpen())[0]!;
    expect(acknowledged.acknowledgedAt).to.be.instanceOf(Date);
    const afterAck = disruptionDeadlines(acknowledged, new Date());
    cells = await ops.locator(`#report-${report!.id} td`).allTextContents();
    expect(cells[1]).to.contain('op tijd');
    expect(cells[2], 'the estimate is due 90 office minutes after the acknowledgement').to.contain(formatWhen(afterAck.estimateBy, 'nl'));
    await check(ops, '/ops/disruptions (acknowledged)');

    const visitor = await pool.newPage();
    await visitor.goto(`${t.baseUrl}/status`);
    let status = (await visitor.locator('#disruptions').textContent())!;
    expect(status)
      .to.contain('Inloggen met wachtwoord lukt soms niet')
      .and.contain('Password logins sometimes fail')
      .and.contain('hersteltijd volgt');
    expect(await visitor.locator('body').textContent(), "the school's own words stay private").to.not.contain('Juf Anna');
    await check(visitor, '/status (acknowledged)');

    await admin.reload();
    expect(await admin.locator('#disruptions').textContent()).to.contain('in behandeling');
    await check(admin, '/admin/disruptions (acknowledged)');

    // The estimated repair time: the console, the status page and the delegate show it.
    const repairAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 3 * 3_600_000);
    await ops.getByLabel(/^Verwacht herstel/).fill(local(repairAt));
    await ops.getByRole('button', { name: /^Hersteltijd geven/ }).click();
    await ops.waitForURL(/done=1/);
    const estimated = (await t.hub.db.repositories.disruptions.listOpen())[0]!;
    expect(estimated.estimatedRepairAt!.toISOString()).to.equal(repairAt.toISOString());
    expect(await ops.locator(`#report-${report!.id}`).textContent()).to.contain(
      `verwacht herstel / expected repair: ${formatWhen(repairAt, 'nl')}`,
    );
    await check(ops, '/ops/disruptions (estimated)');

    await visitor.goto(`${t.baseUrl}/status?after=estimate`);
    status = (await visitor.locator('#disruptions').textContent())!;
    expect(status)
      .to.contain(`verwacht herstel: ${formatWhen(repairAt, 'nl')}`)
      .and.contain(`expected repair: ${formatWhen(repairAt, 'en')}`)
      .and.not.contain('hersteltijd volgt');
    expect(await visitor.locator('body').textContent()).to.not.contain('Juf Anna');
    await check(visitor, '/status (estimated)');

    await admin.reload();
    const mine = (await admin.locator('#disruptions').textContent())!;
    expect(mine)
      .to.contain('verwacht herstel')
      .and.contain(String(amsterdamTime(repairAt).minute).padStart(2, '0'));
    await check(admin, '/admin/disruptions (estimated)');
    const mails = (await t.hub.db.repositories.outbox.list()).filter((m) => m.to === 'ilse@61gg.example.nl').map((m) => m.subject);
    expect(mails).to.include.members([
      'Leerpoort: storingsmelding ontvangen / disruption report received',
      'Leerpoort: verwachte hersteltijd / estimated repair time',
    ]);

    // Resolved: gone from the console and the status page, "opgelost" for the delegate.
    await ops
      .locator(`#report-${report!.id}`)
      .getByRole('button', { name: /^Opgelost/ })
      .click();
    await ops.waitForURL(/done=1/);
    expect(await ops.locator('main').textContent()).to.contain('Geen open meldingen');
    await visitor.goto(`${t.baseUrl}/status?after=resolve`);
    expect(await visitor.locator('#disruptions').textContent()).to.contain('Geen storingen');
    await admin.reload();
    expect(await admin.locator('#disruptions').textContent()).to.contain('opgelost');
    await check(ops, '/ops/disruptions (resolved)');
    expect(problems).to.deep.equal([]);
  });

  for (const [username, role] of [
    ['dirk.ops', 'dba'],
    ['sanne.ops', 'security_officer'],
  ] as const)
    it(`a ${role} operator sees no disruptions link and is refused the page and its forms (403)`, async () => {
      const open = await t.hub.services.disruptions.recordCall('61GG', `Belt over QR-kaarten (${role})`, ACTOR);
      const page = await loggedIn(username, PASSWORD, new RegExp(`${t.baseUrl}/ops$`));
      expect(await page.getByRole('link', { name: /^Storingen/ }).count()).to.equal(0);
      expect((await wcagViolations(page)).violations).to.deep.equal([]);
      const res = await page.goto(`${t.baseUrl}/ops/disruptions`);
      expect(res!.status()).to.equal(403);
      expect(await page.locator('main').textContent()).to.match(ROLE_REFUSAL);
      expect((await wcagViolations(page)).violations).to.deep.equal([]);
      await page.goto(`${t.baseUrl}/ops`);
      const csrf = (await page.locator('input[name=_csrf]').first().getAttribute('value'))!;
      const ack = await page.request.post(`${t.baseUrl}/ops/disruptions/${open.id}/acknowledge`, {
        form: { _csrf: csrf, nl: 'Niets aan de hand', en: 'Nothing wrong' },
      });
      expect(ack.status()).to.equal(403);
      expect(await ack.text(), 'refused for the role, not for the CSRF token').to.match(ROLE_REFUSAL);
      const call = await page.request.post(`${t.baseUrl}/ops/disruptions`, { form: { _csrf: csrf, brin: '61GG', description: 'x' } });
      expect(call.status()).to.equal(403);
      expect(await call.text()).to.match(ROLE_REFUSAL);
      const stored = (await t.hub.db.repositories.disruptions.listOpen()).filter((d) => d.schoolId === open.schoolId);
      expect(stored.map((d) => d.id)).to.deep.equal([open.id]);
      expect(stored[0]!.acknowledgedAt).to.equal(null);
      await t.hub.services.disruptions.resolve(open.id, ACTOR);
    });
});

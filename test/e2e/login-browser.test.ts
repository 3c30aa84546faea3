import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { ACTOR, seedSchool, type SeededSchool } from '../support/federation';
import { launchChromium } from '../support/chromium';
import { PagePool, passwordLogin, totpCode } from '../support/browser-pages';
import { startTestHub, type TestHub } from '../support/hub';

describe('login in a real browser (Debian Chromium): two-step verification, sessions, portal', function () {
  let t: TestHub;
  let browser: Browser;
  let school: SeededSchool;
  const pool = new PagePool(() => browser);
  let totpSecret = '';
  const delegate = { username: 'beheer.11aa', password: 'Sleutelbos-Fiets-91' };

  before(async function () {
    browser = await launchChromium(this);
    t = await startTestHub(this, 'login_browser');
    school = await seedSchool(t.hub, { brin: '11AA', participant: 'Uitgeverij L' });
    const repos = t.hub.db.repositories;
    const s11 = (await repos.schools.findByBrin('11AA'))[0]!;
    const { person } = await t.hub.services.accounts.createPersonWithAccount(
      { schoolId: s11.id, role: 'delegate', firstName: 'Bea', lastName: 'Heer', staffEmail: 'bea@11aa.example.nl' },
      delegate.username,
      delegate.password,
      ACTOR,
    );
    const g6 = (await repos.groups.findByLasKey(s11.id, 'G6'))!;
    await repos.groups.addMember({ groupId: g6.id, personId: person.id, roleInGroup: 'teacher' });
    await t.hub.services.participants.addProduct(
      'Uitgeverij L',
      { name: 'Docentenportaal', launchUrl: 'https://example.invalid/docent', isTeacherApp: true },
      ACTOR,
    );
    await t.hub.services.licences.grant({ brin: '11AA', productName: 'Docentenportaal', target: { all: true } }, ACTOR);
  });
  afterEach(async function () {
    await pool.afterEach(this);
  });
  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  const newPage = () => pool.newPage();

  const passwordStep = (page: Page, username: string, password: string) => passwordLogin(page, t.baseUrl, username, password);

  const codeAt = (offsetSteps: number) => totpCode(totpSecret, offsetSteps);

  it('a delegate must set up TOTP at first login (QR code + key), gets recovery codes, then the portal', async () => {
    const page = await newPage();
    await passwordStep(page, delegate.username, delegate.password);
    await expect(page.url()).to.contain('/login/2fa/setup');
    expect(await page.locator('img[alt*="QR"]').getAttribute('src')).to.match(/^data:image\/png;base64,/);
    totpSecret = (await page.locator('#totp-secret').textContent())!.trim();
    expect(totpSecret).to.match(/^[A-Z2-7]{32}$/);
    await page.getByLabel('Code').fill('000000');
    await page.getByRole('button', { name: /Bevestigen/ }).click();
    expect(await page.locator('[role=alert]').textContent()).to.contain('Onjuiste code');
    enrolmentCode = codeAt(0);
    await page.getByLabel('Code').fill(enrolmentCode);
    await page.getByRole('button', { name: /Bevestigen/ }).click();
    const codes = await page.locator('#recovery-codes code').allTextContents();
    expect(codes).to.have.length(10);
    await page.getByRole('link', { name: /Verder/ }).click();
    expect(page.url()).to.equal(`${t.baseUrl}/portal`);
    expect(await page.locator('#tiles').textContent())
      .to.contain('Docentenportaal')
      .and.contain('Uitgeverij L Rekenen');
    const stored = JSON.stringify([
      ...(await t.hub.db.dataSource.query('SELECT totp_secret_enc FROM credentials WHERE totp_enabled')),
      ...(await t.hub.db.dataSource.query('SELECT lookup, code_hash FROM recovery_codes')),
    ]);
    expect(stored).to.contain('$argon2id$');
    expect(stored).not.to.contain(totpSecret).and.not.to.contain(codes[0]);
    recovery = codes;
  });

  let recovery: string[] = [];
  let enrolmentCode = '';

  it('next login asks for the code: a wrong and a replayed code are refused, a fresh one and a recovery code (once) work', async () => {
    const page = await newPage();
    await passwordStep(page, delegate.username, delegate.password);
    expect(page.url()).to.contain('/login/2fa');
    await page.getByLabel('Code').fill('123456');
    await page.getByRole('button', { name: /Bevestigen/ }).click();
    expect(await page.locator('[role=alert]').textContent()).to.contain('Onjuiste code');
    // The very code used at the enrolment (not "the code of now": a 30-second step may have passed since).
    await page.getByLabel('Code').fill(enrolmentCode);
    await page.getByRole('button', { name: /Bevestigen/ }).click();
    expect(await page.locator('[role=alert]').textContent(), 'the enrolment code again').to.contain('al gebruikt');
    await page.getByLabel('Code').fill(codeAt(1));
    await page.getByRole('button', { name: /Bevestigen/ }).click();
    // The click returns once the form is sent; on a busy machine the redirect may still be under way.
    await page.waitForURL(`${t.baseUrl}/portal`, { timeout: 10_000 }).catch(() => undefined);
    expect(page.url()).to.equal(`${t.baseUrl}/portal`);

    const second = await newPage();
    await passwordStep(second, delegate.username, delegate.password);
    await second.getByLabel('Code').fill(recovery[0]!);
    await second.getByRole('button', { name: /Bevestigen/ }).click();
    // The click returns once the form is sent; on a busy machine the redirect may still be under way.
    await second.waitForURL(`${t.baseUrl}/portal`, { timeout: 10_000 }).catch(() => undefined);
    expect(second.url()).to.equal(`${t.baseUrl}/portal`);
    const third = await newPage();
    await passwordStep(third, delegate.username, delegate.password);
    await third.getByLabel('Code').fill(recovery[0]!);
    await third.getByRole('button', { name: /Bevestigen/ }).click();
    expect(await third.locator('[role=alert]').textContent(), 'recovery code used twice').to.contain('Onjuiste code');
  });

  it('a pupil sees only licensed tiles, never teacher apps; no 2FA for pupils', async () => {
    const page = await newPage();
    await passwordStep(page, school.pupil.username, school.pupil.password);
    expect(page.url()).to.equal(`${t.baseUrl}/portal`);
    const tiles = await page.locator('#tiles').textContent();
    expect(tiles).to.contain('Uitgeverij L Rekenen').and.not.to.contain('Docentenportaal');
  });

  it('an idle session expires: the next page is the login with a notice', async () => {
    const page = await newPage();
    await passwordStep(page, school.teacher.username, school.teacher.password);
    expect(page.url()).to.equal(`${t.baseUrl}/portal`);
    // Let the page's own requests (stylesheet, pictures) finish first: one still in flight could save
    // the session it loaded before the clock is turned back below.
    await page.waitForLoadState('networkidle');
    const sid = decodeURIComponent((await page.context().cookies()).find((c) => c.name === 'leerpoort.sid')!.value)
      .slice(2)
      .split('.')[0]!;
    await t.hub.db.dataSource.query(
      `UPDATE sessions SET data = jsonb_set(data, '{lastSeenAt}', to_jsonb((now() - interval '2 hours')::text)) WHERE sid = $1`,
      [sid],
    );
    await page.goto(`${t.baseUrl}/portal`);
    expect(page.url()).to.contain('/login');
    expect(await page.locator('[role=alert]').textContent()).to.contain('niet actief');
  });

  it('shows active sessions and logs out everywhere', async () => {
    const a = await newPage();
    const b = await newPage();
    for (const p of [a, b]) await passwordStep(p, school.teacher.username, school.teacher.password);
    await a.goto(`${t.baseUrl}/account/sessions`);
    expect(await a.locator('#sessions tbody tr').count()).to.be.greaterThanOrEqual(2);
    await a.getByRole('button', { name: /Overal uitloggen/ }).click();
    expect(a.url()).to.contain('/login');
    await b.goto(`${t.baseUrl}/portal`);
    expect(b.url(), 'the other browser is logged out too').to.contain('/login');
  });
});

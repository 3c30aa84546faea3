import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { PagePool } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { seedSchool, type SeededSchool } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';
import { addOidcClient } from '../support/oidc';
import { startOidcDemoClient } from '../support/oidc-demo-client';

const OUTPUT = path.resolve(__dirname, '../../../test-output');

/**
 * A pupil logs in to a small OpenID Connect relying party (openid-client, test/support/oidc-demo-client.ts)
 * through the hub's own login page, in Debian's Chromium: the code flow with PKCE over real HTTP, the
 * client's callback shows the released claims.
 */
describe('OpenID Connect in a real browser (Debian Chromium): a pupil logs in to an OIDC demo client', function () {
  this.timeout(120_000);
  let t: TestHub;
  let browser: Browser;
  let school: SeededSchool;
  let demo: Awaited<ReturnType<typeof startOidcDemoClient>>;
  const pool = new PagePool(() => browser);

  before(async function () {
    browser = await launchChromium(this);
    t = await startTestHub(this, 'oidc_browser');
    school = await seedSchool(t.hub, { brin: '41OI', participant: 'Uitgeverij OIDC Demo' });
    const participantId = (await t.hub.db.repositories.participants.findByName('Uitgeverij OIDC Demo'))!.id;
    demo = await startOidcDemoClient(t.baseUrl, (redirectUri, postLogoutRedirectUri) =>
      addOidcClient(t.hub, participantId, { redirectUris: [redirectUri], postLogoutRedirectUris: [postLogoutRedirectUri] }),
    );
  });
  afterEach(async function () {
    await pool.afterEach(this);
  });
  after(async () => {
    await demo?.close();
    await browser?.close();
    await t?.stop();
  });

  it('logs the pupil in through the hub login page, hands the client exactly the released claims, and logs out at the client', async () => {
    const page = await pool.newPage();
    await page.goto(demo.url);
    await page.getByRole('link', { name: 'Inloggen via Leerpoort' }).click();
    await page.waitForURL((u) => u.href.startsWith(`${t.baseUrl}/login`));
    await page.getByLabel(/Gebruikersnaam/).fill(school.pupil.username);
    await page.getByLabel(/Wachtwoord/).fill(school.pupil.password);
    await page.getByRole('button', { name: /Inloggen/ }).click();
    await page.waitForURL((u) => u.href.startsWith(`${demo.url}/cb`));
    expect(await page.locator('h1').textContent()).to.equal('Welkom, Fenna');
    const claim = (name: string) => page.locator(`[data-claim="${name}"]`).textContent();
    expect(await claim('family_name')).to.equal('Horst');
    expect(await claim('infix')).to.equal('ter');
    expect(await claim('brin')).to.equal('41OI');
    expect(await claim('groups')).to.equal('["Groep 6"]');
    expect(await claim('roles')).to.equal('["student","member"]');
    expect(await claim('sub')).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(await page.locator('[data-claim="birthdate"]').count()).to.equal(0);
    fs.mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, 'oidc-demo-client.png'), fullPage: true });

    // Logged in at the hub now: a second login at the client needs no password.
    await page.goto(demo.url);
    await page.getByRole('link', { name: 'Inloggen via Leerpoort' }).click();
    await page.waitForURL((u) => u.href.startsWith(`${demo.url}/cb`));
    expect(await page.locator('h1').textContent()).to.equal('Welkom, Fenna');

    // RP-initiated logout: the hub asks, the pupil confirms, the browser comes back to the client.
    await page.getByRole('link', { name: 'Uitloggen' }).click();
    await page.getByRole('button', { name: /Ja, uitloggen/ }).click();
    await page.waitForURL((u) => u.href.startsWith(`${demo.url}/bye`));
    expect(await page.locator('#state').textContent()).to.equal('bye');
    await page.goto(`${t.baseUrl}/portal`);
    expect(new URL(page.url()).pathname, 'the hub session ended too').to.equal('/login');
  });
});

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SAML } from '@node-saml/node-saml';
import { expect } from 'chai';
import type { Browser as Chromium, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { enrolTotp, PagePool, passwordLogin, wcagViolations } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { ACTOR, registerSp, seedSchool, testSpKeys, type SeededSchool } from '../support/federation';
import { Browser, startTestHub, type TestHub } from '../support/hub';

const OUTPUT = path.resolve(__dirname, '../../../test-output');
const TABLET = { width: 768, height: 1024 };
const PHONE = { width: 375, height: 667 };

/** "Mijn Leerpoort" as tiles in Debian Chromium: order (school, then use), keyboard, axe-core, tablet and phone. */
describe('portal "Mijn Leerpoort" as tiles in a real browser (Debian Chromium)', function () {
  let t: TestHub;
  let chromium: Chromium;
  let school: SeededSchool;
  let empty: SeededSchool;
  const pool = new PagePool(() => chromium);
  const ids: Record<string, string> = {};
  const delegate = { username: 'beheer.61pp', password: 'Sleutelbos-Fiets-91' };
  let schoolId = '';
  let adminContext: BrowserContext;
  let admin: Page;

  const shot = async (page: Page, name: string) => {
    fs.mkdirSync(OUTPUT, { recursive: true });
    const file = path.join(OUTPUT, name);
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(`      screenshot: ${file}\n`);
  };
  const tileNames = (page: Page) => page.locator('#tiles .tile-name').allTextContents();
  const pupilPage = async (size: { width: number; height: number }) => {
    const page = await pool.newPage();
    await page.setViewportSize(size);
    await passwordLogin(page, t.baseUrl, school.pupil.username, school.pupil.password);
    await page.waitForURL(`${t.baseUrl}/portal`);
    return page;
  };
  /** Columns of the tile grid: distinct left edges of the tiles. */
  const columns = async (page: Page) =>
    new Set(await page.locator('#tiles > li').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)))).size;
  const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  before(async function () {
    chromium = await launchChromium(this);
    t = await startTestHub(this, 'portal_tiles');
    const s = t.hub.services;
    const repos = t.hub.db.repositories;
    school = await seedSchool(t.hub, { brin: '61PP', participant: 'Uitgeverij T' });
    empty = await seedSchool(t.hub, { brin: '62QQ', participant: 'Uitgeverij Leeg', licence: false });
    schoolId = (await repos.schools.findByBrin('61PP'))[0]!.id;
    for (const [name, extra] of [
      ['Taalkist', {}],
      ['Aardrijkskunde Atlas', {}],
      ['Docentenportaal', { isTeacherApp: true }],
    ] as const) {
      const product = await s.participants.addProduct(
        'Uitgeverij T',
        { name, launchUrl: 'https://example.invalid/start', ...extra },
        ACTOR,
      );
      ids[name] = product.id;
      await s.licences.grant({ brin: '61PP', productName: name, participantName: 'Uitgeverij T', target: { all: true } }, ACTOR);
    }
    ids['Uitgeverij T Rekenen'] = (await repos.products.findByName(
      (await repos.participants.findByName('Uitgeverij T'))!.id,
      'Uitgeverij T Rekenen',
    ))!.id;
    // Taalkist launches through the hub (IdP-initiated SSO); the others are links to the publisher.
    const keys = await testSpKeys();
    const sp = new SAML({
      entryPoint: `${t.baseUrl}/saml/sso`,
      issuer: 'https://sp.uitgeverij-t.example/saml',
      callbackUrl: 'http://127.0.0.1:9/t/acs',
      idpCert: t.hub.secrets.samlSigning.certificatePem,
      audience: 'https://sp.uitgeverij-t.example/saml',
    });
    await registerSp(t.hub, 'Uitgeverij T', sp.generateServiceProviderMetadata(null, keys.signing.certificatePem), {
      attributes: ['givenName'],
      allowUnsolicited: true,
      products: ['Taalkist'],
    });
    // Icons as the hub stores them at registration (fetching is test/e2e/product-icons.test.ts's subject).
    const icon = (rgb: [number, number, number]) => {
      const png = new PNG({ width: 64, height: 64 });
      for (let i = 0; i < png.data.length; i += 4) png.data.set([...rgb, 255], i);
      const data = PNG.sync.write(png);
      return { contentType: 'image/png' as const, data, sha256: crypto.createHash('sha256').update(data).digest('hex') };
    };
    await repos.productIcons.put(ids.Taalkist!, { ...icon([214, 69, 65]), sourceUrl: 'https://example.invalid/taal.png' });
    await repos.productIcons.put(ids['Aardrijkskunde Atlas']!, { ...icon([46, 139, 87]), sourceUrl: 'https://example.invalid/atlas.png' });

    const { person } = await s.accounts.createPersonWithAccount(
      { schoolId, role: 'delegate', lasKey: 'D1', firstName: 'Dirk', lastName: 'Beheer', staffEmail: 'dirk@61pp.example.nl' },
      delegate.username,
      delegate.password,
      ACTOR,
    );
    const version = await s.agreements.publish(
      {
        version: 't-1',
        body: 'Overeenkomst versie t-1 — de volledige tekst van de product- en dienstenovereenkomst.',
        effectiveFrom: new Date(Date.now() - 1000),
      },
      ACTOR,
    );
    await s.agreements.accept((await repos.schools.findById(schoolId))!, version.version.id, person.id, '127.0.0.1');
    adminContext = await chromium.newContext();
    admin = await adminContext.newPage();
    await passwordLogin(admin, t.baseUrl, delegate.username, delegate.password);
    await enrolTotp(admin);
  });
  afterEach(async function () {
    await pool.afterEach(this, [admin]);
  });
  after(async () => {
    await adminContext?.close();
    await chromium?.close();
    await t?.stop();
  });

  it('a pupil lands on large tiles with icons (alphabetical before any use), never teacher apps; real buttons and links; axe-clean on a tablet', async () => {
    const page = await pupilPage(TABLET);
    expect(await tileNames(page)).to.deep.equal(['Aardrijkskunde Atlas', 'Taalkist', 'Uitgeverij T Rekenen']);
    // Taalkist launches through the hub (a POST button with the CSRF token), the others are links.
    const taal = page.getByRole('button', { name: 'Taalkist' });
    expect(await taal.count()).to.equal(1);
    expect(await page.getByRole('link', { name: 'Uitgeverij T Rekenen' }).getAttribute('href')).to.equal('https://example.invalid/start');
    // The icon is decorative (the name is the tile's text) and comes from the hub; a tile without icon shows its initial.
    const img = page.locator(`#tiles img[src="/icons/${ids.Taalkist}"]`);
    expect(await img.getAttribute('alt')).to.equal('');
    expect(await img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).to.equal(64);
    expect(await page.locator('#tiles .tile-initial').allTextContents()).to.deep.equal(['U']);
    const box = (await taal.boundingBox())!;
    expect(box.width, 'large tiles').to.be.at.least(140);
    expect(box.height).to.be.at.least(140);
    expect(await columns(page), 'several tiles in a row on a tablet').to.be.at.least(3);
    expect(await noHorizontalScroll(page)).to.equal(true);
    // Landmarks: banner, main, navigation.
    for (const role of ['banner', 'main', 'navigation'] as const) expect(await page.getByRole(role).count(), role).to.be.at.least(1);
    const { violations } = await wcagViolations(page);
    expect(violations).to.deep.equal([]);
    await shot(page, 'portal-tiles-tablet-768x1024.png');
  });

  it('keyboard: Tab reaches every tile in order with a visible focus ring; Enter on a launch tile starts IdP-initiated SSO', async () => {
    const page = await pupilPage(TABLET);
    const focused: string[] = [];
    for (let i = 0; i < 12 && focused.length < 3; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return el.classList.contains('tile')
          ? { name: el.querySelector('.tile-name')!.textContent, outline: getComputedStyle(el).outlineWidth }
          : null;
      });
      if (info) {
        focused.push(info.name!);
        expect(info.outline, 'focus visible').to.equal('4px');
      }
    }
    expect(focused).to.deep.equal(['Aardrijkskunde Atlas', 'Taalkist', 'Uitgeverij T Rekenen']);
    // Back to Taalkist and press Enter: the hub answers with the SAML form, which the browser posts to the
    // publisher's ACS — caught here (the test's ACS listens nowhere), with the Response the hub signed.
    const posted = new Promise<string>((resolve) => {
      void page.route('http://127.0.0.1:9/**', async (route) => {
        resolve(route.request().postData() ?? '');
        await route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>ACS</title>' });
      });
    });
    await page.getByRole('button', { name: 'Taalkist' }).focus();
    await page.keyboard.press('Enter');
    const form = new URLSearchParams(await posted);
    const xml = Buffer.from(form.get('SAMLResponse') ?? '', 'base64').toString('utf8');
    expect(xml).to.contain('Destination="http://127.0.0.1:9/t/acs"').and.contain('urn:oasis:names:tc:SAML:2.0:status:Success');
  });

  it('by use: the tile a person launches most comes first; launches counted atomically (parallel launches all count)', async () => {
    const http = new Browser();
    await http.passwordLogin(t.baseUrl, school.pupil.username, school.pupil.password);
    const portal = await http.request(`${t.baseUrl}/portal`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(portal.body)![1]!;
    const results = await Promise.all(
      Array.from({ length: 8 }, () => http.request(`${t.baseUrl}/portal/launch/${ids.Taalkist}`, { form: { _csrf: csrf } })),
    );
    expect(results.map((r) => r.status)).to.deep.equal(Array(8).fill(200));
    const counts = await t.hub.db.repositories.portal.launchCounts(school.pupil.personId);
    // 8 here plus the keyboard launch of the previous test.
    expect(counts.get(ids.Taalkist!)).to.equal(9);
    // A refused launch (a product without hub launch) does not count.
    expect((await http.request(`${t.baseUrl}/portal/launch/${ids['Aardrijkskunde Atlas']}`, { form: { _csrf: csrf } })).status).to.equal(
      404,
    );
    expect((await t.hub.db.repositories.portal.launchCounts(school.pupil.personId)).has(ids['Aardrijkskunde Atlas']!)).to.equal(false);
    const page = await pupilPage(PHONE);
    expect(await tileNames(page)).to.deep.equal(['Taalkist', 'Aardrijkskunde Atlas', 'Uitgeverij T Rekenen']);
    expect(await columns(page), 'two tiles in a row on a phone').to.equal(2);
    expect(await noHorizontalScroll(page)).to.equal(true);
    expect((await wcagViolations(page)).violations).to.deep.equal([]);
    await shot(page, 'portal-tiles-phone-375x667.png');
  });

  it('a teacher sees the teacher app marked "Voor leerkrachten"', async () => {
    const page = await pool.newPage();
    await page.setViewportSize(TABLET);
    await passwordLogin(page, t.baseUrl, school.teacher.username, school.teacher.password);
    await page.waitForURL(`${t.baseUrl}/portal`);
    const tile = page.locator('#tiles li', { hasText: 'Docentenportaal' });
    expect(await tile.locator('.badge').textContent())
      .to.contain('Voor leerkrachten')
      .and.contain('For teachers');
    expect(await page.locator('#tiles li', { hasText: 'Taalkist' }).locator('.badge').count()).to.equal(0);
    expect((await wcagViolations(page)).violations).to.deep.equal([]);
  });

  it('the school sets the order in the management screen (audited); the portal follows it; clearing goes back to by use', async () => {
    await admin.goto(`${t.baseUrl}/admin/portal`);
    expect(await admin.locator('#order-state').textContent()).to.contain('op gebruik');
    expect((await wcagViolations(admin)).violations).to.deep.equal([]);
    await admin.getByRole('button', { name: 'Vooraan: Uitgeverij T Rekenen' }).click();
    await admin.getByRole('button', { name: 'Omlaag: Aardrijkskunde Atlas' }).click();
    expect(await admin.locator('#tile-order .tile-order-name').allTextContents()).to.deep.equal([
      'Uitgeverij T Rekenen',
      'Docentenportaal',
      'Aardrijkskunde Atlas',
      'Taalkist',
    ]);
    expect(await admin.locator('#order-state').textContent()).to.contain('volgorde van de school');
    const audit = await t.hub.db.repositories.audit.list({ schoolId, action: 'school.portal_order.set' });
    expect(audit).to.have.length(2);
    expect(audit[0]!.details).to.deep.include({ move: 'down' });

    // The pupil's own use (Taalkist, 9 launches) no longer wins: the school's order does.
    const page = await pupilPage(TABLET);
    expect(await tileNames(page)).to.deep.equal(['Uitgeverij T Rekenen', 'Aardrijkskunde Atlas', 'Taalkist']);

    // Another school's product, or no CSRF token: refused, nothing stored.
    const csrf = (await admin.locator('input[name=_csrf]').first().getAttribute('value'))!;
    const foreign = await admin.request.post(`${t.baseUrl}/admin/portal`, {
      form: { _csrf: csrf, product: '00000000-0000-4000-8000-000000000000', move: 'first' },
      maxRedirects: 0,
    });
    expect(foreign.status()).to.equal(404);
    const forged = await admin.request.post(`${t.baseUrl}/admin/portal`, {
      form: { product: ids.Taalkist!, move: 'first' },
      maxRedirects: 0,
    });
    expect(forged.status()).to.equal(403);
    expect((await t.hub.db.repositories.portal.schoolOrder(schoolId)).get(ids.Taalkist!)).to.equal(3);

    // The launch counts are the pupil's data: the school sees them in the person's record (inzage).
    await admin.goto(`${t.baseUrl}/admin/people/${school.pupil.personId}`);
    expect(await admin.locator('main').textContent()).to.contain('Taalkist: 9');
    await admin.goto(`${t.baseUrl}/admin/portal`);
    await admin.getByRole('button', { name: /Volgorde wissen/ }).click();
    expect(await admin.locator('#order-state').textContent()).to.contain('op gebruik');
    await page.reload();
    expect(await tileNames(page)).to.deep.equal(['Taalkist', 'Aardrijkskunde Atlas', 'Uitgeverij T Rekenen']);
  });

  it('empty state: a pupil without learning materials is told to ask the teacher (NL/EN); axe-clean; tablet and phone', async () => {
    const page = await pool.newPage();
    await page.setViewportSize(PHONE);
    await passwordLogin(page, t.baseUrl, empty.pupil.username, empty.pupil.password);
    await page.waitForURL(`${t.baseUrl}/portal`);
    expect(await page.locator('#tiles').count()).to.equal(0);
    const text = await page.locator('.empty-state').textContent();
    expect(text).to.contain('Vraag je juf of meester').and.contain('Ask your teacher');
    expect((await wcagViolations(page)).violations).to.deep.equal([]);
    expect(await noHorizontalScroll(page)).to.equal(true);
    await shot(page, 'portal-empty-phone-375x667.png');
    await page.setViewportSize(TABLET);
    await shot(page, 'portal-empty-tablet-768x1024.png');
  });
});

"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const calendar_1 = require("../../src/domain/calendar");
const browser_pages_1 = require("../support/browser-pages");
const chromium_1 = require("../support/chromium");
const federation_1 = require("../support/federation");
const hub_1 = require("../support/hub");
/**
 * Maintenance in Debian's Chromium: a platform operator (dba) logs in with password and TOTP, plans a
 * window with the console's form and sees it on the public status page; a helpdesk operator is refused.
 * Every page passes axe-core's WCAG 2.1 A/AA rules, like the hub's other pages.
 */
describe('maintenance console and status page in a real browser (Debian Chromium): per role, WCAG 2.1 AA', function () {
    let t;
    let browser;
    const pool = new browser_pages_1.PagePool(() => browser);
    const local = (d) => {
        const a = (0, calendar_1.amsterdamTime)(d);
        return `${a.day}T${String(a.hour).padStart(2, '0')}:${String(a.minute).padStart(2, '0')}`;
    };
    before(async function () {
        browser = await (0, chromium_1.launchChromium)(this);
        t = await (0, hub_1.startTestHub)(this, 'maint_browser');
        for (const [username, roles] of [
            ['dirk.ops', ['dba']],
            ['hanna.ops', ['helpdesk']],
        ])
            await t.hub.services.accounts.createOperator({ displayName: username, email: `${username}@leerpoort.example`, roles }, username, 'Console-Lamp-Vijver-8', federation_1.ACTOR);
    });
    afterEach(async function () {
        await pool.afterEach(this);
    });
    after(async () => {
        await browser?.close();
        await t?.stop();
    });
    async function operatorPage(username) {
        const page = await pool.newPage();
        await (0, browser_pages_1.passwordLogin)(page, t.baseUrl, username, 'Console-Lamp-Vijver-8');
        await page.waitForURL(/\/login\/2fa\/setup/);
        await (0, browser_pages_1.enrolTotp)(page);
        await page.getByRole('link', { name: /Verder/ }).click();
        await page.waitForURL(`${t.baseUrl}/ops`);
        return page;
    }
    it('a dba plans maintenance with the form; a refusal is shown beside it; the status page shows the window; all pass axe-core', async () => {
        const page = await operatorPage('dirk.ops');
        const problems = [];
        const check = async (what) => problems.push(...(await (0, browser_pages_1.wcagViolations)(page)).violations.map((v) => `${what}: ${v}`));
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
        (0, chai_1.expect)(await page.locator('[role=alert]').textContent())
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
        (0, chai_1.expect)(await page.locator('[role=status]').textContent()).to.contain('Onderhoud gepland');
        (0, chai_1.expect)(await page.locator('#windows').textContent()).to.contain('Nieuwe databaseserver');
        await check('/ops/maintenance (one window)');
        const visitor = await pool.newPage();
        await visitor.goto(`${t.baseUrl}/status`);
        (0, chai_1.expect)(await visitor.locator('#planned').textContent())
            .to.contain('Nieuwe databaseserver')
            .and.to.contain('New database server');
        (0, chai_1.expect)(await visitor.locator('#disruptions').textContent()).to.contain('Geen storingen');
        problems.push(...(await (0, browser_pages_1.wcagViolations)(visitor)).violations.map((v) => `/status: ${v}`));
        (0, chai_1.expect)((await visitor.context().cookies()).map((c) => c.name), 'the status page sets no cookie').to.deep.equal([]);
        (0, chai_1.expect)(problems).to.deep.equal([]);
    });
    it('a helpdesk operator sees no maintenance link and is refused the page', async () => {
        const page = await operatorPage('hanna.ops');
        (0, chai_1.expect)(await page.getByRole('link', { name: /Onderhoud plannen/ }).count()).to.equal(0);
        const res = await page.goto(`${t.baseUrl}/ops/maintenance`);
        (0, chai_1.expect)(res.status()).to.equal(403);
        (0, chai_1.expect)(await page.locator('main').textContent()).to.contain("Hiervoor is de rol 'dba' nodig");
    });
});
//# sourceMappingURL=maintenance-browser.test.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.totpCode = exports.PagePool = void 0;
exports.passwordLogin = passwordLogin;
exports.enrolTotp = enrolTotp;
exports.wcagViolations = wcagViolations;
const otpauth_1 = require("otpauth");
const chromium_1 = require("./chromium");
/** Pages of one browser test suite: each in its own context (own cookies), closed after every test. */
class PagePool {
    browser;
    contexts = [];
    pages = [];
    constructor(browser) {
        this.browser = browser;
    }
    async newPage(opts = {}) {
        const context = await this.browser().newContext(opts.forwardedFor ? { extraHTTPHeaders: { 'X-Forwarded-For': opts.forwardedFor } } : {});
        this.contexts.push(context);
        const page = await context.newPage();
        this.pages.push(page);
        return page;
    }
    /** For afterEach: screenshots when the test failed, then every context closed. */
    async afterEach(ctx, extra = []) {
        await (0, chromium_1.screenshotOnFailure)(ctx, [...extra, ...this.pages]);
        for (const c of this.contexts)
            await c.close();
        this.contexts = [];
        this.pages.length = 0;
    }
}
exports.PagePool = PagePool;
const totpCode = (secret, offsetSteps = 0) => new otpauth_1.TOTP({ secret: otpauth_1.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
});
exports.totpCode = totpCode;
/** The password step of /login, as a user fills it in. */
async function passwordLogin(page, baseUrl, username, password) {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel(/Gebruikersnaam/).fill(username);
    await page.getByLabel(/Wachtwoord/).fill(password);
    await page.getByRole('button', { name: /Inloggen/ }).click();
}
/** On the enrolment page: reads the shown key, confirms with a fresh code; returns the key. */
async function enrolTotp(page) {
    const secret = (await page.locator('#totp-secret').textContent()).trim();
    await page.getByLabel('Code').fill((0, exports.totpCode)(secret));
    await page.getByRole('button', { name: /Bevestigen/ }).click();
    return secret;
}
let axeSource = null;
/**
 * axe-core's WCAG 2.1 A/AA rules on the current page. Injected by the test driver (page.evaluate), so the
 * page's strict Content-Security-Policy stays as it is. Returns "rule (impact, count)" per violation.
 */
async function wcagViolations(page) {
    axeSource ??= (await import('node:fs')).readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
    const result = (await page.evaluate(() => window.axe.run(document, {
        runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
    })));
    return {
        violations: result.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}×)`),
        rulesPassed: result.passes.map((r) => r.id),
    };
}
//# sourceMappingURL=browser-pages.js.map
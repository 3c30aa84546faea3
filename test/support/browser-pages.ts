import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { screenshotOnFailure } from './chromium';

/** Pages of one browser test suite: each in its own context (own cookies), closed after every test. */
export class PagePool {
  private contexts: BrowserContext[] = [];
  readonly pages: Page[] = [];

  constructor(private readonly browser: () => Browser) {}

  async newPage(opts: { forwardedFor?: string } = {}): Promise<Page> {
    const context = await this.browser().newContext(
      opts.forwardedFor ? { extraHTTPHeaders: { 'X-Forwarded-For': opts.forwardedFor } } : {},
    );
    this.contexts.push(context);
    const page = await context.newPage();
    this.pages.push(page);
    return page;
  }

  /** For afterEach: screenshots when the test failed, then every context closed. */
  async afterEach(ctx: Mocha.Context, extra: Page[] = []): Promise<void> {
    await screenshotOnFailure(ctx, [...extra, ...this.pages]);
    for (const c of this.contexts) await c.close();
    this.contexts = [];
    this.pages.length = 0;
  }
}

export const totpCode = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

/** The password step of /login, as a user fills it in. */
export async function passwordLogin(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/Gebruikersnaam/).fill(username);
  await page.getByLabel(/Wachtwoord/).fill(password);
  await page.getByRole('button', { name: /Inloggen/ }).click();
}

/** On the enrolment page: reads the shown key, confirms with a fresh code; returns the key. */
export async function enrolTotp(page: Page): Promise<string> {
  const secret = (await page.locator('#totp-secret').textContent())!.trim();
  await page.getByLabel('Code').fill(totpCode(secret));
  await page.getByRole('button', { name: /Bevestigen/ }).click();
  return secret;
}

/**
 * A first login of someone who must set up a second factor (operators, delegates): password, enrol TOTP
 * with the shown key, "Verder" — then waits until the browser is at `landing` (e.g. the console).
 */
export async function firstLoginWithTotp(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
  landing: string | RegExp,
): Promise<string> {
  await passwordLogin(page, baseUrl, username, password);
  await page.waitForURL(/\/login\/2fa\/setup/);
  const secret = await enrolTotp(page);
  await page.getByRole('link', { name: /Verder/ }).click();
  await page.waitForURL(landing);
  return secret;
}

/**
 * A new page of an operator's first console login (password, TOTP enrolment, `/ops`), with `check(what)`
 * collecting axe-core's WCAG violations of the current page into `problems`.
 */
export async function firstConsoleLogin(pool: PagePool, baseUrl: string, username: string, password: string) {
  const page = await pool.newPage();
  await firstLoginWithTotp(page, baseUrl, username, password, `${baseUrl}/ops`);
  const problems: string[] = [];
  const check = async (what: string) => problems.push(...(await wcagViolations(page)).violations.map((v) => `${what}: ${v}`));
  return { page, problems, check };
}

type AxeResult = { violations: Array<{ id: string; impact: string; nodes: unknown[] }>; passes: Array<{ id: string }> };
let axeSource: string | null = null;

/**
 * axe-core's WCAG 2.1 A/AA rules on the current page. Injected by the test driver (page.evaluate), so the
 * page's strict Content-Security-Policy stays as it is. Returns "rule (impact, count)" per violation.
 */
export async function wcagViolations(page: Page): Promise<{ violations: string[]; rulesPassed: string[] }> {
  axeSource ??= (await import('node:fs')).readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<AxeResult> } }).axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
    }),
  )) as AxeResult;
  return {
    violations: result.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}×)`),
    rulesPassed: result.passes.map((r) => r.id),
  };
}

import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { testEnv } from './env';
import { skippedSuites } from './postgres';

export const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = path.resolve(__dirname, '../../../test-output');

/** Debian's Chromium through playwright-core (no browser download). Skipped without it, unless CI=true. */
/** `extraArgs`: e.g. a fake camera (--use-fake-device-for-media-stream --use-file-for-fake-video-capture=…). */
export async function launchChromium(ctx: Mocha.Context, extraArgs: string[] = []): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    if (testEnv.isCI) throw new Error('CI=true requires Chromium (Debian package chromium)');
    skippedSuites.add(`${ctx.test?.parent?.title ?? 'browser tests'}: ${CHROMIUM} not installed`);
    ctx.skip();
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** After a failed test: a screenshot of each page into test-output/, named after the test. */
export async function screenshotOnFailure(ctx: Mocha.Context, pages: Page[]): Promise<void> {
  if (ctx.currentTest?.state !== 'failed') return;
  fs.mkdirSync(OUTPUT, { recursive: true });
  const base = (ctx.currentTest.fullTitle() ?? 'test').replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
  for (const [i, page] of pages.entries()) {
    const file = path.join(OUTPUT, `${base}-${i}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    process.stdout.write(`      screenshot: ${file}\n`);
  }
}

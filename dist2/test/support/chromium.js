"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CHROMIUM = void 0;
exports.launchChromium = launchChromium;
exports.screenshotOnFailure = screenshotOnFailure;
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const playwright_core_1 = require("playwright-core");
const env_1 = require("./env");
const postgres_1 = require("./postgres");
exports.CHROMIUM = '/usr/bin/chromium';
const OUTPUT = node_path_1.default.resolve(__dirname, '../../../test-output');
/** Debian's Chromium through playwright-core (no browser download). Skipped without it, unless CI=true. */
/** `extraArgs`: e.g. a fake camera (--use-fake-device-for-media-stream --use-file-for-fake-video-capture=…). */
async function launchChromium(ctx, extraArgs = []) {
    if (!node_fs_1.default.existsSync(exports.CHROMIUM)) {
        if (env_1.testEnv.isCI)
            throw new Error('CI=true requires Chromium (Debian package chromium)');
        postgres_1.skippedSuites.add(`${ctx.test?.parent?.title ?? 'browser tests'}: ${exports.CHROMIUM} not installed`);
        ctx.skip();
    }
    return playwright_core_1.chromium.launch({
        executablePath: exports.CHROMIUM,
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
async function screenshotOnFailure(ctx, pages) {
    if (ctx.currentTest?.state !== 'failed')
        return;
    node_fs_1.default.mkdirSync(OUTPUT, { recursive: true });
    const base = (ctx.currentTest.fullTitle() ?? 'test').replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
    for (const [i, page] of pages.entries()) {
        const file = node_path_1.default.join(OUTPUT, `${base}-${i}.png`);
        await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
        process.stdout.write(`      screenshot: ${file}\n`);
    }
}
//# sourceMappingURL=chromium.js.map
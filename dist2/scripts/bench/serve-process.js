"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.startServeProcess = startServeProcess;
exports.stopServeProcess = stopServeProcess;
exports.serveEnv = serveEnv;
exports.loginCookie = loginCookie;
exports.workerRssMiB = workerRssMiB;
exports.printProfileUnderLoad = printProfileUnderLoad;
/** Starting and stopping the README's `serve` as a separate process for the benchmarks. */
const node_child_process_1 = require("node:child_process");
const node_crypto_1 = __importDefault(require("node:crypto"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const node_util_1 = require("node:util");
const field_cipher_1 = require("../../src/crypto/field-cipher");
const browser_1 = require("./browser");
const profile_1 = require("./profile");
const run = (0, node_util_1.promisify)(node_child_process_1.execFile);
const ROOT = node_path_1.default.resolve(__dirname, '../../..');
/** `serve --workers N` with the given environment; resolves once /healthz answers. */
async function startServeProcess(env, workers, extraNodeArgs = []) {
    const child = (0, node_child_process_1.spawn)(process.execPath, [...extraNodeArgs, node_path_1.default.join(ROOT, 'dist/src/cli/main.js'), 'serve', '--workers', String(workers)], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    for (let i = 0; i < 200; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const ok = await fetch(`${env.BASE_URL}/healthz`).then((r) => r.ok, () => false);
        if (ok)
            return child;
        if (child.exitCode !== null)
            throw new Error(`serve exited: ${stderr}`);
    }
    child.kill('SIGKILL');
    throw new Error(`serve did not start: ${stderr}`);
}
/** SIGTERM and wait for the exit (the graceful stop finishes the requests in flight). */
async function stopServeProcess(child) {
    if (child.exitCode !== null)
        return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
}
/** The environment of a `serve` for a benchmark: a random port, fresh keys, the given PostgreSQL. */
function serveEnv(databaseUrl) {
    const port = 30000 + Math.floor(Math.random() * 20000);
    return {
        NODE_ENV: 'test',
        PORT: String(port),
        BASE_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: databaseUrl,
        CERTS_DIR: node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-bench-')),
        DATA_ENCRYPTION_KEY: (0, field_cipher_1.generateKeyringText)(),
        SESSION_SECRET: node_crypto_1.default.randomBytes(48).toString('base64url'),
        LOG_LEVEL: 'warn',
    };
}
/** Logs in with the password form like a browser (form, CSRF token, post); the session cookie. */
async function loginCookie(base, username, password) {
    const page = await fetch(`${base}/login`);
    const first = (0, browser_1.cookieOf)(page, '');
    const csrf = (0, browser_1.csrfOf)(await page.text());
    const res = await fetch(`${base}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: first, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, username, password, return: '/portal' }).toString(),
    });
    await res.arrayBuffer();
    if (res.status !== 303 || res.headers.get('location') !== '/portal')
        throw new Error(`bench login of ${username} failed: HTTP ${res.status}`);
    return (0, browser_1.cookieOf)(res, '')
        .split('; ')
        .find((c) => c.startsWith('leerpoort.sid='));
}
/** Resident memory of the serve primary's workers (MiB each), from the process table. */
async function workerRssMiB(primaryPid) {
    const { stdout } = await run('ps', ['-o', 'pid=,ppid=,rss=', '-e']);
    return stdout
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s+/).map(Number))
        .filter(([, ppid]) => ppid === primaryPid)
        .map(([, , rssKiB]) => rssKiB / 1024);
}
/**
 * BENCH_PROFILE: one worker of `serve` under `load`, with V8's CPU profiler on; prints the profile by
 * area and top functions once the worker has stopped (the profile is written at exit).
 */
async function printProfileUnderLoad(env, load) {
    const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-prof-'));
    const child = await startServeProcess(env, 1, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    try {
        await load();
    }
    finally {
        await stopServeProcess(child);
    }
    const file = node_fs_1.default.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (file)
        console.log((0, profile_1.summariseProfile)(JSON.parse(node_fs_1.default.readFileSync(node_path_1.default.join(dir, file), 'utf8'))));
}
//# sourceMappingURL=serve-process.js.map
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Benchmark (not a test): fresh logins per second against `serve` on every core — the password form
 * (GET /login for the form and its CSRF token, POST /login) and the picture password (the pupil's page,
 * then the pictures) — beside the raw limit measured in the same run: argon2id verifications per second
 * with the hub's own parameters on all cores. Each login verifies one argon2id hash, so
 *
 *   login efficiency = logins/s ÷ raw verifications/s
 *
 *   npm run bench:login          (PostgreSQL at BENCH_DATABASE_URL, default local)
 */
require("reflect-metadata");
const node_os_1 = __importDefault(require("node:os"));
const password_hasher_1 = require("../../src/crypto/password-hasher");
const config_1 = require("../../src/config");
const logger_1 = require("../../src/logger");
const main_1 = require("../../src/main");
const serve_process_1 = require("./serve-process");
const cpu_1 = require("./cpu");
const browser_1 = require("./browser");
const support_1 = require("./support");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ACCOUNTS = 40;
/** argon2id verifications per second with the hub's parameters, as many at once as the cores (and pool) take. */
async function rawVerificationsPerSecond(ms = 4000) {
    const hasher = new password_hasher_1.Argon2idPasswordHasher();
    const hash = await hasher.hash('Bench-Wachtwoord-2026');
    const parallel = Math.max(4, node_os_1.default.availableParallelism() * 2);
    let n = 0;
    const start = performance.now();
    await Promise.all(Array.from({ length: parallel }, async () => {
        while (performance.now() - start < ms) {
            await hasher.verify(hash, 'Bench-Wachtwoord-2026');
            n++;
        }
    }));
    return n / ((performance.now() - start) / 1000);
}
/** One login from a fresh browser: the form (with its CSRF token), then the post; true on success. */
async function passwordLogin(base, username) {
    const page = await fetch(`${base}/login`);
    const cookie = (0, browser_1.cookieOf)(page, '');
    const csrf = (0, browser_1.csrfOf)(await page.text());
    const res = await fetch(`${base}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, username, password: 'Bench-Wachtwoord-2026', return: '/portal' }).toString(),
    });
    await res.arrayBuffer();
    return res.status === 303 && res.headers.get('location') === '/portal';
}
async function pictureLogin(base, pagePath, sequence) {
    const page = await fetch(`${base}${pagePath}`);
    const cookie = (0, browser_1.cookieOf)(page, '');
    const csrf = (0, browser_1.csrfOf)(await page.text());
    const res = await fetch(`${base}${pagePath}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, sequence }).toString(),
    });
    await res.arrayBuffer();
    return res.status === 303;
}
async function loadFor(seconds, concurrency, one) {
    let ok = 0;
    let failed = 0;
    let i = 0;
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
        while (performance.now() - start < seconds * 1000) {
            if (await one(i++).catch(() => false))
                ok++;
            else
                failed++;
        }
    }));
    return { perSecond: ok / ((performance.now() - start) / 1000), ok, failed };
}
/** A load run with the CPU it cost per login: the hub (workers and argon2id threads), PostgreSQL, the rest of the machine. */
async function measured(pid, database, load) {
    const [hub0, pg0, busy0] = [(0, cpu_1.cpuSeconds)(pid), (0, cpu_1.postgresCpuSeconds)(database), (0, cpu_1.machineBusySeconds)()];
    const r = await load();
    const [hub, pg, busy] = [(0, cpu_1.cpuSeconds)(pid) - hub0, (0, cpu_1.postgresCpuSeconds)(database) - pg0, (0, cpu_1.machineBusySeconds)() - busy0];
    const per = (seconds) => (seconds * 1000) / Math.max(1, r.ok + r.failed);
    return { ...r, cpu: `${per(hub).toFixed(1)} / ${per(pg).toFixed(1)} / ${per(busy - hub - pg).toFixed(1)} ms` };
}
async function main() {
    const databaseUrl = await (0, support_1.freshBenchDatabase)(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leerpoort_bench');
    if (!databaseUrl)
        throw new Error('bench:login needs PostgreSQL (BENCH_DATABASE_URL)');
    const env = (0, serve_process_1.serveEnv)(databaseUrl);
    const config = (0, config_1.loadConfig)(env);
    const hub = await (0, main_1.openHub)(config, (0, logger_1.createLogger)(config, 2));
    await hub.db.migrate();
    const actor = { type: 'cli', id: 'bench' };
    const school = await hub.services.schools.add({ brin: '66FF', name: 'Benchschool' }, actor);
    await hub.services.schools.setNetworks('66FF', ['127.0.0.0/8', '::1/128'], actor);
    const pictures = [];
    for (let i = 0; i < ACCOUNTS; i++) {
        await hub.services.accounts.createPersonWithAccount({ schoolId: school.id, role: 'teacher', firstName: `L${i}`, lastName: 'Bench' }, `leerkracht${i}.bench`, 'Bench-Wachtwoord-2026', actor);
        const { person } = await hub.services.accounts.createPersonWithAccount({ schoolId: school.id, role: 'pupil', firstName: `P${i}`, lastName: 'Bench' }, `leerling${i}.bench`, 'Bench-Wachtwoord-2026', actor);
        const { sequence } = await hub.services.pupilLogin.resetPicturePassword(person.id, actor);
        pictures.push({ path: `/login/pictures/${school.id}/pupils/${person.id}`, sequence: sequence.join(',') });
    }
    await hub.close();
    const raw = await rawVerificationsPerSecond();
    const cores = node_os_1.default.availableParallelism();
    const concurrency = cores * 4;
    const server = await (0, serve_process_1.startServeProcess)(env, cores);
    let password;
    let picture;
    try {
        await loadFor(2, concurrency, (i) => passwordLogin(env.BASE_URL, `leerkracht${i % ACCOUNTS}.bench`)); // warm-up
        password = await measured(server.pid, new URL(databaseUrl).pathname.slice(1), () => loadFor(SECONDS, concurrency, (i) => passwordLogin(env.BASE_URL, `leerkracht${i % ACCOUNTS}.bench`)));
        picture = await measured(server.pid, new URL(databaseUrl).pathname.slice(1), () => loadFor(SECONDS, concurrency, (i) => pictureLogin(env.BASE_URL, pictures[i % ACCOUNTS].path, pictures[i % ACCOUNTS].sequence)));
    }
    finally {
        await (0, serve_process_1.stopServeProcess)(server);
    }
    const rawAfter = await rawVerificationsPerSecond();
    const rawMean = (raw + rawAfter) / 2;
    console.log(`Leerpoort login benchmark — ${node_os_1.default.cpus()[0]?.model ?? 'cpu'} × ${cores}, node ${process.version}, PostgreSQL, serve with ${cores} workers, ${concurrency} browsers at once, ${SECONDS} s per run`);
    console.log(`raw argon2id verifications/s on all cores (the hub's parameters; mean of before/after): ${rawMean.toFixed(1)} — ${((node_os_1.default.availableParallelism() * 1000) / rawMean).toFixed(1)} ms of CPU each`);
    console.log(`password logins/s (GET /login + POST /login):           ${password.perSecond.toFixed(1)}   efficiency ${(password.perSecond / rawMean).toFixed(3)}   failed ${password.failed}   CPU per login hub / PostgreSQL / rest ${password.cpu}`);
    console.log(`picture-password logins/s (pupil page + pictures):      ${picture.perSecond.toFixed(1)}   efficiency ${(picture.perSecond / rawMean).toFixed(3)}   failed ${picture.failed}   CPU per login hub / PostgreSQL / rest ${picture.cpu}`);
    console.log('(efficiency = logins/s ÷ raw argon2id verifications/s: each login verifies one hash)');
    if (process.env.BENCH_PROFILE) {
        await (0, serve_process_1.printProfileUnderLoad)(env, () => loadFor(SECONDS, concurrency, (i) => passwordLogin(env.BASE_URL, `leerkracht${i % ACCOUNTS}.bench`)));
    }
}
main().then(() => process.exit(0), (e) => {
    console.error(e);
    process.exit(1);
});
//# sourceMappingURL=login.js.map
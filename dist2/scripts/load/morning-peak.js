"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Load scenario (not a test): the school morning. N schools × M users are written into a fresh
 * PostgreSQL database, `serve` starts on every core, and the share that logs in arrives along the
 * morning curve (curve.ts) — each logs in by their method, opens the portal and 1–3 publishers by SSO.
 * Traffic goes only to the hub on this machine (loopback); the run is bounded by the schedule's count
 * and by its time (window ÷ time factor + a grace period), then stops by itself. Exit code 1 when any
 * error happened or any step's p99 is over the limit.
 *
 *   npm run load:morning-peak                                     (500 × 200, 30 minutes)
 *   npm run load:morning-peak -- --schools 20 --users 50 --time-factor 30
 */
require("reflect-metadata");
const node_crypto_1 = __importDefault(require("node:crypto"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const config_1 = require("../../src/config");
const logger_1 = require("../../src/logger");
const main_1 = require("../../src/main");
const serve_process_1 = require("../bench/serve-process");
const profile_1 = require("../bench/profile");
const support_1 = require("../bench/support");
const curve_1 = require("./curve");
const journey_1 = require("./journey");
const monitor_1 = require("./monitor");
const options_1 = require("./options");
const schedule_1 = require("./schedule");
const population_1 = require("./population");
const report_1 = require("./report");
const seed_1 = require("./seed");
const stats_1 = require("./stats");
/** The summary of the largest profile written (a worker's; the primary's is nearly empty). */
function busiestProfile(dir) {
    const files = node_fs_1.default.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
    const largest = files.sort((a, b) => node_fs_1.default.statSync(node_path_1.default.join(dir, b)).size - node_fs_1.default.statSync(node_path_1.default.join(dir, a)).size)[0];
    if (!largest)
        return 'no CPU profile was written';
    return `${(0, profile_1.summariseProfile)(JSON.parse(node_fs_1.default.readFileSync(node_path_1.default.join(dir, largest), 'utf8')))}\n(main thread only: argon2id runs on its own threads)`;
}
async function seed(opts, env) {
    const config = (0, config_1.loadConfig)(env);
    const hub = await (0, main_1.openHub)(config, (0, logger_1.createLogger)(config, 2));
    try {
        await hub.db.migrate();
        const publishers = await (0, seed_1.seedPublishers)(hub);
        const random = (0, population_1.prng)(opts.seed);
        const plans = Array.from({ length: opts.schools }, (_, i) => (0, population_1.planSchool)(i, opts.usersPerSchool, random));
        const step = Math.max(1, Math.round(opts.schools / 10));
        const users = await (0, seed_1.seedSchools)(hub, plans, (done) => {
            if (done % step === 0 || done === opts.schools)
                process.stderr.write(`  seeded ${done}/${opts.schools} schools\n`);
        });
        return { publishers, users };
    }
    finally {
        await hub.close();
    }
}
async function main() {
    const opts = (0, options_1.parseOptions)(process.argv.slice(2), process.env);
    const databaseUrl = await (0, support_1.freshBenchDatabase)(opts.databaseUrl);
    if (!databaseUrl)
        throw new Error(`the morning-peak scenario needs PostgreSQL at ${opts.databaseUrl} (--database)`);
    const env = (0, serve_process_1.serveEnv)(databaseUrl);
    const curve = { windowSeconds: opts.windowMinutes * 60, sigmaSeconds: opts.sigmaMinutes * 60 };
    const totalUsers = opts.schools * opts.usersPerSchool;
    const t0 = performance.now();
    process.stderr.write(`seeding ${opts.schools} schools × ${opts.usersPerSchool} users into ${new URL(databaseUrl).pathname.slice(1)}…\n`);
    const { publishers, users } = await seed(opts, env);
    const seedSeconds = (performance.now() - t0) / 1000;
    const { plans, drawn } = (0, schedule_1.schedule)(opts, users, curve);
    const part = opts.fromMinute > 0 || opts.untilMinute < opts.windowMinutes;
    const played = ((opts.untilMinute - opts.fromMinute) * 60) / opts.timeFactor;
    const arrivals = plans.length;
    const methods = new Map();
    for (const p of plans)
        methods.set(p.user.method, (methods.get(p.user.method) ?? 0) + 1);
    console.log(`Morning peak — ${node_os_1.default.cpus()[0]?.model ?? 'cpu'} × ${node_os_1.default.availableParallelism()}, node ${process.version}, PostgreSQL, serve with ${opts.workers} workers\n` +
        `${opts.schools} schools × ${opts.usersPerSchool} users = ${totalUsers} (seeded in ${seedSeconds.toFixed(0)} s); ${(opts.share * 100).toFixed(0)} % log in: ${drawn} ` +
        `over ${opts.windowMinutes} min, bell σ ${opts.sigmaMinutes} min` +
        (part ? `; played: minutes ${opts.fromMinute}–${opts.untilMinute} of the window, ${arrivals} arrivals` : '') +
        ` (${[...methods].map(([m, n]) => `${m} ${n}`).join(', ')}), time factor ${opts.timeFactor} → ${(played / 60).toFixed(1)} min of real time\n` +
        `offered logins/s: mean over the window ${((drawn / curve.windowSeconds) * opts.timeFactor).toFixed(1)}, curve peak ${((0, curve_1.peakRate)(curve, drawn) * opts.timeFactor).toFixed(1)} ` +
        `(peak ÷ mean ${(0, curve_1.peakFactor)(curve).toFixed(2)}); SSO 1–3 per login (mean ${(plans.reduce((a, p) => a + p.publishers.length, 0) / Math.max(1, arrivals)).toFixed(2)})`);
    const profileDir = opts.profile ? node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-load-prof-')) : undefined;
    const child = await (0, serve_process_1.startServeProcess)(env, opts.workers, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
    const monitor = new monitor_1.Monitor(child.pid, databaseUrl);
    const recorder = new stats_1.Recorder();
    let exitCode = 1;
    try {
        await monitor.begin();
        const start = performance.now();
        const ctx = {
            base: new URL(env.BASE_URL),
            sps: publishers.map((p) => ({ sp: p.sp, key: node_crypto_1.default.createPrivateKey(p.privateKeyPem) })),
            recorder,
            deadline: start + (played + opts.graceSeconds) * 1000,
        };
        const offeredLogins = plans.map((p) => p.at);
        const offeredSsos = plans.flatMap((p) => p.ssoAt).sort((a, b) => a - b);
        const progress = new report_1.Progress(arrivals, offeredLogins, offeredSsos, recorder, monitor);
        const inFlight = [];
        for (const plan of plans) {
            const wait = start + plan.at * 1000 - performance.now();
            if (wait > 0)
                await new Promise((r) => setTimeout(r, wait));
            if (performance.now() > ctx.deadline)
                break;
            inFlight.push((0, journey_1.runJourney)(plan, ctx).then(() => progress.journeyDone()));
        }
        await Promise.all(inFlight);
        const skipped = arrivals - inFlight.length;
        if (skipped > 0)
            for (let i = 0; i < skipped; i++)
                recorder.error('not started: run past its time limit');
        await monitor.end();
        const { text, passed } = (0, report_1.finalReport)({
            title: `Result (${((performance.now() - start) / 1000).toFixed(0)} s of real time):`,
            playedSeconds: played,
            offered: { login: (0, stats_1.bucketed)(offeredLogins), sso: (0, stats_1.bucketed)(offeredSsos) },
            recorder,
            monitor,
            p99Ms: opts.p99Ms,
        });
        console.log(text);
        exitCode = passed ? 0 : 1;
    }
    finally {
        await monitor.end().catch(() => undefined);
        await (0, serve_process_1.stopServeProcess)(child);
    }
    if (profileDir)
        console.log(busiestProfile(profileDir));
    return exitCode;
}
main().then((code) => process.exit(code), (e) => {
    console.error(e);
    process.exit(2);
});
//# sourceMappingURL=morning-peak.js.map
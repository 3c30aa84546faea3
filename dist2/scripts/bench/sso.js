"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Benchmark (not a test): SSO for a user with a live session against the README's `serve`, on every
 * core, measured the way the SimpleSAMLphp comparison was: signed HTTP-Redirect AuthnRequests, Response
 * and assertion signed (2 RSA-2048 signatures per response), 8 concurrent clients (wrk, a C load
 * generator, on the same machine). Beside it, in the same run, the raw limit: RSA-2048 SHA-256 signatures
 * per second on all cores. The figure of merit:
 *
 *   signature efficiency = responses/s × 2 ÷ raw signs/s (all cores)
 *
 * Then p50/p99 latency at half of the peak rate (an open-loop client), and the hub's CPU per response.
 * For 1 worker and for one per core. With BENCH_PROFILE=1 also a CPU profile of one worker under load,
 * summarised by where the time goes.
 *
 *   npm run bench:sso                  (PostgreSQL at BENCH_DATABASE_URL, default local; needs wrk)
 *   BENCH_SECONDS=20 BENCH_PROFILE=1 npm run bench:sso
 */
require("reflect-metadata");
const node_child_process_1 = require("node:child_process");
const node_fs_1 = __importDefault(require("node:fs"));
const node_http_1 = __importDefault(require("node:http"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const node_util_1 = require("node:util");
const node_worker_threads_1 = require("node:worker_threads");
const secrets_1 = require("../../src/crypto/secrets");
const config_1 = require("../../src/config");
const logger_1 = require("../../src/logger");
const main_1 = require("../../src/main");
const serve_process_1 = require("./serve-process");
const cpu_1 = require("./cpu");
const support_1 = require("./support");
const sp_registration_1 = require("./sp-registration");
const run = (0, node_util_1.promisify)(node_child_process_1.execFile);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const BENCH_SP = { entityId: 'https://bench.example/sp', acs: 'http://127.0.0.1:9/bench/acs' };
/** Raw RSA-2048 SHA-256 signatures per second on every core at once (one thread per core). */
async function rawSignsPerSecond(privateKeyPem, ms = 3000) {
    const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const crypto = require('node:crypto');
    const key = crypto.createPrivateKey(workerData.key);
    const data = crypto.randomBytes(600);
    let n = 0; const start = performance.now();
    while (performance.now() - start < workerData.ms) { crypto.sign('RSA-SHA256', data, key); n++; }
    parentPort.postMessage(n / ((performance.now() - start) / 1000));`;
    const rates = await Promise.all(Array.from({ length: node_os_1.default.availableParallelism() }, () => new Promise((resolve, reject) => new node_worker_threads_1.Worker(code, { eval: true, workerData: { key: privateKeyPem, ms } }).once('message', resolve).once('error', reject))));
    return rates.reduce((a, b) => a + b, 0);
}
/** `count` signed HTTP-Redirect AuthnRequest paths (fresh IDs and IssueInstant), signed on every core. */
async function signedRequestPaths(count, sso, spKey) {
    // Each thread signs with the shared helper (the compiled module beside this one).
    const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const crypto = require('node:crypto');
    const { authnRequestPath } = require(workerData.helper);
    const key = crypto.createPrivateKey(workerData.key); const out = [];
    for (let i = 0; i < workerData.count; i++) out.push(authnRequestPath(workerData.sp, workerData.sso, key));
    parentPort.postMessage(out);`;
    const threads = node_os_1.default.availableParallelism();
    const parts = await Promise.all(Array.from({ length: threads }, () => new Promise((resolve, reject) => new node_worker_threads_1.Worker(code, {
        eval: true,
        workerData: { key: spKey, sso, sp: BENCH_SP, helper: node_path_1.default.join(__dirname, 'saml-sp.js'), count: Math.ceil(count / threads) },
    })
        .once('message', resolve)
        .once('error', reject))));
    return parts.flat();
}
/** CPU seconds used so far by a process and its children (the serve primary and its workers). */
/** wrk (closed loop, CONNECTIONS at once) over the given paths: responses/s, p50/p99 and errors. */
async function wrk(base, cookie, paths, seconds) {
    const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-wrk-'));
    node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'paths'), paths.join('\n'));
    const threads = 2;
    node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'script.lua'), `local paths = {}
     for line in io.lines("${node_path_1.default.join(dir, 'paths')}") do paths[#paths + 1] = line end
     local counter = 0
     function setup(thread) thread:set("tid", counter); counter = counter + 1 end
     local i = 0
     function request()
       local p = paths[(i * ${threads} + tid) % #paths + 1]
       i = i + 1
       return wrk.format("GET", p, { Cookie = "${cookie}" })
     end`);
    const { stdout } = await run('wrk', ['-t', String(threads), '-c', String(CONNECTIONS), '-d', `${seconds}s`, '--latency', '-s', node_path_1.default.join(dir, 'script.lua'), base], { maxBuffer: 1 << 24 });
    node_fs_1.default.rmSync(dir, { recursive: true, force: true });
    const requests = Number(/(\d+) requests in/.exec(stdout)[1]);
    const perSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)[1]);
    const errors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0) +
        Number(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/
            .exec(stdout)
            ?.slice(1)
            .reduce((a, b) => a + Number(b), 0) ?? 0);
    const ms = (label) => {
        const m = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)`).exec(stdout);
        return m ? Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1) : NaN;
    };
    if (requests > paths.length)
        throw new Error(`wrk sent ${requests} requests but only ${paths.length} distinct ones were prepared (replays would be refused)`);
    return { perSecond, requests, errors, p50: ms('50%'), p99: ms('99%') };
}
/** An open-loop client at a fixed rate: the latency a user sees when the hub is not saturated. */
async function fixedRate(base, cookie, paths, rate, seconds) {
    const agent = new node_http_1.default.Agent({ keepAlive: true, maxSockets: 64 });
    const latencies = [];
    let errors = 0;
    const total = Math.min(paths.length, Math.floor(rate * seconds));
    const start = performance.now();
    const inFlight = [];
    for (let i = 0; i < total; i++) {
        const due = start + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0)
            await new Promise((r) => setTimeout(r, wait));
        const sent = performance.now();
        inFlight.push(new Promise((resolve) => {
            node_http_1.default
                .get(`${base}${paths[i]}`, { agent, headers: { cookie } }, (res) => {
                res.resume();
                res.on('end', () => {
                    if (res.statusCode !== 200)
                        errors++;
                    latencies.push(performance.now() - sent);
                    resolve();
                });
            })
                .on('error', () => {
                errors++;
                resolve();
            });
        }));
    }
    await Promise.all(inFlight);
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
    return { rate, sent: total, errors, p50: pct(50), p99: pct(99) };
}
async function main() {
    const databaseUrl = await (0, support_1.freshBenchDatabase)(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leerpoort_bench');
    if (!databaseUrl)
        throw new Error('bench:sso needs PostgreSQL (BENCH_DATABASE_URL): several workers share one database');
    await run('wrk', ['--version']).catch((e) => {
        if (!e.stdout?.includes('wrk'))
            throw new Error('bench:sso needs wrk (Debian package wrk)');
    });
    const env = (0, serve_process_1.serveEnv)(databaseUrl);
    const database = new URL(databaseUrl).pathname.slice(1);
    // Seed once, in this process: a school with a pupil who holds a licence, an activated participant, its SP.
    const config = (0, config_1.loadConfig)(env);
    const hub = await (0, main_1.openHub)(config, (0, logger_1.createLogger)(config, 2));
    await hub.db.migrate();
    const actor = { type: 'cli', id: 'bench' };
    const s = hub.services;
    await s.schools.add({ brin: '77GG', name: 'Benchschool' }, actor);
    await s.schools.setNetworks('77GG', ['127.0.0.0/8', '::1/128'], actor);
    const school = (await hub.db.repositories.schools.findByBrin('77GG'))[0];
    const group = await hub.db.repositories.groups.insert({
        schoolId: school.id,
        lasKey: 'G1',
        name: 'Groep 1',
        yearGroup: 1,
        kind: 'stamgroep',
    });
    const { person } = await s.accounts.createPersonWithAccount({ schoolId: school.id, role: 'pupil', firstName: 'Bench', lastName: 'Leerling' }, 'bench.user', 'bench-pw-1', actor);
    await hub.db.repositories.groups.addMember({ groupId: group.id, personId: person.id, roleInGroup: 'member' });
    await s.participants.add({ name: 'Bench' }, actor);
    await s.participants.addProduct('Bench', { name: 'BenchProduct' }, actor);
    await s.licences.grant({ brin: '77GG', productName: 'BenchProduct', target: { groupKey: 'G1' } }, actor);
    await s.licences.setActivation({ brin: '77GG', participantName: 'Bench', enabled: true }, actor);
    const spKeys = await (0, secrets_1.generateKeyPair)('bench SP');
    await (0, sp_registration_1.registerBenchSp)(hub, 'Bench', BENCH_SP, spKeys.certificatePem, actor);
    const idpKey = hub.secrets.samlSigning.privateKeyPem;
    await hub.close();
    const raw = await rawSignsPerSecond(idpKey);
    const cores = node_os_1.default.availableParallelism();
    const results = [];
    for (const workers of [...new Set([1, cores])]) {
        const child = await (0, serve_process_1.startServeProcess)(env, workers);
        try {
            const cookie = await (0, serve_process_1.loginCookie)(env.BASE_URL, 'bench.user', 'bench-pw-1');
            const sso = `${env.BASE_URL}/saml/sso`;
            await wrk(env.BASE_URL, cookie, await signedRequestPaths(2000, sso, spKeys.privateKeyPem), 2); // warm-up: JIT, caches, connections
            const paths = await signedRequestPaths(Math.ceil(raw * SECONDS * 0.6) + 2000, sso, spKeys.privateKeyPem);
            const [cpu0, pg0, busy0] = [(0, cpu_1.cpuSeconds)(child.pid), (0, cpu_1.postgresCpuSeconds)(database), (0, cpu_1.machineBusySeconds)()];
            const peak = await wrk(env.BASE_URL, cookie, paths, SECONDS);
            const [cpu, pg, busy] = [(0, cpu_1.cpuSeconds)(child.pid) - cpu0, (0, cpu_1.postgresCpuSeconds)(database) - pg0, (0, cpu_1.machineBusySeconds)() - busy0];
            const half = await fixedRate(env.BASE_URL, cookie, await signedRequestPaths(Math.ceil((peak.perSecond / 2) * SECONDS) + 100, sso, spKeys.privateKeyPem), peak.perSecond / 2, SECONDS);
            results.push({
                workers,
                peak,
                half,
                cpuMsPerResponse: (cpu * 1000) / peak.requests,
                pgMsPerResponse: (pg * 1000) / peak.requests,
                restMsPerResponse: ((busy - cpu - pg) * 1000) / peak.requests,
            });
        }
        finally {
            await (0, serve_process_1.stopServeProcess)(child);
        }
    }
    const rawAfter = await rawSignsPerSecond(idpKey);
    const rawMean = (raw + rawAfter) / 2;
    console.log(`Leerpoort SSO benchmark — ${node_os_1.default.cpus()[0]?.model ?? 'cpu'} × ${cores}, node ${process.version}, PostgreSQL, wrk -c ${CONNECTIONS}, ${SECONDS} s per run`);
    console.log(`raw RSA-2048 SHA-256 signatures/s on all ${cores} cores (same run, mean of before/after): ${rawMean.toFixed(0)}`);
    console.log('workers  responses/s  signature efficiency  p50/p99 at peak (ms)  p50/p99 at half (ms)  CPU ms per response: hub / PostgreSQL / rest  errors');
    for (const r of results) {
        const efficiency = (r.peak.perSecond * 2) / rawMean;
        console.log(`${String(r.workers).padStart(7)}  ${r.peak.perSecond.toFixed(0).padStart(11)}  ${efficiency.toFixed(3).padStart(20)}  ${`${r.peak.p50.toFixed(1)} / ${r.peak.p99.toFixed(1)}`.padStart(21)}  ${`${r.half.p50.toFixed(1)} / ${r.half.p99.toFixed(1)}`.padStart(20)}  ${`${r.cpuMsPerResponse.toFixed(2)} / ${r.pgMsPerResponse.toFixed(2)} / ${r.restMsPerResponse.toFixed(2)}`.padStart(44)}  ${r.peak.errors + r.half.errors}`);
    }
    console.log('(signature efficiency = responses/s × 2 signatures ÷ raw signs/s on all cores; the hub shares the cores with PostgreSQL and wrk; rest = wrk and the kernel: loopback TCP)');
    if (process.env.BENCH_PROFILE) {
        await (0, serve_process_1.printProfileUnderLoad)(env, async () => {
            const cookie = await (0, serve_process_1.loginCookie)(env.BASE_URL, 'bench.user', 'bench-pw-1');
            const paths = await signedRequestPaths(Math.ceil(raw * SECONDS * 0.3) + 2000, `${env.BASE_URL}/saml/sso`, spKeys.privateKeyPem);
            await wrk(env.BASE_URL, cookie, paths, SECONDS);
        });
    }
}
main().then(() => process.exit(0), (e) => {
    console.error(e);
    process.exit(1);
});
//# sourceMappingURL=sso.js.map
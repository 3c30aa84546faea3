"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Fuzzing (not a test): runs every parser target on N generated cases (default 1,000,000 each),
 * spread over worker threads, and prints per target the cases, cases/s, failures, the slowest case,
 * heap (retained at start and end after GC, and peak) and peak RSS. The first failing inputs are saved
 * under fuzz-output/ (git-ignored). Exit code 1 when any case failed.
 *
 *   npm run fuzz                                  # all targets, 1,000,000 cases each
 *   npm run fuzz -- --target csv --cases 20000 --seed 7
 *   npm run fuzz -- --target authn-post,edexml --workers 2 --edexml-full-every 500
 *   npm run fuzz -- --cases 50000 --outcomes 15    # also: how the cases ended (which check refused them)
 *   npm run fuzz -- --replay fuzz-output/csv-seed7-case12.json   # run one saved case again
 */
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const node_v8_1 = __importDefault(require("node:v8"));
const node_worker_threads_1 = require("node:worker_threads");
const fast_check_1 = __importDefault(require("fast-check"));
const environment_1 = require("./environment");
const targets_1 = require("./targets");
const OUTPUT_DIR = node_path_1.default.resolve(__dirname, '../../../fuzz-output');
const BATCH = 500;
/** Distinct kinds of problem saved per worker (one input each). */
const SAVE_KINDS = 8;
/** Distinct outcomes and problems counted per worker; beyond, they count as '(other)' — the harness's own memory stays bounded. */
const MAX_KINDS = 500;
function count(counts, kind) {
    const key = kind in counts || Object.keys(counts).length < MAX_KINDS ? kind : '(other)';
    const before = counts[key] ?? 0;
    counts[key] = before + 1;
    return before;
}
const MiB = 1024 * 1024;
function parseOptions(argv) {
    const opts = {
        cases: 1_000_000,
        seed: Date.now() % 2 ** 31,
        targets: [...targets_1.TARGET_NAMES],
        workers: node_os_1.default.availableParallelism(),
        edexmlFullEvery: 1000,
        outcomes: 0,
        replay: null,
    };
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        const value = argv[++i];
        const int = () => {
            const n = Number(value);
            if (!Number.isInteger(n) || n < 1)
                throw new Error(`${flag} needs a positive integer, not '${value ?? ''}'`);
            return n;
        };
        if (flag === '--cases')
            opts.cases = int();
        else if (flag === '--seed')
            opts.seed = int();
        else if (flag === '--workers')
            opts.workers = int();
        else if (flag === '--edexml-full-every')
            opts.edexmlFullEvery = int();
        else if (flag === '--outcomes')
            opts.outcomes = int();
        else if (flag === '--replay') {
            if (!value)
                throw new Error('--replay needs a file saved under fuzz-output/');
            opts.replay = value;
        }
        else if (flag === '--target') {
            const names = (value ?? '').split(',').filter(Boolean);
            const unknown = names.filter((n) => !targets_1.TARGET_NAMES.includes(n));
            if (names.length === 0 || unknown.length)
                throw new Error(`--target must be one or more of ${targets_1.TARGET_NAMES.join(', ')} (comma-separated), not '${value ?? ''}'`);
            opts.targets = names;
        }
        else
            throw new Error(`unknown option ${flag} (options: --cases N, --seed S, --target a,b, --workers W, --edexml-full-every K, --outcomes K, --replay FILE)`);
    }
    return opts;
}
const gc = () => globalThis.gc?.();
const heapUsed = () => node_v8_1.default.getHeapStatistics().used_heap_size;
// ---------------------------------------------------------------------------------------------------
// Worker: one share of one target's cases.
/** The target and what it runs against: PGlite only for the SAML message targets, keys for metadata. */
async function targetFor(name, edexmlFullEvery) {
    if (targets_1.NEEDS_DATABASE.has(name)) {
        const fuzz = await (0, environment_1.openFuzzEnvironment)();
        return { target: (0, targets_1.samlTargets)(fuzz).find((t) => t.name === name), fuzz };
    }
    if (name === 'sp-metadata')
        return { target: (0, targets_1.metadataTarget)((0, environment_1.fuzzEnv)(await (0, environment_1.fuzzKeys)())), fuzz: null };
    if (name === 'edexml')
        return { target: (0, targets_1.edexmlTarget)(edexmlFullEvery), fuzz: null };
    return { target: (0, targets_1.csvTarget)(), fuzz: null };
}
function saveFailure(job, n, target, input, problem, error) {
    node_fs_1.default.mkdirSync(OUTPUT_DIR, { recursive: true });
    const file = node_path_1.default.join(OUTPUT_DIR, `${job.target}-seed${job.seed}-case${n}.json`);
    const err = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
    node_fs_1.default.writeFileSync(file, JSON.stringify({ target: job.target, seed: job.seed, case: n, problem, error: err, input: target.toJson(input) }, null, 2));
    return file;
}
async function workerMain(job) {
    const { target, fuzz } = await targetFor(job.target, job.edexmlFullEvery);
    const result = {
        cases: 0,
        failures: 0,
        slow: 0,
        stalls: 0,
        maxCaseMs: 0,
        heapStart: 0,
        heapEnd: 0,
        heapPeak: 0,
        saved: [],
        firstError: null,
        kinds: {},
        outcomes: {},
    };
    for (let batch = 0; result.cases < job.cases; batch++) {
        const inputs = fast_check_1.default.sample(target.arbitrary, { seed: job.seed + batch * 7919, numRuns: Math.min(BATCH, job.cases - result.cases) });
        for (const input of inputs) {
            const n = result.cases++;
            const t0 = performance.now();
            const outcome = await (0, targets_1.runCase)(target, input);
            const ms = performance.now() - t0;
            result.maxCaseMs = Math.max(result.maxCaseMs, ms);
            let problem = null;
            let kind = '';
            if (outcome.ok)
                count(result.outcomes, outcome.refusal === null ? 'accepted' : (0, targets_1.outcomeKind)(outcome.refusal));
            if (!outcome.ok) {
                result.failures++;
                const e = outcome.error;
                problem = `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
                kind = problem.replace(/'[^']*'|"[^"]*"|\d+/g, '…').slice(0, 120);
            }
            else if (ms > target.slowMs) {
                // Slow only if it is slow again right away: a GC pause or the other threads can stall one run.
                const t1 = performance.now();
                await (0, targets_1.runCase)(target, input);
                const again = performance.now() - t1;
                if (again > target.slowMs) {
                    result.slow++;
                    problem = `took ${ms.toFixed(0)} ms, then ${again.toFixed(0)} ms (limit ${target.slowMs} ms)`;
                    kind = 'slow';
                }
                else
                    result.stalls++;
            }
            if (problem) {
                result.firstError ??= problem;
                const seen = count(result.kinds, kind);
                if (seen === 0 && result.saved.length < SAVE_KINDS)
                    result.saved.push(saveFailure(job, n, target, input, problem, outcome.ok ? null : outcome.error));
            }
        }
        result.heapPeak = Math.max(result.heapPeak, heapUsed());
        if (batch === 1) {
            gc();
            result.heapStart = heapUsed();
        }
        if (fuzz && batch % 20 === 19)
            await fuzz.clearReplayCache();
        node_worker_threads_1.parentPort.postMessage({ type: 'progress', cases: result.cases });
    }
    gc();
    result.heapEnd = heapUsed();
    if (result.heapStart === 0)
        result.heapStart = result.heapEnd;
    await fuzz?.close();
    node_worker_threads_1.parentPort.postMessage({ type: 'done', result });
}
function merge(counts) {
    const all = {};
    for (const c of counts)
        for (const [k, n] of Object.entries(c))
            all[k] = (all[k] ?? 0) + n;
    return all;
}
async function runTarget(name, opts) {
    const started = performance.now();
    const shares = Array.from({ length: opts.workers }, (_, i) => Math.floor(opts.cases / opts.workers) + (i < opts.cases % opts.workers ? 1 : 0)).filter((n) => n > 0);
    const progress = new Array(shares.length).fill(0);
    let rssPeak = process.memoryUsage.rss();
    let rssEarly = 0;
    let rssLate = 0;
    const sampler = setInterval(() => {
        const rss = process.memoryUsage.rss();
        rssPeak = Math.max(rssPeak, rss);
        const done = progress.reduce((a, b) => a + b, 0);
        if (rssEarly === 0 && done >= opts.cases * 0.05)
            rssEarly = rss;
        if (done < opts.cases)
            rssLate = rss;
    }, 250);
    let lastPrint = performance.now();
    const results = await Promise.all(shares.map((cases, index) => new Promise((resolve) => {
        const job = { target: name, cases, seed: opts.seed + index * 1_000_003, index, edexmlFullEvery: opts.edexmlFullEvery };
        const worker = new node_worker_threads_1.Worker(__filename, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
        let done = null;
        worker.on('message', (m) => {
            if (m.type === 'done')
                done = m.result;
            else {
                progress[index] = m.cases;
                if (performance.now() - lastPrint > 15_000) {
                    lastPrint = performance.now();
                    const total = progress.reduce((a, b) => a + b, 0);
                    const secs = (performance.now() - started) / 1000;
                    process.stdout.write(`  ${name}: ${total.toLocaleString('en')} / ${opts.cases.toLocaleString('en')} cases, ${Math.round(total / secs).toLocaleString('en')} cases/s, RSS ${(process.memoryUsage.rss() / MiB).toFixed(0)} MiB\n`);
                }
            }
        });
        const crashed = (why) => ({
            cases: progress[index],
            failures: 1,
            slow: 0,
            stalls: 0,
            maxCaseMs: 0,
            heapStart: 0,
            heapEnd: 0,
            heapPeak: 0,
            saved: [],
            firstError: `worker died: ${why}`,
            kinds: { [`worker died: ${why}`]: 1 },
            outcomes: {},
        });
        worker.on('error', (e) => resolve(done ?? crashed(e.message)));
        worker.on('exit', (code) => resolve(done ?? crashed(`exit code ${code}`)));
    })));
    clearInterval(sampler);
    const sum = (f) => results.reduce((a, r) => a + f(r), 0);
    const max = (f) => Math.max(...results.map(f));
    return {
        target: name,
        cases: sum((r) => r.cases),
        seconds: (performance.now() - started) / 1000,
        failures: sum((r) => r.failures),
        slow: sum((r) => r.slow),
        stalls: sum((r) => r.stalls),
        maxCaseMs: max((r) => r.maxCaseMs),
        heapStart: max((r) => r.heapStart),
        heapEnd: max((r) => r.heapEnd),
        heapPeak: max((r) => r.heapPeak),
        // A short run may end before the sampler saw 5% of it.
        rssEarly: rssEarly || rssLate,
        rssLate,
        rssPeak,
        saved: results.flatMap((r) => r.saved),
        firstError: results.find((r) => r.firstError)?.firstError ?? null,
        kinds: merge(results.map((r) => r.kinds)),
        outcomes: merge(results.map((r) => r.outcomes)),
        ...(name === 'edexml'
            ? {
                note: `EDEXML: every case runs the checks before the schema and the SAX mapping; every ${opts.edexmlFullEvery}th case the full read with the xmllint-wasm schema check`,
            }
            : {}),
    };
}
function printReports(reports, opts) {
    const mib = (b) => `${(b / MiB).toFixed(1)}`;
    const rows = [
        [
            'target',
            'cases',
            'wall s',
            'cases/s',
            'failures',
            'slow',
            'stalls',
            'max case ms',
            'heap start→end MiB',
            'peak heap MiB',
            'RSS 5%→end MiB',
            'peak RSS MiB',
        ],
        ...reports.map((r) => [
            r.target,
            r.cases.toLocaleString('en'),
            r.seconds.toFixed(0),
            Math.round(r.cases / r.seconds).toLocaleString('en'),
            String(r.failures),
            String(r.slow),
            String(r.stalls),
            r.maxCaseMs.toFixed(0),
            `${mib(r.heapStart)} → ${mib(r.heapEnd)}`,
            mib(r.heapPeak),
            `${mib(r.rssEarly)} → ${mib(r.rssLate)}`,
            mib(r.rssPeak),
        ]),
    ];
    const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
    process.stdout.write(`\nseed ${opts.seed}, ${opts.workers} worker thread(s) per target; slow: over the target's limit twice in a row (failures), stalls: once only; heap: per worker (the largest), after GC at start and end, and peak; RSS: the whole process\n`);
    for (const row of rows)
        process.stdout.write(`${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')}\n`);
    for (const r of reports) {
        if (r.note)
            process.stdout.write(`${r.note}\n`);
        if (opts.outcomes) {
            const sorted = Object.entries(r.outcomes).sort((a, b) => b[1] - a[1]);
            process.stdout.write(`${r.target}: ${sorted.length} distinct outcomes; the most frequent:\n`);
            for (const [k, n] of sorted.slice(0, opts.outcomes))
                process.stdout.write(`  ${((100 * n) / r.cases).toFixed(2).padStart(6)}%  ${k}\n`);
        }
        if (!r.firstError)
            continue;
        process.stdout.write(`${r.target}: problems by kind:\n${Object.entries(r.kinds)
            .map(([k, n]) => `  ${String(n).padStart(7)}  ${k}\n`)
            .join('')}`);
        process.stdout.write(r.saved.map((f) => `  saved: ${node_path_1.default.relative(process.cwd(), f)}\n`).join(''));
    }
}
/** Runs one saved case in this process and prints how it ends (the full stack of a crash). */
async function replay(file) {
    const saved = JSON.parse(node_fs_1.default.readFileSync(file, 'utf8'));
    const { target, fuzz } = await targetFor(saved.target, 1);
    process.stdout.write(`replaying ${saved.target} case from ${file} (saved: ${saved.problem})\n`);
    const t0 = performance.now();
    const outcome = await (0, targets_1.runCase)(target, target.fromJson(saved.input));
    const ms = (performance.now() - t0).toFixed(1);
    if (outcome.ok)
        process.stdout.write(`${outcome.refusal === null ? 'accepted' : `refused: ${outcome.refusal}`} (${ms} ms)\n`);
    else
        process.stdout.write(`CRASH (${ms} ms): ${outcome.error instanceof Error ? outcome.error.stack : String(outcome.error)}\n`);
    await fuzz?.close();
    process.exitCode = outcome.ok ? 0 : 1;
}
async function main() {
    let opts;
    try {
        opts = parseOptions(process.argv.slice(2));
    }
    catch (e) {
        process.stderr.write(`fuzz: ${e.message}\n`);
        process.exit(2);
    }
    if (opts.replay)
        return replay(opts.replay);
    if (!globalThis.gc)
        process.stdout.write('(run with node --expose-gc for heap figures after garbage collection)\n');
    process.stdout.write(`fuzzing ${opts.targets.join(', ')}: ${opts.cases.toLocaleString('en')} cases each, seed ${opts.seed}, ${opts.workers} worker(s)\n`);
    const reports = [];
    for (const name of opts.targets) {
        const report = await runTarget(name, opts);
        process.stdout.write(`${name}: ${report.cases.toLocaleString('en')} cases in ${report.seconds.toFixed(0)} s, ${report.failures} failure(s), ${report.slow} slow\n`);
        reports.push(report);
    }
    printReports(reports, opts);
    process.exitCode = reports.some((r) => r.failures > 0 || r.slow > 0) ? 1 : 0;
}
if (node_worker_threads_1.isMainThread) {
    void main();
}
else {
    workerMain(node_worker_threads_1.workerData).catch((e) => {
        process.stderr.write(`fuzz worker: ${e.stack ?? String(e)}\n`);
        process.exit(1);
    });
}
//# sourceMappingURL=run.js.map
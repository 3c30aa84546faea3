"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Measurement (not a test) for the capacity model: database statements, transactions and rows written
 * per login (each method), per portal view and per SSO. The hub runs in this process (one worker), so
 * every statement its pool and change feed send is counted at the node-postgres client; transactions
 * and rows written come from PostgreSQL's statistics (db-activity.ts). Operations run one after another
 * (no group commit across concurrent SSO responses: an upper bound for the SSO's writes).
 *
 *   npm run load:statements                 (K = 40 per operation; LOAD_STATEMENTS_K)
 */
require("reflect-metadata");
const node_crypto_1 = __importDefault(require("node:crypto"));
const pg_1 = require("pg");
const cpu_1 = require("../bench/cpu");
const support_1 = require("../bench/support");
const db_activity_1 = require("./db-activity");
const journey_1 = require("./journey");
const http_client_1 = require("./http-client");
const population_1 = require("./population");
const seed_1 = require("./seed");
const stats_1 = require("./stats");
const K = Number(process.env.LOAD_STATEMENTS_K ?? 40);
/**
 * PostgreSQL 15 backends flush their statistics at most once a second, and one that flushed less than a
 * second ago waits until it has been idle for 10 s: only after that are a phase's counts complete.
 */
const settle = () => new Promise((r) => setTimeout(r, 11_000));
/** Counts every statement node-postgres sends, by its first word. Installed before the hub connects. */
async function countStatements() {
    const counts = new Map();
    const pg = await import('pg');
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (...args) {
        const text = typeof args[0] === 'string' ? args[0] : (args[0]?.text ?? '');
        const word = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'OTHER';
        counts.set(word, (counts.get(word) ?? 0) + 1);
        return original.apply(this, args);
    };
    return counts;
}
async function main() {
    const counts = await countStatements();
    const url = await (0, support_1.freshBenchDatabase)(process.env.LOAD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leerpoort_load_statements');
    if (!url)
        throw new Error('needs PostgreSQL (LOAD_DATABASE_URL)');
    const { hub, server } = await (0, support_1.startBenchHub)(url);
    const database = new URL(url).pathname.slice(1);
    const random = (0, population_1.prng)(7);
    const publishers = await (0, seed_1.seedPublishers)(hub);
    // Enough schools for K TOTP staff (30 % of 10 % of each school's 200 users).
    const plans = Array.from({ length: Math.ceil(K / 5) + 1 }, (_, i) => (0, population_1.planSchool)(i, 200, random));
    const users = await (0, seed_1.seedSchools)(hub, plans, () => undefined);
    const stats = new pg_1.Client({ connectionString: url });
    await stats.connect();
    const ctx = {
        base: new URL(server.url),
        sps: publishers.map((p) => ({ sp: p.sp, key: node_crypto_1.default.createPrivateKey(p.privateKeyPem) })),
        recorder: new stats_1.Recorder(),
        deadline: Number.POSITIVE_INFINITY,
    };
    const measure = async (label, n, one) => {
        await one(n); // warm: caches and JIT, not counted
        await settle();
        const before = await (0, db_activity_1.dbActivity)(stats);
        counts.clear();
        const [cpu0, pg0, t0] = [process.cpuUsage(), (0, cpu_1.postgresCpuSeconds)(database), performance.now()];
        for (let i = 0; i < n; i++)
            await one(i);
        const statements = new Map(counts);
        const cpu = process.cpuUsage(cpu0);
        const [cpuMs, pgMs, wallMs] = [
            (cpu.user + cpu.system) / 1000 / n,
            (((0, cpu_1.postgresCpuSeconds)(database) - pg0) * 1000) / n,
            (performance.now() - t0) / n,
        ];
        await settle();
        const delta = (0, db_activity_1.activityDelta)(before, await (0, db_activity_1.dbActivity)(stats));
        const total = [...statements.values()].reduce((a, b) => a + b, 0);
        const words = [...statements]
            .sort((a, b) => b[1] - a[1])
            .map(([w, c]) => `${w} ${(c / n).toFixed(1)}`)
            .join(', ');
        console.log(`${label.padEnd(34)} ${(total / n).toFixed(1).padStart(5)} statements (${words})`);
        console.log(`${''.padEnd(34)} ${(0, db_activity_1.describePer)(delta, n)}`);
        console.log(`${''.padEnd(34)} ${wallMs.toFixed(1)} ms each; CPU ms each: this process (hub + client) ${cpuMs.toFixed(1)}, PostgreSQL (its backends + background) ${pgMs.toFixed(1)}`);
    };
    const byMethod = (m) => users.filter((u) => u.method === m);
    const browserFor = (i) => new journey_1.Browser(ctx, (0, http_client_1.schoolAddress)(users[i % users.length].school));
    console.log(`Statements per operation — hub in one process on PostgreSQL, ${K} of each, one after another`);
    for (const method of ['password', 'picture', 'card', 'totp']) {
        const pool = byMethod(method);
        await measure(`fresh ${method} login (all its requests)`, Math.min(K, pool.length - 1), (i) => (0, journey_1.login)(new journey_1.Browser(ctx, (0, http_client_1.schoolAddress)(pool[i].school)), pool[i]));
    }
    const b = browserFor(0);
    await (0, journey_1.login)(b, byMethod('password')[K + 1]);
    await measure('portal view', K, () => (0, journey_1.viewPortal)(b));
    await measure('SSO (SP-initiated, signed request)', K, (i) => (0, journey_1.openPublisher)(b, ctx, i % 3));
    await stats.end();
    await server.stop();
    await hub.close();
}
main().then(() => process.exit(0), (e) => {
    console.error(e);
    process.exit(1);
});
//# sourceMappingURL=statements.js.map
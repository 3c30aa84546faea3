"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Monitor = void 0;
/**
 * Watches the machine while the scenario runs: resident memory of the hub's workers, database
 * connections of the hub's database (pg_stat_activity), and CPU seconds of the hub, PostgreSQL, this
 * generator and the whole machine (cpu.ts, from /proc) since the start.
 */
const node_perf_hooks_1 = require("node:perf_hooks");
const pg_1 = require("pg");
const cpu_1 = require("../bench/cpu");
const serve_process_1 = require("../bench/serve-process");
const db_activity_1 = require("./db-activity");
class Monitor {
    hubPid;
    databaseUrl;
    timer;
    client;
    peak = { rssMiB: 0, connections: 0, activeConnections: 0 };
    last = { rssMiB: [], connections: 0, activeConnections: 0 };
    start;
    startActivity;
    /** The CPU figures when the run ended (the wait for the statistics below is not part of it). */
    stopped;
    /**
     * This generator's own event-loop delay: a latency it measures includes the time its callback waited
     * for the generator's thread, which grows when the machine's cores are saturated.
     */
    loopDelay = (0, node_perf_hooks_1.monitorEventLoopDelay)({ resolution: 10 });
    /** The database's transactions and row writes over the run (set by end()). */
    activity;
    database;
    constructor(hubPid, databaseUrl) {
        this.hubPid = hubPid;
        this.databaseUrl = databaseUrl;
        this.database = new URL(databaseUrl).pathname.slice(1);
    }
    cpu() {
        const own = process.cpuUsage();
        return {
            hub: (0, cpu_1.cpuSeconds)(this.hubPid),
            postgres: (0, cpu_1.postgresCpuSeconds)(this.database),
            generator: (own.user + own.system) / 1e6,
            machine: (0, cpu_1.machineBusySeconds)(),
            at: performance.now(),
        };
    }
    /** CPU used since the start, as a share of one core (100 % = one core busy the whole time). */
    cpuSinceStart() {
        const now = this.stopped ?? this.cpu();
        const start = this.start;
        const seconds = (now.at - start.at) / 1000;
        const share = (k) => ((now[k] - start[k]) / Math.max(seconds, 0.001)) * 100;
        return { seconds, hub: share('hub'), postgres: share('postgres'), generator: share('generator'), machine: share('machine') };
    }
    async begin(intervalMs = 2000) {
        this.client = new pg_1.Client({ connectionString: this.databaseUrl });
        await this.client.connect();
        this.loopDelay.enable();
        this.start = this.cpu();
        this.startActivity = await (0, db_activity_1.dbActivity)(this.client);
        await this.sample();
        this.timer = setInterval(() => void this.sample().catch(() => undefined), intervalMs);
    }
    async sample() {
        const rssMiB = await (0, serve_process_1.workerRssMiB)(this.hubPid);
        if (!this.client)
            return;
        const { rows } = await this.client.query(`SELECT count(*) AS total, count(*) FILTER (WHERE state = 'active') AS active
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
        this.last = { rssMiB, connections: Number(rows[0].total), activeConnections: Number(rows[0].active) };
        this.peak.rssMiB = Math.max(this.peak.rssMiB, ...rssMiB);
        this.peak.connections = Math.max(this.peak.connections, this.last.connections);
        this.peak.activeConnections = Math.max(this.peak.activeConnections, this.last.activeConnections);
    }
    /** Takes a last sample and closes the connection; a second call does nothing. */
    async end() {
        if (!this.client)
            return;
        clearInterval(this.timer);
        this.loopDelay.disable();
        this.stopped = this.cpu();
        await this.sample().catch(() => undefined);
        // Backends report their statistics about once a second: let the last ones arrive.
        await new Promise((r) => setTimeout(r, 2000));
        this.activity = (0, db_activity_1.activityDelta)(this.startActivity, await (0, db_activity_1.dbActivity)(this.client));
        const client = this.client;
        this.client = undefined;
        await client.end();
    }
}
exports.Monitor = Monitor;
//# sourceMappingURL=monitor.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Progress = void 0;
exports.finalReport = finalReport;
/** The scenario's printed figures: a line per 10 % of progress, and the final report with its verdict. */
const db_activity_1 = require("./db-activity");
const stats_1 = require("./stats");
const f0 = (n) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const f1 = (n) => (Number.isFinite(n) ? n.toFixed(1) : '–');
function machineLine(monitor) {
    const cpu = monitor.cpuSinceStart();
    const rss = monitor.last.rssMiB.map(f0).join('/');
    return (`RSS per worker ${rss} MiB · DB connections ${monitor.last.connections} (${monitor.last.activeConnections} active) · ` +
        `CPU (% of one core) hub ${f0(cpu.hub)} PostgreSQL ${f0(cpu.postgres)} generator ${f0(cpu.generator)} machine ${f0(cpu.machine)}`);
}
function progressLine(percent, elapsedSeconds, recorder, interval, monitor) {
    const worst = (0, stats_1.stepSummaries)(recorder.latencies).reduce((w, s) => (!w || s.p99 > w.p99 ? s : w), undefined);
    const per = (n) => f1(n / Math.max(interval.seconds, 0.001));
    return (`[${String(percent).padStart(3)} %] ${Math.floor(elapsedSeconds / 60)}:${String(Math.floor(elapsedSeconds % 60)).padStart(2, '0')} · ` +
        `logins/s ${per(interval.logins)} (offered ${per(interval.offeredLogins)}) · SSO/s ${per(interval.ssos)} (offered ${per(interval.offeredSsos)}) · ` +
        `worst p99 ${worst ? `${worst.kind} ${f0(worst.p99)} ms` : '–'} · errors ${recorder.errorCount()} · ${machineLine(monitor)}`);
}
/** Prints a line each time another 10 % of the journeys has ended: rates since the last line, against the schedule's. */
class Progress {
    journeys;
    offeredLogins;
    offeredSsos;
    recorder;
    monitor;
    reported = 0;
    start = performance.now();
    last = { at: this.start, logins: 0, ssos: 0 };
    constructor(journeys, offeredLogins, offeredSsos, recorder, monitor) {
        this.journeys = journeys;
        this.offeredLogins = offeredLogins;
        this.offeredSsos = offeredSsos;
        this.recorder = recorder;
        this.monitor = monitor;
    }
    journeyDone() {
        const percent = Math.floor((this.recorder.totals.journeys / this.journeys) * 10) * 10;
        if (percent <= this.reported)
            return;
        this.reported = percent;
        const now = performance.now();
        const [from, to] = [(this.last.at - this.start) / 1000, (now - this.start) / 1000];
        const within = (xs) => xs.filter((t) => t >= from && t < to).length;
        const interval = {
            seconds: to - from,
            logins: this.recorder.totals.login - this.last.logins,
            ssos: this.recorder.totals.sso - this.last.ssos,
            offeredLogins: within(this.offeredLogins),
            offeredSsos: within(this.offeredSsos),
        };
        console.log(progressLine(percent, to, this.recorder, interval, this.monitor));
        this.last = { at: now, logins: this.recorder.totals.login, ssos: this.recorder.totals.sso };
    }
}
exports.Progress = Progress;
/** The final report; returns whether the run passed (no error, every step's p99 within the limit). */
function finalReport(x) {
    const lines = [x.title];
    for (const kind of ['login', 'sso']) {
        const offered = (0, stats_1.rates)(x.offered[kind], x.playedSeconds);
        const achieved = (0, stats_1.rates)(x.recorder.completions[kind], x.playedSeconds);
        lines.push(`${kind === 'login' ? 'logins/s' : 'SSO/s   '}  offered mean ${f1(offered.mean)}, peak ${f1(offered.peak)} · achieved mean ${f1(achieved.mean)}, peak ${f1(achieved.peak)} · completed ${x.recorder.totals[kind]}`);
    }
    lines.push('(peak = busiest 10 s of real time; offered = the schedule, achieved = completed logins and SAMLResponses)');
    lines.push('step            count     p50 ms   p95 ms   p99 ms   max ms');
    const steps = (0, stats_1.stepSummaries)(x.recorder.latencies);
    for (const s of steps)
        lines.push(`${s.kind.padEnd(14)} ${String(s.count).padStart(7)} ${f1(s.p50).padStart(9)} ${f1(s.p95).padStart(8)} ${f1(s.p99).padStart(8)} ${f0(s.max).padStart(8)}`);
    const errors = x.recorder.errorCount();
    lines.push(`journeys ${x.recorder.totals.journeys}, failed ${x.recorder.totals.failedJourneys}; errors ${errors}${errors ? ':' : ''}`, ...[...x.recorder.errors].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `  ${String(n).padStart(6)}  ${kind}`));
    const cpu = x.monitor.cpuSinceStart();
    lines.push(`hub workers RSS at the end ${x.monitor.last.rssMiB.map(f0).join(' / ')} MiB, peak ${f0(x.monitor.peak.rssMiB)} MiB per worker`, `CPU over the run (% of one core; the machine has 2 × 100 %): hub ${f0(cpu.hub)}, PostgreSQL (this database's backends + background) ${f0(cpu.postgres)}, generator ${f0(cpu.generator)}, machine busy ${f0(cpu.machine)}`, `PostgreSQL connections of the hub's database: peak ${x.monitor.peak.connections} (peak active ${x.monitor.peak.activeConnections})`, `generator event-loop delay (part of every latency above): p50 ${f1(x.monitor.loopDelay.percentile(50) / 1e6)} ms, p99 ${f1(x.monitor.loopDelay.percentile(99) / 1e6)} ms, max ${f0(x.monitor.loopDelay.max / 1e6)} ms`);
    if (x.monitor.activity)
        lines.push(`database per login (with its SSOs and portal views): ${(0, db_activity_1.describePer)(x.monitor.activity, x.recorder.totals.login)}`);
    const slow = steps.filter((s) => s.p99 > x.p99Ms);
    const passed = errors === 0 && slow.length === 0;
    lines.push(passed
        ? `PASS: no errors, every step's p99 ≤ ${x.p99Ms} ms`
        : `FAIL: ${errors} error(s)${slow.length ? `; p99 over ${x.p99Ms} ms: ${slow.map((s) => `${s.kind} ${f0(s.p99)} ms`).join(', ')}` : ''}`);
    return { text: lines.join('\n'), passed };
}
//# sourceMappingURL=report.js.map
"use strict";
/** What the scenario measures while it runs: latency per step kind, errors by kind, completed logins and SSOs over time. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.Recorder = exports.BUCKET_SECONDS = void 0;
exports.percentile = percentile;
exports.stepSummaries = stepSummaries;
exports.rates = rates;
exports.bucketed = bucketed;
exports.BUCKET_SECONDS = 10;
class Recorder {
    latencies = new Map();
    errors = new Map();
    /** Completions per BUCKET_SECONDS of real time since the start. */
    completions = { login: [], sso: [] };
    totals = { login: 0, sso: 0, journeys: 0, failedJourneys: 0 };
    started = performance.now();
    step(kind, ms) {
        const list = this.latencies.get(kind);
        if (list)
            list.push(ms);
        else
            this.latencies.set(kind, [ms]);
    }
    error(kind) {
        this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
    }
    completed(kind) {
        this.totals[kind]++;
        const bucket = Math.floor((performance.now() - this.started) / 1000 / exports.BUCKET_SECONDS);
        const series = this.completions[kind];
        while (series.length <= bucket)
            series.push(0);
        series[bucket]++;
    }
    errorCount() {
        let n = 0;
        for (const v of this.errors.values())
            n += v;
        return n;
    }
}
exports.Recorder = Recorder;
/** Nearest-rank percentile of an ascending list. */
function percentile(sorted, p) {
    if (sorted.length === 0)
        return Number.NaN;
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
function stepSummaries(latencies) {
    return [...latencies]
        .map(([kind, values]) => {
        const sorted = [...values].sort((a, b) => a - b);
        return {
            kind,
            count: sorted.length,
            p50: percentile(sorted, 50),
            p95: percentile(sorted, 95),
            p99: percentile(sorted, 99),
            max: sorted[sorted.length - 1],
        };
    })
        .sort((a, b) => a.kind.localeCompare(b.kind));
}
/** Events per second in the busiest bucket, and over the whole series. */
function rates(series, seconds) {
    const total = series.reduce((a, b) => a + b, 0);
    return { mean: total / Math.max(1, seconds), peak: Math.max(0, ...series) / exports.BUCKET_SECONDS };
}
/** Instants (seconds of real time since the start) as counts per bucket. */
function bucketed(instants) {
    const series = [];
    for (const t of instants) {
        const b = Math.floor(t / exports.BUCKET_SECONDS);
        while (series.length <= b)
            series.push(0);
        series[b]++;
    }
    return series;
}
//# sourceMappingURL=stats.js.map
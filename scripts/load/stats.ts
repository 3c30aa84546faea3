/** What the scenario measures while it runs: latency per step kind, errors by kind, completed logins and SSOs over time. */

export const BUCKET_SECONDS = 10;

export class Recorder {
  readonly latencies = new Map<string, number[]>();
  readonly errors = new Map<string, number>();
  /** Completions per BUCKET_SECONDS of real time since the start. */
  readonly completions = { login: [] as number[], sso: [] as number[] };
  readonly totals = { login: 0, sso: 0, journeys: 0, failedJourneys: 0 };
  private readonly started = performance.now();

  step(kind: string, ms: number): void {
    const list = this.latencies.get(kind);
    if (list) list.push(ms);
    else this.latencies.set(kind, [ms]);
  }

  error(kind: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }

  completed(kind: 'login' | 'sso'): void {
    this.totals[kind]++;
    const bucket = Math.floor((performance.now() - this.started) / 1000 / BUCKET_SECONDS);
    const series = this.completions[kind];
    while (series.length <= bucket) series.push(0);
    series[bucket]!++;
  }

  errorCount(): number {
    let n = 0;
    for (const v of this.errors.values()) n += v;
    return n;
  }
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface StepSummary {
  readonly kind: string;
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export function stepSummaries(latencies: ReadonlyMap<string, number[]>): StepSummary[] {
  return [...latencies]
    .map(([kind, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return {
        kind,
        count: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1]!,
      };
    })
    .sort((a, b) => a.kind.localeCompare(b.kind));
}

/** Events per second in the busiest bucket, and over the whole series. */
export function rates(series: readonly number[], seconds: number): { mean: number; peak: number } {
  const total = series.reduce((a, b) => a + b, 0);
  return { mean: total / Math.max(1, seconds), peak: Math.max(0, ...series) / BUCKET_SECONDS };
}

/** Instants (seconds of real time since the start) as counts per bucket. */
export function bucketed(instants: Iterable<number>): number[] {
  const series: number[] = [];
  for (const t of instants) {
    const b = Math.floor(t / BUCKET_SECONDS);
    while (series.length <= b) series.push(0);
    series[b]!++;
  }
  return series;
}

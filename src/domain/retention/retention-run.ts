import type { Actor } from '../model';

/**
 * A retention run is an ordered list of named steps (DPA art. 12, security annex B). Each step deletes one
 * kind of data that may no longer be kept, in its own transaction(s), and reports counts; a failing step
 * is reported and the run goes on with the next (one stuck table must not keep the others' data alive).
 * New obligations add a step (e.g. a privacy check, backup pruning) — `standardRetentionSteps` in
 * retention-steps.ts is the list the CLI and the scheduled job run.
 */
export interface RetentionContext {
  readonly now: Date;
  readonly dryRun: boolean;
  readonly actor: Actor;
}

export interface StepOutcome {
  /** What was (or, in a dry run, would be) removed, per kind. */
  readonly counts: Readonly<Record<string, number>>;
  /** One line for people. */
  readonly summary: string;
  readonly details?: unknown;
}

export interface RetentionStep {
  /** Stable, kebab-case: `retention run --step NAME`, JSON output and logs use it. */
  readonly name: string;
  readonly description: string;
  run(ctx: RetentionContext): Promise<StepOutcome>;
}

export interface StepReport {
  readonly name: string;
  readonly ok: boolean;
  readonly counts: Readonly<Record<string, number>>;
  readonly summary: string;
  readonly details?: unknown;
  readonly error?: string;
  readonly ms: number;
}

export interface RetentionReport {
  readonly ok: boolean;
  readonly dryRun: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly steps: readonly StepReport[];
}

export type RetentionProgress =
  | { readonly type: 'start'; readonly step: string; readonly index: number; readonly total: number }
  | { readonly type: 'done'; readonly report: StepReport; readonly index: number; readonly total: number };

export async function runRetention(
  steps: readonly RetentionStep[],
  ctx: RetentionContext,
  opts: { only?: readonly string[]; onProgress?: (p: RetentionProgress) => void; describeError?: (e: unknown) => string } = {},
): Promise<RetentionReport> {
  const unknown = (opts.only ?? []).filter((n) => !steps.some((s) => s.name === n));
  if (unknown.length)
    throw new UnknownStepError(
      unknown,
      steps.map((s) => s.name),
    );
  const chosen = opts.only?.length ? steps.filter((s) => opts.only!.includes(s.name)) : steps;
  const startedAt = new Date().toISOString();
  const reports: StepReport[] = [];
  for (const [index, step] of chosen.entries()) {
    opts.onProgress?.({ type: 'start', step: step.name, index, total: chosen.length });
    const t0 = Date.now();
    let report: StepReport;
    try {
      const outcome = await step.run(ctx);
      report = { name: step.name, ok: true, ...outcome, ms: Date.now() - t0 };
    } catch (e) {
      const error = opts.describeError ? opts.describeError(e) : e instanceof Error ? e.message : String(e);
      report = { name: step.name, ok: false, counts: {}, summary: `failed: ${error}`, error, ms: Date.now() - t0 };
    }
    reports.push(report);
    opts.onProgress?.({ type: 'done', report, index, total: chosen.length });
  }
  return { ok: reports.every((r) => r.ok), dryRun: ctx.dryRun, startedAt, finishedAt: new Date().toISOString(), steps: reports };
}

export class UnknownStepError extends Error {
  constructor(
    readonly unknown: readonly string[],
    readonly known: readonly string[],
  ) {
    super(`unknown retention step ${unknown.join(', ')}; the steps are: ${known.join(', ')}`);
  }
}

/** `months` calendar months before `now` (the 31st becomes the month's last day). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { JobClaims } from '../domain/retention/ports';
import type { Logger } from '../logger';

export interface ScheduledJob {
  readonly name: string;
  /** Runs at most this often across all hub processes. */
  readonly everyMs: number;
  /** A process that claimed the job and died frees it after this long. Longer than any run. */
  readonly leaseMs: number;
  /** Not before this long after this process started (a freshly started hub serves first). */
  readonly initialDelayMs?: number;
  /** Returns a one-line outcome for job_runs and the log. */
  run(): Promise<string>;
}

/**
 * Scheduled work inside `serve` (DESIGN §3: "scheduled jobs run in one process at a time"). Every process
 * ticks; a job runs where its row in job_runs could be claimed — one UPDATE that succeeds in one process
 * only, and only when the job's interval has passed since it last started anywhere. A claim, not a held
 * advisory lock: PGlite is one session that a lock-holding connection would block, and a lease also
 * frees a job whose process died.
 */
export class JobScheduler {
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Map<string, Promise<void>>();
  /** Per job, when this process asks next: every interval (at most a minute apart), not every tick. */
  private readonly nextAttempt = new Map<string, number>();
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly startedAt = Date.now();

  /** Told of every run this process made (monitoring's job runs); not of attempts another process had claimed. */
  onRun: ((job: string, outcome: 'success' | 'failure') => void) | null = null;

  constructor(
    private readonly claims: JobClaims,
    private readonly jobs: readonly ScheduledJob[],
    private readonly logger: Logger,
  ) {}

  start(tickMs = 1_000): void {
    this.timer = setInterval(() => this.tick(), tickMs);
    this.timer.unref();
    this.tick();
  }

  /** One round: each job not already running here is offered to this process. */
  tick(): void {
    for (const job of this.jobs) {
      if (this.running.has(job.name)) continue;
      const now = Date.now();
      if (now - this.startedAt < (job.initialDelayMs ?? 0)) continue;
      if (now < (this.nextAttempt.get(job.name) ?? 0)) continue;
      this.nextAttempt.set(job.name, now + Math.min(job.everyMs, 60_000));
      const run = this.attempt(job).finally(() => this.running.delete(job.name));
      this.running.set(job.name, run);
    }
  }

  private async attempt(job: ScheduledJob): Promise<void> {
    let claimed = false;
    try {
      claimed = await this.claims.claim(job.name, this.owner, job.everyMs, job.leaseMs);
      if (!claimed) return;
      const outcome = await job.run();
      await this.claims.finish(job.name, this.owner, outcome);
      if (outcome) this.logger.info({ job: job.name, outcome }, 'scheduled job ran');
      this.onRun?.(job.name, 'success');
    } catch (e) {
      this.logger.error({ err: e, job: job.name }, 'scheduled job failed');
      if (claimed) this.onRun?.(job.name, 'failure');
      if (claimed) await this.claims.finish(job.name, this.owner, `failed: ${(e as Error).message}`).catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all([...this.running.values()]);
  }
}

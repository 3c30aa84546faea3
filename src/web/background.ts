import type { Logger } from '../logger';

/**
 * Work a request starts but does not wait for: the answer goes out first, so its content and timing
 * cannot depend on the work (e.g. whether an account exists when a reset link is asked for). Failures
 * are logged; `drain()` lets a stopping hub finish what was started.
 */
export class BackgroundWork {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(what: string, work: () => Promise<unknown>): void {
    const task = Promise.resolve()
      .then(work)
      .then(
        () => undefined,
        (e) => this.logger.error({ err: e, work: what }, 'background work failed'),
      )
      .finally(() => this.pending.delete(task));
    this.pending.add(task);
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}

import os from 'node:os';
import type { Command } from 'commander';
import { isWorker, leaveCluster, superviseWorkers } from '../../cluster';
import { formatDemoSummary, seedDemo } from '../../demo/seed-demo';
import { UnavailableError } from '../../domain/errors';
import { createLogger } from '../../logger';
import { openHub, serve } from '../../main';
import type { CliContext } from '../context';
import type { RunningPublisher } from '../../demo/publisher';
import { startPublisherBesideHub } from '../demo-publisher';

/**
 * `serve`: run the hub until SIGINT or SIGTERM — on every core by default (`--workers N`, `WORKERS`).
 * The primary process migrates and seeds first, then forks the workers; on the embedded database there
 * is one process (a PGlite data folder belongs to one process).
 */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('run the hub (HTTP)')
    .option('--migrate', 'apply pending migrations first')
    .option('--demo', 'seed the demo school first and print its users (development only)')
    .option('--workers <n>', 'worker processes (default: WORKERS, else one per core; the embedded database uses one)')
    .action(
      ctx.action(async (opts: { migrate?: boolean; demo?: boolean; workers?: string }, cmd: Command) => {
        const config = ctx.config();
        const logger = createLogger(config, 1);
        const wanted =
          opts.workers !== undefined ? ctx.parsePositiveInt(opts.workers, '--workers') : (config.workers ?? os.availableParallelism());
        const workers = config.databaseUrl ? wanted : 1;
        const graceMs = config.shutdownGraceSeconds * 1000;

        if (isWorker()) return runWorker();

        // The primary (or the only process): schema and demo data once, before anyone serves.
        const hub = await openHub(config, logger, { serving: true });
        // The demo publisher runs in this process only (never in a worker), from before the seed —
        // which registers it from its metadata URL — until the hub stops.
        let publisher: RunningPublisher | null = null;
        const stopPublisher = async () => {
          await publisher?.stop();
          publisher = null;
        };
        try {
          if (opts.migrate) {
            const applied = await hub.db.migrate();
            if (applied.length) hub.logger.info({ applied }, 'migrations applied');
          } else if (await hub.db.dataSource.showMigrations()) {
            throw new UnavailableError('the database schema is not up to date; run `leerpoort migrate` or `serve --migrate`');
          }
          if (opts.demo) {
            publisher = await startPublisherBesideHub(config, hub.logger);
            const summary = await seedDemo(hub, publisher);
            ctx.print(cmd, summary, formatDemoSummary(summary));
          }
          const publisherLine = () =>
            publisher ? `\nDemo-uitgever / demo publisher "Rekenrijk Demo": ${publisher.url} (Inloggen via Leerpoort)` : '';
          if (!config.databaseUrl && wanted > 1)
            hub.logger.info({ workers: 1 }, 'embedded database: one worker (use DATABASE_URL for more)');
          if (workers === 1) {
            const running = await serve(hub);
            ctx.stderr(
              `Leerpoort draait op / is running at ${config.baseUrl} (port ${running.port}; health: ${config.baseUrl}/healthz)${publisherLine()}`,
            );
            await untilStopSignal(hub.logger);
            await running.stop(graceMs);
            await stopPublisher();
            return;
          }
          ctx.stderr(
            `Leerpoort draait op / is running at ${config.baseUrl} (${workers} workers; health: ${config.baseUrl}/healthz)${publisherLine()}`,
          );
        } catch (e) {
          await stopPublisher();
          throw e;
        } finally {
          await hub.close();
        }
        await superviseWorkers({ workers, graceMs, logger });
        await stopPublisher();
      }),
    );

  /** A worker: its own connection pool, the shared listening socket; stops gracefully on SIGTERM. */
  async function runWorker(): Promise<void> {
    const config = ctx.config();
    const hub = await openHub(config, createLogger(config, 1), { serving: true });
    try {
      const running = await serve(hub);
      await untilStopSignal(hub.logger);
      await running.stop(config.shutdownGraceSeconds * 1000);
    } finally {
      await hub.close();
      leaveCluster();
    }
  }
}

function untilStopSignal(logger: { info(obj: object, msg: string): void }): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal, pid: process.pid }, 'stopping: no new requests; those in flight finish');
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

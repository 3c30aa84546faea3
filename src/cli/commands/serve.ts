import type { Command } from 'commander';
import { formatDemoSummary, seedDemo } from '../../demo/seed-demo';
import { UnavailableError } from '../../domain/errors';
import { createLogger } from '../../logger';
import { openHub, serve } from '../../main';
import type { CliContext } from '../context';

/** `serve`: run the hub until SIGINT or SIGTERM. */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('run the hub (HTTP)')
    .option('--migrate', 'apply pending migrations first')
    .option('--demo', 'seed the demo school first and print its users (development only)')
    .action(
      ctx.action(async (opts: { migrate?: boolean; demo?: boolean }, cmd: Command) => {
        const config = ctx.config();
        // The running hub logs to stdout at the configured level, unlike the one-shot commands (ctx.logger).
        const hub = await openHub(config, createLogger(config, 1));
        try {
          if (opts.migrate) {
            const applied = await hub.db.migrate();
            if (applied.length) hub.logger.info({ applied }, 'migrations applied');
          } else if (await hub.db.dataSource.showMigrations()) {
            throw new UnavailableError('the database schema is not up to date; run `leerpoort migrate` or `serve --migrate`');
          }
          if (opts.demo) {
            const summary = await seedDemo(hub);
            ctx.print(cmd, summary, formatDemoSummary(summary));
          }
          const running = await serve(hub);
          const { baseUrl } = hub.config;
          ctx.stderr(`Leerpoort draait op / is running at ${baseUrl} (port ${running.port}; health: ${baseUrl}/healthz)`);
          await new Promise<void>((resolve) => {
            const stop = (signal: string) => {
              hub.logger.info({ signal }, 'stopping');
              void running.stop().then(resolve);
            };
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
          });
        } finally {
          await hub.close();
        }
      }),
    );
}

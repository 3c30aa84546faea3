import type { Command } from 'commander';
import { formatDemoSummary, seedDemo } from '../../demo/seed-demo';
import type { CliContext } from '../context';
import { publisherForSeed } from '../demo-publisher';

/**
 * `demo`: the idempotent demo seed (migrates first). The demo publisher is registered from its metadata
 * URL like any publisher, so it runs for as long as the seed needs its metadata; `serve --demo` runs it
 * for good.
 */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('create (or show) the demo school, users, participant, licence and demo publisher SP; idempotent')
    .action(
      ctx.action(async (_opts: object, cmd: Command) => {
        const summary = await ctx.withHub(
          async (hub) => {
            await hub.db.migrate();
            const publisher = await publisherForSeed(ctx.config(), ctx.logger());
            try {
              return await seedDemo(hub, publisher.ref);
            } finally {
              await publisher.stop();
            }
          },
          { requireMigrated: false },
        );
        ctx.print(cmd, summary, formatDemoSummary(summary));
      }),
    );
}

import type { Command } from 'commander';
import { formatDemoSummary, seedDemo } from '../../demo/seed-demo';
import type { CliContext } from '../context';

/** `demo`: the idempotent demo seed (migrates first). */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('create (or show) the demo school, users, participant and licence; idempotent')
    .action(
      ctx.action(async (_opts: object, cmd: Command) => {
        const summary = await ctx.withHub(
          async (hub) => {
            await hub.db.migrate();
            return seedDemo(hub);
          },
          { requireMigrated: false },
        );
        ctx.print(cmd, summary, formatDemoSummary(summary));
      }),
    );
}

import type { Command } from 'commander';
import type { CliContext } from '../context';

/** `migrate`: apply pending database migrations. */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(
      ctx.action(async (_opts: object, cmd: Command) => {
        const applied = await ctx.withHub((hub) => hub.db.migrate(), { requireMigrated: false });
        ctx.print(cmd, { applied }, applied.length ? `applied: ${applied.join(', ')}` : 'database schema is up to date');
      }),
    );
}

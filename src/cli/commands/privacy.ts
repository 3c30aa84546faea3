import type { Command } from 'commander';
import type { CliContext } from '../context';
import { EXIT } from '../io';

/** `privacy check`: what the ledger says was released against each participant's declared annex (annex 1 D). */
export function register(program: Command, ctx: CliContext): void {
  const privacy = program.command('privacy').description('the privacy annex against what was really released');
  privacy
    .command('check')
    .description('compare the release ledger with each participant’s declared categories; exit 1 when something undeclared was released')
    .option('--since <date>', 'count releases from this date (default: since the participant’s current annex)')
    .action(
      ctx.action(async (o: { since?: string }, cmd: Command) => {
        const since = o.since ? ctx.parseDate(o.since, '--since') : undefined;
        const result = await ctx.withHub((hub) => hub.services.privacyAnnex.check({ since }));
        ctx.print(
          cmd,
          result,
          [
            ...result.participants.map((p) =>
              p.undeclared.length
                ? `DIFFERENCE ${p.participant}: released but not declared: ${p.undeclared.join(', ')}`
                : `ok ${p.participant}${p.annexDeclared ? '' : ' (no annex declared: default categories)'}${
                    p.unused.length ? `; declared, not released: ${p.unused.join(', ')}` : ''
                  }`,
            ),
            result.ok ? 'no differences' : 'differences found',
          ].join('\n'),
        );
        if (!result.ok) ctx.exitWith(EXIT.failure);
      }),
    );
}

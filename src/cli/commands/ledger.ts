import type { Command } from 'commander';
import { findSchoolByBrin } from '../../domain/identity/school.service';
import { findParticipantByName } from '../../domain/licensing/participant.service';
import type { CliContext } from '../context';
import { ledgerChannelLabel } from '../../domain/audit/ledger-channel';

/** `ledger`: what a school's data release ledger holds. */
export function register(program: Command, ctx: CliContext): void {
  program
    .command('ledger')
    .description('the release ledger of a school: which participant received which data categories, for how many people, when')
    .requiredOption('--school <brin>', 'BRIN of the school')
    .option('--participant <name>', 'only this participant')
    .option('--since <date>', 'from this date (e.g. 2026-09-01)')
    .action(
      ctx.action(async (o: { school: string; participant?: string; since?: string }, cmd: Command) => {
        const since = o.since ? ctx.parseDate(o.since, '--since') : undefined;
        const rows = await ctx.withHub(async (hub) => {
          const repos = hub.db.repositories;
          const school = await findSchoolByBrin(repos, o.school);
          const participant = o.participant ? await findParticipantByName(repos, o.participant) : undefined;
          return repos.ledger.list({ schoolId: school.id, participantId: participant?.id, since });
        });
        const line = (r: (typeof rows)[number]) =>
          `${r.occurredAt.toISOString()}  ${r.participantName.padEnd(20)} ${String(r.peopleCount).padStart(5)} people  ` +
          `${r.categories.join(', ')}  via ${ledgerChannelLabel(r)}`;
        ctx.print(
          cmd,
          rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() })),
          rows.length ? rows.map(line).join('\n') : 'no releases recorded',
        );
      }),
    );
}

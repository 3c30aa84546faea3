import { type Command, Option } from 'commander';
import { ValidationError } from '../../domain/errors';
import { findSchoolByBrin } from '../../domain/identity/school.service';
import { findParticipantByName } from '../../domain/licensing/participant.service';
import type { CliContext } from '../context';

/** `activation set|history`: whether a school's data may go to a participant, and every switch of it. */
export function register(program: Command, ctx: CliContext): void {
  const activation = program.command('activation').description('data-transfer permission per school × participant');
  activation
    .command('set')
    .description('turn data transfer to a participant on or off for a school')
    .requiredOption('--school <brin>', 'BRIN of the school')
    .requiredOption('--participant <name>', 'participant name')
    .addOption(new Option('--on', 'allow data transfer').conflicts('off'))
    .addOption(new Option('--off', 'stop data transfer').conflicts('on'))
    .action(
      ctx.action(async (o: { school: string; participant: string; on?: boolean; off?: boolean }, cmd: Command) => {
        if (!o.on && !o.off) throw new ValidationError('say --on or --off');
        const result = await ctx.withHub((hub) =>
          hub.services.licences.setActivation({ brin: o.school, participantName: o.participant, enabled: !!o.on }, ctx.actor()),
        );
        ctx.print(cmd, result, `data transfer to ${o.participant} for ${o.school.toUpperCase()}: ${result.enabled ? 'on' : 'off'}`);
      }),
    );

  activation
    .command('history')
    .description('every switch of data transfer to a participant for a school: on/off, by whom, when')
    .requiredOption('--school <brin>', 'BRIN of the school')
    .requiredOption('--participant <name>', 'participant name')
    .action(
      ctx.action(async (o: { school: string; participant: string }, cmd: Command) => {
        const rows = await ctx.withHub(async (hub) => {
          const repos = hub.db.repositories;
          const school = await findSchoolByBrin(repos, o.school);
          const participant = await findParticipantByName(repos, o.participant);
          return repos.activations.history(school.id, participant.id);
        });
        const line = (r: (typeof rows)[number]) => `${r.changedAt.toISOString()}  ${r.enabled ? 'on ' : 'off'}  by ${r.changedBy}`;
        ctx.print(
          cmd,
          rows.map((r) => ({ enabled: r.enabled, changedBy: r.changedBy, changedAt: r.changedAt.toISOString() })),
          rows.length ? rows.map(line).join('\n') : 'never switched',
        );
      }),
    );
}

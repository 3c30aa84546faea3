import type { Command } from 'commander';
import { notificationState } from '../../domain/breaches/deadline';
import { AFFECTED_KINDS, BREACH_NATURES, type Breach } from '../../domain/breaches/model';
import { parseAmsterdamDateTime } from '../../domain/calendar';
import type { CliContext } from '../context';

/**
 * `breach record|list|show|confirm|notify`: the breach register (DPA annex 2; security annex C).
 *
 * Who may: the console admits only operators with the role `security_officer`. The CLI runs on the hub's
 * server, where a shell is already the most privileged access to the platform; every step is audited with
 * the OS user (actor `cli`), as for every other command.
 */
export function register(program: Command, ctx: CliContext): void {
  const breach = program.command('breach').description('the breach register: record, confirm, notify the affected schools within 24 hours');
  const list = (v: string) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const collect = (value: string, previous: string[]) => [...previous, value];

  const asJson = (b: Breach, now = new Date()) => {
    const state = notificationState(b, now);
    return {
      id: b.id,
      detectedAt: b.detectedAt.toISOString(),
      summary: b.summary,
      natures: b.natures,
      cause: b.cause,
      measures: b.measures,
      affectedSchools: b.affectedSchools.map((s) => ({ brin: s.brin, name: s.name, peopleCount: s.peopleCount })),
      affectedPeople: b.affectedSchools.reduce((n, s) => n + s.peopleCount, 0),
      affectedKinds: b.affectedKinds,
      dataCategories: b.dataCategories,
      accessDataAffected: b.accessDataAffected,
      recordedAt: b.recordedAt.toISOString(),
      confirmedAt: b.confirmedAt?.toISOString() ?? null,
      notifiedAt: b.notifiedAt?.toISOString() ?? null,
      delegatesNotified: b.delegatesNotified,
      notification: {
        state: state.state,
        deadline: 'deadline' in state ? state.deadline.toISOString() : null,
        late: state.state === 'overdue' || (state.state === 'notified' && state.late),
      },
    };
  };
  const stateLine = (b: Breach, now = new Date()) => {
    const s = notificationState(b, now);
    switch (s.state) {
      case 'unconfirmed':
        return 'not confirmed';
      case 'due':
        return `notify by ${s.deadline.toISOString()} (${Math.floor(s.msLeft / 3_600_000)} h left)`;
      case 'overdue':
        return `OVERDUE since ${s.deadline.toISOString()} (${Math.floor(s.msOver / 3_600_000)} h)`;
      case 'notified':
        return `notified ${b.notifiedAt!.toISOString()}${s.late ? ' (LATE)' : ''}`;
    }
  };

  breach
    .command('record')
    .description('record an incident with the fields of security annex C (counts, never names)')
    .requiredOption('--detected <time>', 'when it was detected, e.g. 2026-12-01T09:30 (Amsterdam time) or with an offset')
    .requiredOption('--summary <text>', 'what happened')
    .requiredOption('--nature <natures>', `comma-separated: ${BREACH_NATURES.join(', ')}`)
    .requiredOption('--cause <text>', 'the cause')
    .requiredOption('--measures <text>', 'the measures taken')
    .requiredOption('--school <brin:count>', 'an affected school and how many of its people (repeatable), e.g. 12AB:340', collect, [])
    .requiredOption('--affected <kinds>', `who is affected, comma-separated: ${AFFECTED_KINDS.join(', ')}`)
    .option('--categories <categories>', 'the annex data categories affected, comma-separated (see `breach record --help`)', '')
    .option('--access-data', 'access or identification data (usernames, passwords, login cards, second factors) are affected')
    .action(
      ctx.action(
        async (
          o: {
            detected: string;
            summary: string;
            nature: string;
            cause: string;
            measures: string;
            school: string[];
            affected: string;
            categories: string;
            accessData?: boolean;
          },
          cmd: Command,
        ) => {
          const recorded = await ctx.withHub((hub) =>
            hub.services.breaches.record(
              {
                // An unreadable time is refused (and audited) by the register itself.
                detectedAt: parseAmsterdamDateTime(o.detected) ?? new Date(Number.NaN),
                summary: o.summary,
                natures: list(o.nature),
                cause: o.cause,
                measures: o.measures,
                schools: o.school,
                affectedKinds: list(o.affected),
                dataCategories: list(o.categories),
                accessDataAffected: o.accessData === true,
              },
              ctx.actor(),
            ),
          );
          ctx.print(cmd, asJson(recorded), `breach ${recorded.id} recorded; confirm it with \`leerpoort breach confirm ${recorded.id}\``);
        },
      ),
    );

  breach
    .command('list')
    .description('every recorded breach, latest detected first, with where its notification stands (OVERDUE past 24 hours)')
    .action(
      ctx.action(async (_o: unknown, cmd: Command) => {
        const all = await ctx.withHub((hub) => hub.services.breaches.list());
        const now = new Date();
        const human = all
          .map((b) => `${b.id}  ${b.detectedAt.toISOString()}  ${stateLine(b, now)}  ${b.summary.split('\n')[0]}`)
          .join('\n');
        ctx.print(
          cmd,
          all.map((b) => asJson(b, now)),
          human || 'no breaches recorded',
        );
      }),
    );

  breach
    .command('show')
    .description('one breach with all its fields')
    .argument('<id>', 'the breach id (from `breach list`)')
    .action(
      ctx.action(async (id: string, _o: unknown, cmd: Command) => {
        const b = await ctx.withHub((hub) => hub.services.breaches.get(id));
        const j = asJson(b);
        const human = [
          `breach ${b.id}`,
          `detected:     ${j.detectedAt}`,
          `summary:      ${b.summary}`,
          `nature:       ${b.natures.join(', ')}`,
          `cause:        ${b.cause}`,
          `measures:     ${b.measures}`,
          `schools:      ${j.affectedSchools.map((s) => `${s.brin} (${s.peopleCount})`).join(', ')}`,
          `people:       ${j.affectedPeople} (${b.affectedKinds.join(', ')})`,
          `data:         ${b.dataCategories.join(', ') || '-'}${b.accessDataAffected ? '; ACCESS/IDENTIFICATION DATA' : ''}`,
          `notification: ${stateLine(b)}`,
        ].join('\n');
        ctx.print(cmd, j, human);
      }),
    );

  breach
    .command('confirm')
    .description('confirm an incident as a breach: the 24-hour notification deadline starts')
    .argument('<id>', 'the breach id')
    .action(
      ctx.action(async (id: string, _o: unknown, cmd: Command) => {
        const b = await ctx.withHub((hub) => hub.services.breaches.confirm(id, ctx.actor()));
        ctx.print(cmd, asJson(b), `breach ${b.id} confirmed; ${stateLine(b)}`);
      }),
    );

  breach
    .command('notify')
    .description('mail the delegates of every affected school the annex fields (Dutch and English), once')
    .argument('<id>', 'the breach id')
    .action(
      ctx.action(async (id: string, _o: unknown, cmd: Command) => {
        const { breach: b, notified, late } = await ctx.withHub((hub) => hub.services.breaches.notify(id, ctx.actor()));
        ctx.print(
          cmd,
          { ...asJson(b), late },
          `breach ${b.id}: ${notified} delegate(s) of ${b.affectedSchools.length} school(s) notified${late ? ' (LATE: past the 24-hour deadline)' : ''}`,
        );
      }),
    );
}

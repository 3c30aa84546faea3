import type { Command } from 'commander';
import { parseAmsterdamDateTime } from '../domain/calendar';
import { ValidationError } from '../domain/errors';
import { formatWhen } from '../domain/maintenance/wording';
import type { MisuseWarning, SchoolSuspension } from '../domain/model';
import { IMMEDIATE_REASONS } from '../domain/misuse/suspension';
import type { CliContext } from './context';

/**
 * `school board|warn|warnings|warning-close|suspend|unsuspend`: misuse and suspension (product & service
 * agreement art. 12). The console's page for the same is the security officer's (`/ops/misuse`); the CLI
 * runs on the hub's server, whose shell is the operators'. Every step is audited and mailed to the
 * school's delegates and board address.
 */
export function registerSchoolMisuse(school: Command, ctx: CliContext): void {
  const warningJson = (w: MisuseWarning & { state?: string }) => ({
    id: w.id,
    schoolId: w.schoolId,
    observed: w.observed,
    requiredMeasures: w.requiredMeasures,
    deadline: w.deadline.toISOString(),
    issuedAt: w.issuedAt.toISOString(),
    state: w.state ?? (w.closedAt ? 'closed' : 'open'),
    closedAt: w.closedAt?.toISOString() ?? null,
    closing: w.closing,
  });
  const suspensionJson = (s: SchoolSuspension) => ({
    id: s.id,
    schoolId: s.schoolId,
    basis: s.basis,
    warningId: s.warningId,
    immediateReason: s.immediateReason,
    explanation: s.explanation,
    suspendedAt: s.suspendedAt.toISOString(),
    liftedAt: s.liftedAt?.toISOString() ?? null,
    liftNote: s.liftNote,
  });

  school
    .command('board')
    .description("the school board's e-mail address (bevoegd gezag), mailed with the delegates about misuse and suspension")
    .requiredOption('--brin <brin>', 'BRIN of the school')
    .option('--email <address>', 'the board address')
    .option('--clear', 'remove the board address')
    .action(
      ctx.action(async (o: { brin: string; email?: string; clear?: boolean }, cmd: Command) => {
        if (!o.email === !o.clear) throw new ValidationError('give exactly one of --email or --clear');
        const s = await ctx.withHub((hub) => hub.services.misuse.setBoardEmail(o.brin, o.clear ? null : o.email!, ctx.actor()));
        ctx.print(cmd, { brin: o.brin, boardEmail: o.clear ? null : o.email }, `board address of ${s.brin} ${o.clear ? 'removed' : 'set'}`);
      }),
    );

  school
    .command('warn')
    .description(
      'a written warning for misuse, improper use or fraud (art. 12): what was seen, what to do, by when; delegates and board mailed',
    )
    .requiredOption('--brin <brin>', 'BRIN of the school')
    .requiredOption('--observed <text>', 'what was seen')
    .requiredOption('--measures <text>', 'what the school must do')
    .requiredOption('--deadline <time>', 'by when, e.g. 2026-12-15T17:00 (Amsterdam time) or with an offset')
    .action(
      ctx.action(async (o: { brin: string; observed: string; measures: string; deadline: string }, cmd: Command) => {
        const deadline = parseAmsterdamDateTime(o.deadline);
        if (!deadline) throw new ValidationError('--deadline must be a time like 2026-12-15T17:00 (Amsterdam time) or 2026-12-15T16:00Z');
        const { warning, notified } = await ctx.withHub((hub) =>
          hub.services.misuse.warn(o.brin, { observed: o.observed, requiredMeasures: o.measures, deadline }, ctx.actor()),
        );
        ctx.print(
          cmd,
          { ...warningJson(warning), notified },
          `warning ${warning.id} to ${o.brin}, deadline ${formatWhen(warning.deadline, 'en')} (Dutch time); ${notified} address(es) mailed`,
        );
      }),
    );

  school
    .command('warnings')
    .description("a school's warnings and suspension (or, without --brin, every open warning)")
    .option('--brin <brin>', 'BRIN of the school')
    .action(
      ctx.action(async (o: { brin?: string }, cmd: Command) => {
        if (!o.brin) {
          const open = await ctx.withHub((hub) => hub.services.misuse.openWarnings());
          const human = open.map((w) => `${w.id}  ${w.state}  deadline ${formatWhen(w.deadline, 'en')}  school ${w.schoolId}`).join('\n');
          return ctx.print(cmd, open.map(warningJson), human || 'no open warnings');
        }
        const overview = await ctx.withHub((hub) => hub.services.misuse.overview(o.brin!));
        const lines = overview.warnings.map(
          (w) => `${w.id}  ${w.state}${w.closing ? ` (${w.closing})` : ''}  deadline ${formatWhen(w.deadline, 'en')}`,
        );
        lines.push(
          overview.suspension
            ? `SUSPENDED since ${formatWhen(overview.suspension.suspendedAt, 'en')} (${overview.suspension.basis})`
            : 'not suspended',
        );
        ctx.print(
          cmd,
          {
            brin: o.brin,
            warnings: overview.warnings.map(warningJson),
            suspension: overview.suspension ? suspensionJson(overview.suspension) : null,
            boardEmail: overview.boardEmail,
          },
          lines.join('\n'),
        );
      }),
    );

  school
    .command('warning-close')
    .description('close a warning: the school took the measures, or the warning is withdrawn')
    .argument('<id>', 'the warning id')
    .option('--withdrawn', 'withdrawn instead of measures taken')
    .action(
      ctx.action(async (id: string, o: { withdrawn?: boolean }, cmd: Command) => {
        const w = await ctx.withHub((hub) =>
          hub.services.misuse.closeWarning(id, o.withdrawn ? 'withdrawn' : 'measures_taken', ctx.actor()),
        );
        ctx.print(cmd, warningJson(w), `warning ${w.id} closed (${w.closing})`);
      }),
    );

  school
    .command('suspend')
    .description(
      `suspend a school (art. 12): only after a warning whose deadline passed, or with --immediate ${Object.keys(IMMEDIATE_REASONS).join('|')}; nothing is deleted`,
    )
    .requiredOption('--brin <brin>', 'BRIN of the school')
    .requiredOption('--explanation <text>', 'why, for the school and the record')
    .option('--immediate <reason>', `suspend without an expired warning: ${Object.keys(IMMEDIATE_REASONS).join(', ')}`)
    .action(
      ctx.action(async (o: { brin: string; explanation: string; immediate?: string }, cmd: Command) => {
        const { suspension, notified } = await ctx.withHub((hub) =>
          hub.services.misuse.suspend(o.brin, { immediateReason: o.immediate ?? null, explanation: o.explanation }, ctx.actor()),
        );
        ctx.print(
          cmd,
          { ...suspensionJson(suspension), notified },
          `school ${o.brin} suspended (${suspension.basis}); ${notified} address(es) mailed`,
        );
      }),
    );

  school
    .command('unsuspend')
    .description('lift the suspension: everything works again as before')
    .requiredOption('--brin <brin>', 'BRIN of the school')
    .requiredOption('--note <text>', 'what the school did, for the school and the record')
    .action(
      ctx.action(async (o: { brin: string; note: string }, cmd: Command) => {
        const { suspension, notified } = await ctx.withHub((hub) => hub.services.misuse.lift(o.brin, o.note, ctx.actor()));
        ctx.print(cmd, { ...suspensionJson(suspension), notified }, `suspension of ${o.brin} lifted; ${notified} address(es) mailed`);
      }),
    );
}

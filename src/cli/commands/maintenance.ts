import type { Command } from 'commander';
import { parseAmsterdamDateTime } from '../../domain/calendar';
import { ValidationError } from '../../domain/errors';
import { formatPeriod } from '../../domain/maintenance/wording';
import type { MaintenanceWindow } from '../../domain/model';
import type { CliContext } from '../context';

/**
 * `maintenance schedule|list|cancel`: maintenance windows (product & service agreement art. 4).
 *
 * Who may: the CLI runs on the hub's server, and a shell there is the platform operator's (role `dba`)
 * — the annex gives platform operation (settings, jobs, the platform itself) to that role, not to the
 * helpdesk or the security officer. The console's form therefore admits only `dba` as well.
 */
export function register(program: Command, ctx: CliContext): void {
  const maintenance = program.command('maintenance').description('maintenance windows, announced to the schools and shown on /status');

  const instant = (value: string, flag: string): Date => {
    const d = parseAmsterdamDateTime(value);
    if (!d) throw new ValidationError(`${flag} must be a time like 2026-12-08T23:00 (Amsterdam time) or 2026-12-08T22:00Z`);
    return d;
  };
  const asJson = (w: MaintenanceWindow) => ({
    id: w.id,
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    descriptionNl: w.descriptionNl,
    descriptionEn: w.descriptionEn,
    scheduledAt: w.scheduledAt.toISOString(),
    cancelledAt: w.cancelledAt?.toISOString() ?? null,
  });

  maintenance
    .command('schedule')
    .description(
      'schedule a window: at least 72 hours ahead, or shorter than 5 minutes within 16:00–07:00 starting on a working day; delegates are mailed',
    )
    .requiredOption('--start <time>', 'start, e.g. 2026-12-08T23:00 (Amsterdam time) or with an offset')
    .requiredOption('--end <time>', 'end, the same way')
    .requiredOption('--nl <text>', 'description in Dutch')
    .requiredOption('--en <text>', 'description in English')
    .action(
      ctx.action(async (o: { start: string; end: string; nl: string; en: string }, cmd: Command) => {
        const { window, notified } = await ctx.withHub(async (hub) => {
          let startsAt: Date;
          let endsAt: Date;
          try {
            startsAt = instant(o.start, '--start');
            endsAt = instant(o.end, '--end');
          } catch (e) {
            // Refused before the rule is even asked: still on the record.
            await hub.services.maintenance.refused(ctx.actor(), (e as ValidationError).publicMessage);
            throw e;
          }
          return hub.services.maintenance.schedule({ startsAt, endsAt, descriptionNl: o.nl, descriptionEn: o.en }, ctx.actor());
        });
        ctx.print(
          cmd,
          { ...asJson(window), delegatesNotified: notified },
          `maintenance ${window.id} scheduled ${formatPeriod(window, 'en')}; ${notified} delegate(s) notified`,
        );
      }),
    );

  maintenance
    .command('list')
    .description('current and planned windows (--all: cancelled and past ones too)')
    .option('--all', 'also cancelled and past windows')
    .action(
      ctx.action(async (o: { all?: boolean }, cmd: Command) => {
        const windows = await ctx.withHub(async (hub) =>
          o.all ? hub.services.maintenance.list() : await hub.db.repositories.maintenance.listComing(new Date()),
        );
        const human = windows
          .map((w) => `${w.id}  ${formatPeriod(w, 'en')}${w.cancelledAt ? '  (cancelled)' : ''}  ${w.descriptionEn}`)
          .join('\n');
        ctx.print(cmd, windows.map(asJson), human || 'no maintenance planned');
      }),
    );

  maintenance
    .command('cancel')
    .description('cancel a window that has not ended; delegates are mailed')
    .argument('<id>', 'the window id (from `maintenance list`)')
    .action(
      ctx.action(async (id: string, _o: unknown, cmd: Command) => {
        const { window, notified } = await ctx.withHub((hub) => hub.services.maintenance.cancel(id, ctx.actor()));
        ctx.print(
          cmd,
          { ...asJson(window), delegatesNotified: notified },
          `maintenance ${window.id} cancelled; ${notified} delegate(s) notified`,
        );
      }),
    );
}

import type { Command } from 'commander';
import { ValidationError } from '../../domain/errors';
import type { CliContext } from '../context';
import { describeServiceNotice as describe, serviceNoticeJson as asJson } from '../present';

/**
 * `service end|notices|cancel` (and, in browser.ts, `browser add|list|withdraw`): three-month notices to the schools
 * (product & service agreement art. 11: ending the service at the start of a school year; art. 6: ending
 * support for a browser) and the supported browsers the status page publishes. Platform operation, as
 * the console's page (role `dba`).
 */
export function register(program: Command, ctx: CliContext): void {
  const service = program.command('service').description('announcing the end of the service (agreement art. 11)');
  service
    .command('end')
    .description('announce that the service stops at the start of a school year (1 August), at least three months ahead; delegates mailed')
    .requiredOption('--year <year>', 'the year the school year starts, e.g. 2027 for 1 August 2027')
    .action(
      ctx.action(async (o: { year: string }, cmd: Command) => {
        if (!/^\d{4}$/.test(o.year)) throw new ValidationError('--year must be a year such as 2027');
        const { notice, notified } = await ctx.withHub((hub) => hub.services.notices.announceServiceEnd(Number(o.year), ctx.actor()));
        ctx.print(
          cmd,
          { ...asJson(notice), delegatesNotified: notified },
          `${describe(notice)} announced; ${notified} delegate(s) notified`,
        );
      }),
    );
  service
    .command('notices')
    .description('notices in force: the end of the service and ends of browser support')
    .action(
      ctx.action(async (_o: unknown, cmd: Command) => {
        const notices = await ctx.withHub((hub) => hub.services.notices.list());
        ctx.print(cmd, notices.map(asJson), notices.map(describe).join('\n') || 'nothing announced');
      }),
    );
  service
    .command('cancel')
    .description('withdraw a notice that has not taken effect; delegates mailed')
    .argument('<id>', 'the notice id (from `service notices`)')
    .action(
      ctx.action(async (id: string, _o: unknown, cmd: Command) => {
        const { notice, notified } = await ctx.withHub((hub) => hub.services.notices.cancel(id, ctx.actor()));
        ctx.print(
          cmd,
          { ...asJson(notice), delegatesNotified: notified },
          `notice ${notice.id} withdrawn; ${notified} delegate(s) notified`,
        );
      }),
    );
}

import type { Command } from 'commander';
import { parseAmsterdamDateTime } from '../../domain/calendar';
import { ValidationError } from '../../domain/errors';
import { formatWhen } from '../../domain/maintenance/wording';
import type { CliContext } from '../context';
import { describeServiceNotice as describe, serviceNoticeJson as asJson } from '../present';

/**
 * `browser add|list|withdraw` (and, in service.ts, `service end|notices|cancel`): three-month notices to the schools
 * (product & service agreement art. 11: ending the service at the start of a school year; art. 6: ending
 * support for a browser) and the supported browsers the status page publishes. Platform operation, as
 * the console's page (role `dba`).
 */
export function register(program: Command, ctx: CliContext): void {
  const browser = program.command('browser').description('supported browsers, published on /status (agreement art. 6)');
  browser
    .command('add')
    .description('add a supported browser (or change its minimum version)')
    .requiredOption('--name <name>', 'e.g. Firefox')
    .requiredOption('--min-version <version>', 'the oldest version supported, e.g. 115')
    .action(
      ctx.action(async (o: { name: string; minVersion: string }, cmd: Command) => {
        const b = await ctx.withHub((hub) => hub.services.notices.addBrowser(o.name, o.minVersion, ctx.actor()));
        ctx.print(cmd, b, `${b.name} ≥ ${b.minimumVersion} supported`);
      }),
    );
  browser
    .command('list')
    .description('the supported browsers as /status shows them')
    .action(
      ctx.action(async (_o: unknown, cmd: Command) => {
        const { browsers } = await ctx.withHub((hub) => hub.services.notices.status());
        ctx.print(
          cmd,
          browsers.map((b) => ({ ...b, supportEndsAt: b.supportEndsAt?.toISOString() ?? null })),
          browsers
            .map((b) => `${b.name} ≥ ${b.minimumVersion}${b.supportEndsAt ? `  (support ends ${formatWhen(b.supportEndsAt, 'en')})` : ''}`)
            .join('\n') || 'no browsers published',
        );
      }),
    );
  browser
    .command('withdraw')
    .description('announce the end of support for a browser, at least three months ahead; delegates mailed')
    .requiredOption('--name <name>', 'a supported browser')
    .requiredOption('--from <time>', 'when support ends, e.g. 2027-04-01T00:00 (Amsterdam time) or with an offset')
    .action(
      ctx.action(async (o: { name: string; from: string }, cmd: Command) => {
        const from = parseAmsterdamDateTime(o.from);
        if (!from) throw new ValidationError('--from must be a time like 2027-04-01T00:00 (Amsterdam time) or 2027-03-31T22:00Z');
        const { notice, notified } = await ctx.withHub((hub) => hub.services.notices.withdrawBrowser(o.name, from, ctx.actor()));
        ctx.print(
          cmd,
          { ...asJson(notice), delegatesNotified: notified },
          `${describe(notice)} announced; ${notified} delegate(s) notified`,
        );
      }),
    );
}

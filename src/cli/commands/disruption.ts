import type { Command } from 'commander';
import { parseAmsterdamDateTime } from '../../domain/calendar';
import type { TrackedDisruption } from '../../domain/disruptions/disruption.service';
import { ValidationError } from '../../domain/errors';
import { formatWhen } from '../../domain/maintenance/wording';
import type { Disruption } from '../../domain/model';
import type { CliContext } from '../context';

/**
 * `disruption report|list|ack|estimate|resolve` (product & service agreement art. 5): record a report from
 * a phone call, see the open ones with their office-time deadlines, and answer them as the console does.
 */
export function register(program: Command, ctx: CliContext): void {
  const asJson = (d: Disruption) => ({
    id: d.id,
    schoolId: d.schoolId,
    channel: d.channel,
    description: d.description,
    reportedAt: d.reportedAt.toISOString(),
    acknowledgedAt: d.acknowledgedAt?.toISOString() ?? null,
    estimatedRepairAt: d.estimatedRepairAt?.toISOString() ?? null,
    resolvedAt: d.resolvedAt?.toISOString() ?? null,
  });
  const tracked = (d: TrackedDisruption) => ({
    ...asJson(d),
    acknowledgeBy: d.deadlines.acknowledgeBy.toISOString(),
    estimateBy: d.deadlines.estimateBy.toISOString(),
    acknowledge: d.deadlines.acknowledge,
    estimate: d.deadlines.estimate,
    attention: d.attention,
  });
  const disruption = program.command('disruption').description('disruption reports and their response times (agreement art. 5)');

  disruption
    .command('report')
    .description('record a disruption reported by phone')
    .option('--brin <brin>', 'the calling school (omit for a general report)')
    .requiredOption('--description <text>', 'what is wrong')
    .action(
      ctx.action(async (o: { brin?: string; description: string }, cmd: Command) => {
        const d = await ctx.withHub((hub) => hub.services.disruptions.recordCall(o.brin ?? null, o.description, ctx.actor()));
        ctx.print(cmd, asJson(d), `disruption ${d.id} recorded`);
      }),
    );
  disruption
    .command('list')
    .description('open reports with their deadlines (acknowledge within 90, estimate within 90 more office minutes)')
    .action(
      ctx.action(async (_o: unknown, cmd: Command) => {
        const open = await ctx.withHub((hub) => hub.services.disruptions.open());
        const human = open
          .map(
            (d) =>
              `${d.attention ? '! ' : '  '}${d.id}  reported ${formatWhen(d.reportedAt, 'en')}  acknowledge by ${formatWhen(d.deadlines.acknowledgeBy, 'en')} (${d.deadlines.acknowledge})  estimate by ${formatWhen(d.deadlines.estimateBy, 'en')} (${d.deadlines.estimate})`,
          )
          .join('\n');
        ctx.print(cmd, open.map(tracked), human || 'no open disruptions');
      }),
    );
  disruption
    .command('ack')
    .description('acknowledge a report, with the text the status page shows')
    .argument('<id>', 'the report id')
    .requiredOption('--nl <text>', 'status page text, Dutch')
    .requiredOption('--en <text>', 'status page text, English')
    .action(
      ctx.action(async (id: string, o: { nl: string; en: string }, cmd: Command) => {
        const d = await ctx.withHub((hub) => hub.services.disruptions.acknowledge(id, { nl: o.nl, en: o.en }, ctx.actor()));
        ctx.print(cmd, asJson(d), `disruption ${d.id} acknowledged`);
      }),
    );
  disruption
    .command('estimate')
    .description('give (or move) the estimated repair time')
    .argument('<id>', 'the report id')
    .requiredOption('--at <time>', 'e.g. 2026-12-08T15:00 (Amsterdam time) or with an offset')
    .action(
      ctx.action(async (id: string, o: { at: string }, cmd: Command) => {
        const at = parseAmsterdamDateTime(o.at);
        if (!at) throw new ValidationError('--at must be a time like 2026-12-08T15:00 (Amsterdam time) or 2026-12-08T14:00Z');
        const d = await ctx.withHub((hub) => hub.services.disruptions.estimate(id, at, ctx.actor()));
        ctx.print(cmd, asJson(d), `disruption ${d.id}: expected repair ${formatWhen(at, 'en')}`);
      }),
    );
  disruption
    .command('resolve')
    .description('mark a report resolved')
    .argument('<id>', 'the report id')
    .action(
      ctx.action(async (id: string, _o: unknown, cmd: Command) => {
        const d = await ctx.withHub((hub) => hub.services.disruptions.resolve(id, ctx.actor()));
        ctx.print(cmd, asJson(d), `disruption ${d.id} resolved`);
      }),
    );
}

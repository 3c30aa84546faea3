import type { Command } from 'commander';
import { pruneBackups } from '../../main';
import type { CliContext } from '../context';

/** `retention run`: delete what may no longer be kept. */
export function register(program: Command, ctx: CliContext): void {
  const retention = program.command('retention').description('retention of personal data');
  retention
    .command('run')
    .description(
      'delete people who left the school longer ago than LEAVER_GRACE_DAYS (default 90), destroy schools whose notice has ended, ' +
        'drop idle login counters',
    )
    .option('--dry-run', 'count only')
    .action(
      ctx.action(async (o: { dryRun?: boolean }, cmd: Command) => {
        const dryRun = !!o.dryRun;
        const { result, schools, counters, backups, privacy } = await ctx.withHub(async (hub) => ({
          result: await hub.services.retention.deleteLeavers(hub.config.leaverGraceDays, ctx.actor(), { dryRun }),
          schools: await hub.services.retention.destroyTerminatedSchools(ctx.actor(), { dryRun }),
          counters: dryRun ? null : await hub.services.retention.purgeIdleCounters(),
          // Backups follow the same clock as the data (annex B.1.d).
          backups: await pruneBackups(hub.config.backupDir, hub.config.backupRetentionDays, { dryRun }),
          // The privacy annex against the ledger (annex 1 D): reported here, acted on by the operator.
          privacy: await hub.services.privacyAnnex.check(),
        }));
        ctx.print(
          cmd,
          {
            ...result,
            dryRun,
            destroyedSchools: schools,
            idleLoginCountersRemoved: counters,
            backupsDeleted: backups.deleted,
            privacyCheck: { ok: privacy.ok, differences: privacy.participants.filter((p) => p.undeclared.length) },
          },
          [
            `${dryRun ? 'would delete' : 'deleted'} ${result.deleted} leaver(s)`,
            ...schools.map((s) => `${dryRun ? 'would destroy' : 'destroyed'} school ${s.brin} (agreement terminated): ${s.people} people`),
            `${dryRun ? 'would delete' : 'deleted'} ${backups.deleted.length} backup(s) past the retention period`,
            ...privacy.participants
              .filter((p) => p.undeclared.length)
              .map(
                (p) => `privacy check: ${p.participant} received undeclared ${p.undeclared.join(', ')} (see \`leerpoort privacy check\`)`,
              ),
          ].join('\n'),
        );
      }),
    );
}

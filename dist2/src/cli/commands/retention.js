"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
/** `retention run`: delete what may no longer be kept. */
function register(program, ctx) {
    const retention = program.command('retention').description('retention of personal data');
    retention
        .command('run')
        .description('delete people who left the school longer ago than LEAVER_GRACE_DAYS (default 90), destroy schools whose notice has ended, ' +
        'drop idle login counters')
        .option('--dry-run', 'count only')
        .action(ctx.action(async (o, cmd) => {
        const dryRun = !!o.dryRun;
        const { result, schools, counters } = await ctx.withHub(async (hub) => ({
            result: await hub.services.retention.deleteLeavers(hub.config.leaverGraceDays, ctx.actor(), { dryRun }),
            schools: await hub.services.retention.destroyTerminatedSchools(ctx.actor(), { dryRun }),
            counters: dryRun ? null : await hub.services.retention.purgeIdleCounters(),
        }));
        ctx.print(cmd, { ...result, dryRun, destroyedSchools: schools, idleLoginCountersRemoved: counters }, [
            `${dryRun ? 'would delete' : 'deleted'} ${result.deleted} leaver(s)`,
            ...schools.map((s) => `${dryRun ? 'would destroy' : 'destroyed'} school ${s.brin} (agreement terminated): ${s.people} people`),
        ].join('\n'));
    }));
}
//# sourceMappingURL=retention.js.map
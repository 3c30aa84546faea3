import type { AuditTrailService } from '../audit/audit-trail.service';
import type { UnitOfWork } from '../ports';
import type { RetentionService } from '../roster/retention.service';
import type { PurgeTarget } from './ports';
import { monthsBefore, type RetentionContext, type RetentionStep, type StepOutcome } from './retention-run';
import type { SchoolDestructionService } from './school-destruction.service';

/** Mails stay in the outbox this long (sent or not: their one-time links expired long before). */
export const OUTBOX_KEEP_DAYS = 30;

export interface RetentionPolicy {
  /** Logs and audit entries are kept this many months (RETENTION_MONTHS, at most 12). */
  readonly retentionMonths: number;
  /** Leavers stay deactivated this many days before deletion (LEAVER_GRACE_DAYS). */
  readonly leaverGraceDays: number;
}

export interface RetentionStepDeps {
  readonly uow: UnitOfWork;
  readonly leavers: RetentionService;
  readonly destruction: SchoolDestructionService;
  readonly audit: AuditTrailService;
  readonly policy: RetentionPolicy;
}

const DAY = 86_400_000;
const verb = (ctx: RetentionContext) => (ctx.dryRun ? 'would delete' : 'deleted');

function purgeStep(
  deps: RetentionStepDeps,
  name: string,
  target: PurgeTarget,
  description: string,
  cutoff: (ctx: RetentionContext) => Date,
  noun: string,
): RetentionStep {
  return {
    name,
    description,
    async run(ctx): Promise<StepOutcome> {
      const n = await deps.uow.run((repos) => repos.retention.purge(target, cutoff(ctx), ctx.dryRun));
      return { counts: { [name]: n }, summary: `${verb(ctx)} ${n} ${noun}` };
    },
  };
}

/** The steps of `leerpoort retention run` and of the scheduled job, in order. */
export function standardRetentionSteps(deps: RetentionStepDeps): RetentionStep[] {
  const { policy } = deps;
  const logCutoff = (ctx: RetentionContext) => monthsBefore(ctx.now, policy.retentionMonths);
  return [
    {
      name: 'leavers',
      description: `people who left the school more than ${policy.leaverGraceDays} days ago (LEAVER_GRACE_DAYS)`,
      async run(ctx) {
        const r = await deps.leavers.deleteLeavers(policy.leaverGraceDays, ctx.actor, { dryRun: ctx.dryRun, now: ctx.now });
        return { counts: { people: r.deleted }, summary: `${verb(ctx)} ${r.deleted} leaver(s)`, details: r.bySchool };
      },
    },
    {
      name: 'school-destruction',
      description: 'schools whose notice has ended: destroyed, with a signed destruction certificate mailed to their delegates',
      async run(ctx) {
        const schools = await deps.destruction.destroyDue(ctx.actor, { dryRun: ctx.dryRun, now: ctx.now });
        const rows = schools.reduce((a, s) => a + Object.values(s.tables).reduce((x, y) => x + y, 0), 0);
        return {
          counts: { schools: schools.length, rows },
          summary: schools.length
            ? schools
                .map(
                  (s) =>
                    `${ctx.dryRun ? 'would destroy' : 'destroyed'} ${s.brin} (${s.people} people${s.certificateId ? `, certificate ${s.certificateId}` : ''})`,
                )
                .join('; ')
            : 'no school due for destruction',
          details: schools,
        };
      },
    },
    {
      name: 'audit',
      description: `audit entries older than ${policy.retentionMonths} months (RETENTION_MONTHS), behind a signed checkpoint`,
      async run(ctx) {
        const r = await deps.audit.purge(logCutoff(ctx), ctx.actor, { dryRun: ctx.dryRun });
        return {
          counts: { auditEntries: r.purged },
          summary: `${verb(ctx)} ${r.purged} audit entr${r.purged === 1 ? 'y' : 'ies'}${r.checkpoint ? ` (checkpoint at #${r.checkpoint})` : ''}`,
        };
      },
    },
    purgeStep(
      deps,
      'release-ledger',
      'release-ledger',
      `ledger rows older than ${policy.retentionMonths} months`,
      logCutoff,
      'ledger row(s)',
    ),
    purgeStep(
      deps,
      'sessions',
      'sessions',
      'expired sessions and logout tombstones (with their school-IdP logins), expired requests to school IdPs',
      (ctx) => ctx.now,
      'session(s)',
    ),
    purgeStep(deps, 'replay-entries', 'replay-entries', 'expired SAML request IDs (replay cache)', (ctx) => ctx.now, 'replay entr(y/ies)'),
    purgeStep(
      deps,
      'oidc-payloads',
      'oidc-payloads',
      'expired OpenID Connect sessions, grants, codes and tokens',
      (ctx) => ctx.now,
      'OIDC record(s)',
    ),
    purgeStep(deps, 'reset-tokens', 'reset-tokens', 'expired password-reset tokens and parent links', (ctx) => ctx.now, 'token(s)'),
    purgeStep(deps, 'import-uploads', 'import-uploads', 'expired uploaded LAS files', (ctx) => ctx.now, 'upload(s)'),
    purgeStep(
      deps,
      'outbox',
      'outbox',
      `mails older than ${OUTBOX_KEEP_DAYS} days`,
      (ctx) => new Date(ctx.now.getTime() - OUTBOX_KEEP_DAYS * DAY),
      'mail(s)',
    ),
    purgeStep(
      deps,
      'api-rate-windows',
      'api-rate-windows',
      'API rate windows older than a day',
      (ctx) => new Date(ctx.now.getTime() - DAY),
      'window(s)',
    ),
    {
      name: 'idle-login-counters',
      description: 'login attempt counters idle for a day (not backing off)',
      async run(ctx): Promise<StepOutcome> {
        if (ctx.dryRun) return { counts: {}, summary: 'skipped in a dry run' };
        const n = await deps.leavers.purgeIdleCounters(ctx.now);
        return { counts: { counters: n }, summary: `deleted ${n} idle login counter(s)` };
      },
    },
  ];
}

import type { Actor } from '../model';
import type { UnitOfWork } from '../ports';

/**
 * Leavers are deactivated by the import at once and deleted after the grace period: the person and
 * everything attached (credentials, sessions, memberships, licence assignments, home e-mail). The
 * ledger keeps its counts; the audit records the deletion by hub id, never by name.
 */
export class RetentionService {
  constructor(private readonly uow: UnitOfWork) {}

  async deleteLeavers(
    graceDays: number,
    actor: Actor,
    opts: { dryRun?: boolean; now?: Date } = {},
  ): Promise<{ deleted: number; bySchool: Record<string, number> }> {
    const before = new Date((opts.now ?? new Date()).getTime() - graceDays * 86_400_000);
    return this.uow.run(async (repos) => {
      const leavers = await repos.people.listDeactivatedBefore(before);
      const bySchool: Record<string, number> = {};
      for (const l of leavers) bySchool[l.schoolId] = (bySchool[l.schoolId] ?? 0) + 1;
      if (opts.dryRun) return { deleted: leavers.length, bySchool };
      for (const l of leavers) {
        const credential = await repos.credentials.findByPersonId(l.id);
        if (credential) await repos.sessions.destroyAllFor(credential.id);
        await repos.oidcPayloads.destroyForAccount(l.id);
        await repos.people.delete(l.id);
        await repos.audit.record({
          actor,
          action: 'person.delete',
          outcome: 'success',
          schoolId: l.schoolId,
          targetType: 'person',
          targetId: l.id,
          details: { reason: 'left the school', graceDays },
        });
      }
      return { deleted: leavers.length, bySchool };
    });
  }

  /** Attempt counters nobody has touched for a day (and not backing off) are only noise: removed. */
  async purgeIdleCounters(now = new Date()): Promise<number> {
    return this.uow.run((repos) => repos.throttle.purgeIdle(new Date(now.getTime() - 86_400_000)));
  }
}

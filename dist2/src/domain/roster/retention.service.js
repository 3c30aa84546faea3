"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RetentionService = void 0;
/**
 * Leavers are deactivated by the import at once and deleted after the grace period: the person and
 * everything attached (credentials, sessions, memberships, licence assignments, home e-mail). The
 * ledger keeps its counts; the audit records the deletion by hub id, never by name.
 */
class RetentionService {
    uow;
    constructor(uow) {
        this.uow = uow;
    }
    async deleteLeavers(graceDays, actor, opts = {}) {
        const before = new Date((opts.now ?? new Date()).getTime() - graceDays * 86_400_000);
        return this.uow.run(async (repos) => {
            const leavers = await repos.people.listDeactivatedBefore(before);
            const bySchool = {};
            for (const l of leavers)
                bySchool[l.schoolId] = (bySchool[l.schoolId] ?? 0) + 1;
            if (opts.dryRun)
                return { deleted: leavers.length, bySchool };
            for (const l of leavers) {
                const credential = await repos.credentials.findByPersonId(l.id);
                if (credential)
                    await repos.sessions.destroyAllFor(credential.id);
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
    /**
     * DPA art. 12: when a school's notice has ended, all its data is destroyed. The audit keeps one
     * confirmation per school (BRIN, date, how many people) — the destruction report for the school.
     */
    async destroyTerminatedSchools(actor, opts = {}) {
        return this.uow.run(async (repos) => {
            const due = await repos.agreements.dueForDestruction(opts.now ?? new Date());
            const out = [];
            for (const school of due) {
                if (opts.dryRun) {
                    out.push({ brin: school.brin, people: (await repos.people.activeIds(school.id)).length });
                    continue;
                }
                const people = await repos.agreements.destroySchool(school.id);
                await repos.audit.record({
                    actor,
                    action: 'school.destroy',
                    outcome: 'success',
                    schoolId: school.id,
                    targetType: 'school',
                    targetId: school.id,
                    details: { brin: school.brin, people, reason: 'agreement terminated', dueAt: school.destructionDueAt.toISOString() },
                });
                out.push({ brin: school.brin, people });
            }
            return out;
        });
    }
    /** Attempt counters nobody has touched for a day (and not backing off) are only noise: removed. */
    async purgeIdleCounters(now = new Date()) {
        return this.uow.run((repos) => repos.throttle.purgeIdle(new Date(now.getTime() - 86_400_000)));
    }
}
exports.RetentionService = RetentionService;
//# sourceMappingURL=retention.service.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RosterImportService = void 0;
exports.checkRoster = checkRoster;
const errors_1 = require("../errors");
const brin_1 = require("../identity/brin");
const credentials_1 = require("./credentials");
const model_1 = require("../model");
class DryRunRollback extends Error {
    summary;
    constructor(summary) {
        super('dry run');
        this.summary = summary;
    }
}
const staffSpace = (role) => (role === 'pupil' ? 'pupil' : 'staff');
const personKey = (role, lasKey) => `${staffSpace(role)}:${lasKey}`;
const FIELDS = ['firstName', 'infix', 'lastName', 'birthDate', 'gender', 'eckId', 'staffEmail'];
/** Problems the schema cannot see (CSV has no schema): duplicate keys, duplicate ECK iDs, unknown groups. */
function checkRoster(roster) {
    const problems = [];
    const groupKeys = new Set();
    for (const g of roster.groups) {
        if (groupKeys.has(g.lasKey))
            problems.push(`group key '${g.lasKey}' appears twice`);
        groupKeys.add(g.lasKey);
    }
    const seen = new Set();
    const ecks = new Set();
    for (const p of roster.people) {
        const key = `${p.role}:${p.lasKey}`;
        if (seen.has(key))
            problems.push(`${p.role === 'pupil' ? 'pupil' : 'teacher'} key '${p.lasKey}' appears twice`);
        seen.add(key);
        if (p.eckId) {
            if (ecks.has(p.eckId))
                problems.push(`ECK iD of ${p.role} '${p.lasKey}' appears twice`);
            ecks.add(p.eckId);
        }
        for (const g of p.groupKeys)
            if (!groupKeys.has(g))
                problems.push(`${p.role} '${p.lasKey}' is in unknown group '${g}'`);
        if (!p.firstName || !p.lastName)
            problems.push(`${p.role} '${p.lasKey}' has no first or last name`);
    }
    if (problems.length)
        throw new errors_1.ValidationError(`${problems.length} problem(s): ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? '; …' : ''}`);
}
/**
 * Applies a roster to a school: diff against what is stored, then one transaction — a failure leaves
 * the previous roster exactly as it was. A dry run does the same work and rolls it back.
 */
class RosterImportService {
    uow;
    hasher;
    constructor(uow, hasher) {
        this.uow = uow;
        this.hasher = hasher;
    }
    /**
     * `verdict`: the roster's source may still be checking it (the EDEXML schema runs in a worker thread
     * while the file is mapped and diffed). Nothing is hashed or committed before it resolves, and its
     * refusal is the error reported, whatever the unchecked roster caused meanwhile.
     */
    async import(roster, opts) {
        const verdict = opts.verdict ?? Promise.resolve();
        verdict.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
        try {
            return await this.importChecked(roster, opts, verdict);
        }
        catch (e) {
            await verdict;
            throw e;
        }
    }
    async importChecked(roster, opts, verdict) {
        const createAccounts = opts.createAccounts !== false;
        checkRoster(roster);
        const fileBrin = (0, brin_1.formatBrin)({ brin: roster.brin, dependanceCode: roster.dependanceCode });
        if (opts.expectedBrin && opts.expectedBrin.toUpperCase() !== fileBrin && opts.expectedBrin.toUpperCase() !== roster.brin) {
            throw new errors_1.ValidationError(`the file is for school ${fileBrin}, not ${opts.expectedBrin.toUpperCase()}`);
        }
        // Passwords for accounts that will be new are hashed before the transaction (argon2id is slow on purpose).
        const prepared = new Map();
        if (!opts.dryRun && createAccounts) {
            await verdict;
            const known = await this.uow.run(async (repos) => {
                const school = await this.school(repos, roster);
                return new Set((await repos.people.listBySchool(school.id)).filter((p) => p.lasKey).map((p) => personKey(p.role, p.lasKey)));
            });
            const fresh = roster.people.filter((p) => !known.has(personKey(p.role, p.lasKey)));
            let done = 0;
            for (let i = 0; i < fresh.length; i += 4) {
                await Promise.all(fresh.slice(i, i + 4).map(async (p) => {
                    const password = (0, credentials_1.initialPassword)(p.role);
                    prepared.set(personKey(p.role, p.lasKey), { password, hash: await this.hasher.hash(password) });
                }));
                done = Math.min(i + 4, fresh.length);
                opts.onProgress?.(done, fresh.length);
            }
        }
        try {
            return await this.uow.run(async (repos) => {
                const summary = await this.apply(repos, roster, { ...opts, createAccounts }, prepared);
                await verdict;
                if (opts.dryRun)
                    throw new DryRunRollback(summary);
                return summary;
            });
        }
        catch (e) {
            if (e instanceof DryRunRollback)
                return e.summary;
            throw e;
        }
    }
    async school(repos, roster) {
        const [school] = await repos.schools.findByBrin(roster.brin, roster.dependanceCode);
        if (!school)
            throw new errors_1.NotFoundError(`the file is for school ${(0, brin_1.formatBrin)({ brin: roster.brin, dependanceCode: roster.dependanceCode })}, which is not registered in the hub`);
        return school;
    }
    async apply(repos, roster, opts, prepared) {
        const school = await this.school(repos, roster);
        const warnings = [...(opts.warnings ?? [])];
        if (roster.people.length === 0)
            throw new errors_1.ValidationError('the file has no pupils');
        // Groups
        const storedGroups = new Map((await repos.groups.listBySchool(school.id)).map((g) => [g.lasKey, g]));
        const groupIds = new Map();
        const groupStats = { added: 0, changed: 0, unchanged: 0 };
        let movedUp = 0;
        const newGroups = roster.groups.filter((g) => !storedGroups.has(g.lasKey));
        for (const g of await repos.groups.insertMany(newGroups.map((g) => ({ schoolId: school.id, ...g }))))
            groupIds.set(g.lasKey, g);
        groupStats.added = newGroups.length;
        for (const g of roster.groups) {
            const stored = storedGroups.get(g.lasKey);
            if (!stored) {
            }
            else if (stored.name !== g.name || stored.yearGroup !== g.yearGroup || stored.kind !== g.kind) {
                if (stored.yearGroup !== null && g.yearGroup === stored.yearGroup + 1)
                    movedUp++;
                await repos.groups.update(stored.id, { name: g.name, yearGroup: g.yearGroup, kind: g.kind });
                groupIds.set(g.lasKey, { ...stored, ...g });
                groupStats.changed++;
            }
            else {
                groupIds.set(g.lasKey, stored);
                groupStats.unchanged++;
            }
        }
        const yearGroups = roster.groups.filter((g) => g.yearGroup !== null).length;
        const yearTransition = yearGroups > 1 && movedUp >= Math.ceil(yearGroups / 2);
        const groupById = new Map([...storedGroups.values(), ...groupIds.values()].map((g) => [g.id, g]));
        // People
        const storedPeople = new Map((await repos.people.listBySchool(school.id)).filter((p) => p.lasKey).map((p) => [personKey(p.role, p.lasKey), p]));
        const stats = { added: 0, changed: 0, moved: 0, reactivated: 0, deactivated: 0, unchanged: 0 };
        const newAccounts = [];
        const seen = new Set();
        const membershipsByPerson = new Map();
        for (const m of await repos.groups.membershipsAtSchool(school.id))
            membershipsByPerson.set(m.personId, [...(membershipsByPerson.get(m.personId) ?? []), m.groupId]);
        const desiredOf = (p) => p.groupKeys.map((k) => ({
            groupId: groupIds.get(k).id,
            roleInGroup: (p.role === 'pupil' ? 'member' : 'teacher'),
        }));
        const fresh = [];
        for (const p of roster.people) {
            const key = personKey(p.role, p.lasKey);
            seen.add(key);
            const stored = storedPeople.get(key);
            if (!stored) {
                fresh.push(p);
                continue;
            }
            const changed = FIELDS.filter((f) => (stored[f] ?? null) !== (p[f] ?? null));
            if (changed.length)
                await repos.people.update(stored.id, Object.fromEntries(changed.map((f) => [f, p[f]])));
            if (stored.status === 'inactive') {
                await repos.people.update(stored.id, { status: 'active' });
                stats.reactivated++;
            }
            const current = membershipsByPerson.get(stored.id) ?? [];
            const desired = desiredOf(p);
            const same = [...current].sort().join(',') ===
                desired
                    .map((d) => d.groupId)
                    .sort()
                    .join(',');
            if (!same) {
                const mainBefore = current.find((id) => groupById.get(id)?.kind === 'stamgroep');
                if (p.role === 'pupil' && desired[0] && mainBefore !== desired[0].groupId)
                    stats.moved++;
                await repos.groups.setMemberships(stored.id, desired);
            }
            if (changed.length)
                stats.changed++;
            else if (same && stored.status === 'active')
                stats.unchanged++;
        }
        // New people in one statement; their memberships likewise; accounts one by one (unique usernames).
        const ids = await repos.people.insertMany(fresh.map((p) => ({
            schoolId: school.id,
            role: p.role,
            lasKey: p.lasKey,
            eckId: p.eckId,
            firstName: p.firstName,
            infix: p.infix,
            lastName: p.lastName,
            birthDate: p.birthDate,
            gender: p.gender,
            staffEmail: p.staffEmail,
        })));
        await repos.groups.addMemberships(fresh.flatMap((p, i) => desiredOf(p).map((d) => ({ ...d, personId: ids[i] }))));
        stats.added = fresh.length;
        if (!opts.dryRun && opts.createAccounts) {
            for (let i = 0; i < fresh.length; i++)
                newAccounts.push(await this.createAccount(repos, ids[i], fresh[i], personKey(fresh[i].role, fresh[i].lasKey), prepared, groupIds));
        }
        // Leavers: deactivated at once (data deleted after the grace period by the retention job).
        for (const [key, stored] of storedPeople) {
            if (seen.has(key) || stored.status !== 'active')
                continue;
            if (stored.role === 'delegate')
                continue; // delegates are appointed in the hub, not by the LAS
            await repos.people.update(stored.id, { status: 'inactive' });
            stats.deactivated++;
        }
        if (stats.deactivated > 0 && stats.deactivated >= storedPeople.size / 2) {
            warnings.push(`${stats.deactivated} of ${storedPeople.size} people would leave the school: is this the complete export?`);
        }
        for (const p of roster.people)
            if (p.role === 'pupil' && p.groupKeys.length === 0)
                warnings.push(`pupil '${p.lasKey}' is in no group`);
        const summary = {
            school: (0, brin_1.formatBrin)(school),
            source: opts.source,
            dryRun: opts.dryRun,
            groups: groupStats,
            people: stats,
            yearTransition,
            warnings,
            newAccounts,
        };
        await repos.audit.record({
            actor: opts.actor,
            action: opts.dryRun ? 'roster.import.dry_run' : 'roster.import',
            outcome: 'success',
            schoolId: school.id,
            targetType: 'school',
            targetId: school.id,
            details: { source: opts.source, groups: groupStats, people: stats, yearTransition, warnings: warnings.length },
        });
        return summary;
    }
    async createAccount(repos, personId, p, key, prepared, groups) {
        const base = (0, credentials_1.usernameBase)(p.firstName, p.lastName, p.lasKey);
        let username = base;
        for (let n = 2; await repos.credentials.findByUsername(username); n++)
            username = `${base}${n}`;
        const secret = prepared.get(key) ??
            (() => {
                throw new errors_1.ConflictError('the roster changed while the import was running; run it again');
            })();
        // Staff passwords on a card are one-time; young pupils keep theirs (their teacher manages it).
        await repos.credentials.insert({ personId, username, passwordHash: secret.hash, mustChangePassword: p.role === 'teacher' });
        return {
            role: p.role,
            lasKey: p.lasKey,
            displayName: (0, model_1.displayName)(p),
            groupNames: p.groupKeys.map((k) => groups.get(k)?.name ?? k),
            username,
            password: secret.password,
        };
    }
}
exports.RosterImportService = RosterImportService;
//# sourceMappingURL=import.service.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.coveredPeople = coveredPeople;
exports.coversPerson = coversPerson;
exports.periodsOverlap = periodsOverlap;
/**
 * Whom a licence covers — one rule in two shapes: `coveredPeople` for everyone at once (seats, the
 * roster), `coversPerson` for one person (SSO). A whole-school licence covers every active person; an
 * assigned one the members of its groups and the people assigned to it personally (each counted once).
 */
async function coveredPeople(repos, licence, extra = []) {
    if (licence.scope === 'all') {
        return new Set(await repos.people.activeIds(licence.schoolId));
    }
    const covered = new Set();
    for (const a of [...(await repos.licences.assignments(licence.id)), ...extra]) {
        if (a.personId)
            covered.add(a.personId);
        if (a.groupId)
            for (const id of await repos.groups.memberIds(a.groupId))
                covered.add(id);
    }
    return covered;
}
function coversPerson(licence, assignments, personId, groupIds) {
    if (licence.scope === 'all')
        return true;
    return assignments.some((a) => a.personId === personId || (a.groupId !== null && groupIds.has(a.groupId)));
}
function periodsOverlap(a, b) {
    return a.validFrom < b.validUntil && b.validFrom < a.validUntil;
}
//# sourceMappingURL=seats.js.map
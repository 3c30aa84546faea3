"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isActivated = isActivated;
exports.checkParticipantAccess = checkParticipantAccess;
exports.schoolAccess = schoolAccess;
const seats_1 = require("./seats");
/**
 * The licence gate — where access is decided, for SSO, the portal, launch and the roster API alike: a
 * person's data may go to a participant only while the person is active, the school has switched data
 * transfer to the participant on, and a licence for one of the participant's products is valid now and
 * covers the person (the whole school, one of their groups, or them). The release pipeline takes the
 * decision made here and releases nothing without it.
 */
async function isActivated(repos, schoolId, participantId) {
    return (await repos.activations.find(schoolId, participantId))?.enabled === true;
}
/** The school's licences for the participant's products that are valid at `now`. */
async function currentLicences(repos, schoolId, participantId, now) {
    const productIds = new Set((await repos.products.listByParticipant(participantId)).map((p) => p.id));
    return (await repos.licences.listBySchool(schoolId)).filter((l) => productIds.has(l.productId) && l.validFrom <= now && now < l.validUntil);
}
const decide = (person, activated, grantedProducts) => {
    if (person.status !== 'active')
        return { allowed: false, reason: 'person_inactive' };
    if (!activated)
        return { allowed: false, reason: 'not_activated' };
    return grantedProducts.length ? { allowed: true, productIds: [...new Set(grantedProducts)] } : { allowed: false, reason: 'no_licence' };
};
/** The decision for one person (SSO, portal, launch). */
async function checkParticipantAccess(repos, person, participantId, now) {
    if (person.status !== 'active' || !(await isActivated(repos, person.schoolId, participantId)))
        return decide(person, false, []);
    const groupIds = new Set((await repos.groups.membershipsOf(person.id)).map((m) => m.groupId));
    const granted = [];
    for (const licence of await currentLicences(repos, person.schoolId, participantId, now)) {
        if ((0, seats_1.coversPerson)(licence, await repos.licences.assignments(licence.id), person.id, groupIds))
            granted.push(licence.productId);
    }
    return decide(person, true, granted);
}
/** The same decision for everyone at a school at once (the roster API): each licence's coverage read once. */
async function schoolAccess(repos, schoolId, participantId, now) {
    const activated = await isActivated(repos, schoolId, participantId);
    const coverage = [];
    if (activated)
        for (const licence of await currentLicences(repos, schoolId, participantId, now))
            coverage.push({ productId: licence.productId, people: await (0, seats_1.coveredPeople)(repos, licence) });
    return (person) => decide(person, activated, coverage.filter((c) => c.people.has(person.id)).map((c) => c.productId));
}
//# sourceMappingURL=access.js.map
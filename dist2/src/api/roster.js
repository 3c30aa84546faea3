"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.participantRequestedCategories = participantRequestedCategories;
exports.activatedSchool = activatedSchool;
exports.userResource = userResource;
exports.rosterPage = rosterPage;
exports.pseudonymIndex = pseudonymIndex;
const field_cipher_1 = require("../crypto/field-cipher");
const brin_1 = require("../domain/identity/brin");
const access_1 = require("../domain/licensing/access");
const attributes_1 = require("../saml/attributes");
const pipeline_1 = require("../release/pipeline");
/**
 * What the roster API may show a participant: only schools that activated it, only people the licence gate
 * lets through (the same gate as SSO, for a whole school at once), only the categories the release
 * pipeline lets through — the same chain as SSO, with the participant's SPs' requested attributes.
 */
/** What the participant's SPs ask for together: the roster releases the same categories as SSO. */
async function participantRequestedCategories(repos, participantId) {
    const out = new Set();
    for (const sp of await repos.serviceProviders.list())
        if (sp.participantId === participantId)
            for (const c of (0, attributes_1.requestedCategories)(sp))
                out.add(c);
    return out;
}
/** The school, when it activated the participant; null otherwise (the API answers 404 either way). */
async function activatedSchool(repos, participantId, brinInput) {
    let code;
    try {
        code = (0, brin_1.parseBrin)(brinInput);
    }
    catch {
        return null;
    }
    const [school] = await repos.schools.findByBrin(code.brin, code.dependanceCode);
    return school && (await (0, access_1.isActivated)(repos, school.id, participantId)) ? school : null;
}
/** Released values → a OneRoster-shaped user; fields appear only for released categories. */
function userResource(person, pseudonym, released) {
    const r = {
        sourcedId: pseudonym,
        role: person.role === 'pupil' ? 'student' : person.role === 'teacher' ? 'teacher' : 'administrator',
    };
    if (released.firstName)
        r.givenName = released.firstName[0];
    if (released.infix)
        r.middleName = released.infix[0];
    if (released.lastName)
        r.familyName = released.lastName[0];
    if (released.birthDate)
        r.birthDate = released.birthDate[0];
    if (released.gender) {
        const g = released.gender[0];
        if (g === 'M' || g === 'V')
            r.sex = g === 'M' ? 'male' : 'female';
    }
    if (released.email)
        r.email = released.email[0];
    if (released.eckId)
        r.userIds = released.eckId.map((identifier) => ({ type: 'ECK iD', identifier }));
    if (released.groupKey)
        r.classes = released.groupKey.map((sourcedId, i) => ({ sourcedId, ...(released.groupName ? { title: released.groupName[i] } : {}) }));
    if (released.yearGroup)
        r.grades = released.yearGroup;
    if (released.brin)
        r.orgs = released.brin.map((sourcedId) => ({ sourcedId }));
    if (released.affiliation)
        r.affiliations = released.affiliation;
    return r;
}
/**
 * One page of a school's pupils or staff for a participant, each person through the release chain.
 * People without a valid assigned licence are not in the list at all.
 */
async function rosterPage(ctx, q) {
    const { repos } = ctx;
    const accessOf = await (0, access_1.schoolAccess)(repos, q.school.id, q.participant.id, q.now);
    const requested = await participantRequestedCategories(repos, q.participant.id);
    const people = (await repos.people.listChanged(q.school.id, q.changedSince)).filter((p) => q.roles.includes(p.role) && accessOf(p).allowed);
    const page = people.slice(q.offset, q.offset + q.limit);
    const groupsById = new Map((await repos.groups.listBySchool(q.school.id)).map((g) => [g.id, g]));
    const membershipsByPerson = new Map();
    for (const m of await repos.groups.membershipsAtSchool(q.school.id))
        membershipsByPerson.set(m.personId, [...(membershipsByPerson.get(m.personId) ?? []), m.groupId]);
    const users = [];
    const categories = new Set();
    for (const person of page) {
        const groups = (0, pipeline_1.mainGroupFirst)((membershipsByPerson.get(person.id) ?? []).map((id) => groupsById.get(id)).filter((g) => g !== undefined));
        const released = (0, pipeline_1.release)({ person, school: q.school, groups, participant: q.participant, requested, access: accessOf(person) });
        for (const c of Object.keys(released))
            categories.add(c);
        users.push(userResource(person, (0, field_cipher_1.pairwisePseudonym)(ctx.keyring, q.participant.id, person.id), released));
    }
    return { users, categories: [...categories], total: people.length };
}
/** The participant's pseudonyms for everyone at a school (pseudonyms are not reversible: we compare). */
async function pseudonymIndex(ctx, school, participantId) {
    const index = new Map();
    for (const p of await ctx.repos.people.listBySchool(school.id))
        index.set((0, field_cipher_1.pairwisePseudonym)(ctx.keyring, participantId, p.id), p);
    return index;
}
//# sourceMappingURL=roster.js.map
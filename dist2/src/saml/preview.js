"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.previewRelease = previewRelease;
const pipeline_1 = require("../release/pipeline");
const attributes_1 = require("./attributes");
/** A person with every field filled: the preview shows the policy, not gaps in one person's data. */
function fullPerson(role, schoolId) {
    return {
        id: 'preview',
        schoolId,
        role,
        lasKey: 'K',
        eckId: 'E',
        firstName: 'F',
        infix: 'I',
        lastName: 'L',
        birthDate: '2000-01-01',
        gender: 'M',
        staffEmail: role === 'pupil' ? null : 'e@x',
        status: 'active',
    };
}
/**
 * Exactly what an SP would receive for a pupil and for a teacher of a school (names, never values):
 * the same release chain as the SSO response, for people holding a valid assigned licence.
 */
function previewRelease(sp, participant, school, activated) {
    const requested = (0, attributes_1.requestedCategories)(sp);
    // The preview is for a person the gate lets through (licensed) — unless the school has not activated.
    const access = activated ? { allowed: true, productIds: [] } : { allowed: false, reason: 'not_activated' };
    const roles = ['pupil', 'teacher'].map((role) => {
        const categories = [...(0, pipeline_1.releasedCategories)({ person: fullPerson(role, school.id), school, groups: [], participant, requested, access })];
        return { role, categories, attributes: categories.map((c) => ({ ...attributes_1.ATTRIBUTE_NAMES[c] })) };
    });
    return {
        entityId: sp.entityId,
        participant: participant.name,
        school: school.brin,
        activated,
        blockedBy: activated ? null : 'not_activated',
        roles,
        note: 'for people holding a valid licence assigned to them; plus a pairwise pseudonym as NameID; categories a person has no value for are left out',
    };
}
//# sourceMappingURL=preview.js.map
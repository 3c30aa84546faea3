"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_RELEASE = exports.ANNEX_BY_ROLE = exports.CATEGORIES = void 0;
/**
 * Data categories of the privacy annex (D). Nothing outside this list is ever released; the hub's
 * internal ID never leaves (participants get a pairwise pseudonym as NameID instead).
 */
exports.CATEGORIES = [
    'firstName',
    'infix',
    'lastName',
    'birthDate',
    'gender',
    'eckId',
    'pupilKey',
    'teacherKey',
    'groupKey',
    'groupName',
    'yearGroup',
    'brin',
    'email',
    'affiliation',
];
const COMMON = [
    'firstName',
    'infix',
    'lastName',
    'birthDate',
    'gender',
    'eckId',
    'groupKey',
    'groupName',
    'yearGroup',
    'brin',
    'affiliation',
];
/** (a) What the annex allows per role. */
exports.ANNEX_BY_ROLE = Object.freeze({
    pupil: [...COMMON, 'pupilKey'],
    teacher: [...COMMON, 'teacherKey', 'email'],
    delegate: [...COMMON, 'teacherKey', 'email'],
});
/**
 * What a participant gets unless an operator recorded a need (UWLR "smalle set"): names, group, year
 * group, BRIN, ECK iD, affiliation. Birth date, gender and e-mail only with a recorded need; LAS keys never by default.
 */
exports.DEFAULT_RELEASE = [
    'firstName',
    'infix',
    'lastName',
    'eckId',
    'groupKey',
    'groupName',
    'yearGroup',
    'brin',
    'affiliation',
];
//# sourceMappingURL=categories.js.map
import type { PersonRole } from '../domain/model';

/**
 * Data categories of the privacy annex (D). Nothing outside this list is ever released; the hub's
 * internal ID never leaves: its annex category ("hub ID, generated") goes out only as `pseudonym`, the
 * participant's pairwise pseudonym (the persistent NameID, and on request the pairwise-id attribute).
 */
export const CATEGORIES = [
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
  'pseudonym',
] as const;
export type Category = (typeof CATEGORIES)[number];

const COMMON: readonly Category[] = [
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
  'pseudonym',
];

/** (a) What the annex allows per role. */
export const ANNEX_BY_ROLE: Readonly<Record<PersonRole, readonly Category[]>> = Object.freeze({
  pupil: [...COMMON, 'pupilKey'],
  teacher: [...COMMON, 'teacherKey', 'email'],
  delegate: [...COMMON, 'teacherKey', 'email'],
});

/**
 * What a participant gets unless an operator recorded a need (UWLR "smalle set"): names, group, year
 * group, BRIN, ECK iD, affiliation, the pairwise pseudonym. Birth date, gender and e-mail only with a recorded need; LAS keys never by default.
 */
export const DEFAULT_RELEASE: readonly Category[] = [
  'firstName',
  'infix',
  'lastName',
  'eckId',
  'groupKey',
  'groupName',
  'yearGroup',
  'brin',
  'affiliation',
  'pseudonym',
];

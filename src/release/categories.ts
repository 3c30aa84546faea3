import type { PersonRole } from '../domain/model';

/**
 * Data categories of the privacy annex (D). Nothing outside this list is ever released; the hub's
 * internal ID never leaves (participants get a pairwise pseudonym as NameID instead).
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
] as const;
export type Category = (typeof CATEGORIES)[number];

/** How each category is named for people (the breach notification, the console), Dutch and English. */
export const CATEGORY_LABELS: Readonly<Record<Category, { readonly nl: string; readonly en: string }>> = Object.freeze({
  firstName: { nl: 'voornaam', en: 'first name' },
  infix: { nl: 'tussenvoegsel', en: 'infix' },
  lastName: { nl: 'achternaam', en: 'last name' },
  birthDate: { nl: 'geboortedatum', en: 'birth date' },
  gender: { nl: 'geslacht', en: 'gender' },
  eckId: { nl: 'ECK iD', en: 'ECK iD' },
  pupilKey: { nl: 'leerlingsleutel', en: 'pupil key' },
  teacherKey: { nl: 'leraarsleutel', en: 'teacher key' },
  groupKey: { nl: 'groepssleutel', en: 'group key' },
  groupName: { nl: 'groepsnaam', en: 'group name' },
  yearGroup: { nl: 'jaargroep', en: 'year group' },
  brin: { nl: 'BRIN', en: 'BRIN' },
  email: { nl: 'e-mailadres', en: 'e-mail address' },
  affiliation: { nl: 'rol (leerling/leraar)', en: 'affiliation (pupil/teacher)' },
});

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
];

/** (a) What the annex allows per role. */
export const ANNEX_BY_ROLE: Readonly<Record<PersonRole, readonly Category[]>> = Object.freeze({
  pupil: [...COMMON, 'pupilKey'],
  teacher: [...COMMON, 'teacherKey', 'email'],
  delegate: [...COMMON, 'teacherKey', 'email'],
});

/**
 * What a participant gets unless an operator recorded a need (UWLR "smalle set"): names, group, year
 * group, BRIN, ECK iD, affiliation. Birth date, gender and e-mail only with a recorded need; LAS keys never by default.
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
];

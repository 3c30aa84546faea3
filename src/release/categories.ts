import type { Participant, PersonRole } from '../domain/model';

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

export const isCategory = (c: string): c is Category => (CATEGORIES as readonly string[]).includes(c);

/**
 * What a participant declared it processes (its privacy annex, annex 1 D) — the most the release chain
 * lets through to it. Without a declared annex: the default plus the needs an operator recorded.
 */
export function declaredCategories(p: Participant): Category[] {
  if (p.annex) return p.annex.categories.filter(isCategory);
  return [
    ...DEFAULT_RELEASE,
    ...(p.needsBirthDate ? (['birthDate'] as const) : []),
    ...(p.needsGender ? (['gender'] as const) : []),
    ...(p.needsEmail ? (['email'] as const) : []),
  ];
}

/** Plain-language names of the categories, Dutch and English (what a school reads before data flows). */
export const CATEGORY_TEXT: Readonly<Record<Category, readonly [string, string]>> = Object.freeze({
  firstName: ['voornaam', 'first name'],
  infix: ['tussenvoegsel', 'infix'],
  lastName: ['achternaam', 'last name'],
  birthDate: ['geboortedatum', 'birth date'],
  gender: ['geslacht', 'gender'],
  eckId: ['ECK iD (landelijke pseudonieme sleutel)', 'ECK iD (national pseudonymous key)'],
  pupilKey: ['leerlingnummer uit de administratie', 'pupil key from the administration'],
  teacherKey: ['medewerkernummer uit de administratie', 'teacher key from the administration'],
  groupKey: ['groepscode', 'group key'],
  groupName: ['groepsnaam', 'group name'],
  yearGroup: ['jaargroep', 'year group'],
  brin: ['BRIN-nummer van de school', 'school BRIN number'],
  email: ['e-mailadres', 'e-mail address'],
  affiliation: ['rol (leerling of leerkracht)', 'role (pupil or teacher)'],
  pseudonym: ['Leerpoort-ID als pseudoniem, per uitgever anders', 'Leerpoort ID as a pseudonym, different per publisher'],
});

/** CATEGORY_TEXT as `{ nl, en }` (the breach register's notification and form). */
export const CATEGORY_LABELS: Readonly<Record<Category, { readonly nl: string; readonly en: string }>> = Object.freeze(
  Object.fromEntries(Object.entries(CATEGORY_TEXT).map(([c, [nl, en]]) => [c, { nl, en }])) as Record<Category, { nl: string; en: string }>,
);

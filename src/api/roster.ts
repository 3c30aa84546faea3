import { type Keyring, pairwisePseudonym } from '../crypto/field-cipher';
import { type BrinCode, parseBrin } from '../domain/identity/brin';
import { isActivated, schoolAccess } from '../domain/licensing/access';
import { isSuspended } from '../domain/misuse/suspension';
import type { Group, Participant, Person, School } from '../domain/model';
import type { Repositories } from '../domain/ports';
import { requestedCategories } from '../saml/attributes';
import type { Category } from '../release/categories';
import { mainGroupFirst, release, type ReleasedValues } from '../release/pipeline';

/** The repositories this module uses (and no others). */
type Repos = Pick<Repositories, 'activations' | 'groups' | 'licences' | 'people' | 'products' | 'schools' | 'serviceProviders'>;

/**
 * What the roster API may show a participant: only schools that activated it, only people the licence gate
 * lets through (the same gate as SSO, for a whole school at once), only the categories the release
 * pipeline lets through — the same chain as SSO, with the participant's SPs' requested attributes.
 */

/** What the participant's SPs ask for together: the roster releases the same categories as SSO. */
export async function participantRequestedCategories(repos: Repos, participantId: string): Promise<Set<Category>> {
  const out = new Set<Category>();
  for (const sp of await repos.serviceProviders.list())
    if (sp.participantId === participantId) for (const c of requestedCategories(sp)) out.add(c);
  return out;
}

/**
 * The school, when it activated the participant and is not suspended (agreement art. 12); null otherwise
 * (the API answers 404 either way: a suspended school's data reaches no participant).
 */
export async function activatedSchool(repos: Repos, participantId: string, brinInput: string): Promise<School | null> {
  let code: BrinCode;
  try {
    code = parseBrin(brinInput);
  } catch {
    return null;
  }
  const [school] = await repos.schools.findByBrin(code.brin, code.dependanceCode);
  return school && !isSuspended(school) && (await isActivated(repos, school.id, participantId)) ? school : null;
}

export interface UserResource {
  sourcedId: string;
  role: 'student' | 'teacher' | 'administrator';
  givenName?: string;
  middleName?: string;
  familyName?: string;
  birthDate?: string;
  sex?: 'male' | 'female';
  email?: string;
  userIds?: Array<{ type: 'ECK iD'; identifier: string }>;
  classes?: Array<{ sourcedId: string; title?: string }>;
  grades?: string[];
  orgs?: Array<{ sourcedId: string }>;
  affiliations?: string[];
}

/** Released values → a OneRoster-shaped user; fields appear only for released categories. */
export function userResource(person: Person, pseudonym: string, released: ReleasedValues): UserResource {
  const r: UserResource = {
    sourcedId: pseudonym,
    role: person.role === 'pupil' ? 'student' : person.role === 'teacher' ? 'teacher' : 'administrator',
  };
  if (released.firstName) r.givenName = released.firstName[0];
  if (released.infix) r.middleName = released.infix[0];
  if (released.lastName) r.familyName = released.lastName[0];
  if (released.birthDate) r.birthDate = released.birthDate[0];
  if (released.gender) {
    const g = released.gender[0];
    if (g === 'M' || g === 'V') r.sex = g === 'M' ? 'male' : 'female';
  }
  if (released.email) r.email = released.email[0];
  if (released.eckId) r.userIds = released.eckId.map((identifier) => ({ type: 'ECK iD' as const, identifier }));
  if (released.groupKey)
    r.classes = released.groupKey.map((sourcedId, i) => ({ sourcedId, ...(released.groupName ? { title: released.groupName[i] } : {}) }));
  if (released.yearGroup) r.grades = released.yearGroup;
  if (released.brin) r.orgs = released.brin.map((sourcedId) => ({ sourcedId }));
  if (released.affiliation) r.affiliations = released.affiliation;
  return r;
}

export interface RosterPage {
  users: UserResource[];
  categories: Category[];
  total: number;
}

/**
 * One page of a school's pupils or staff for a participant, each person through the release chain.
 * People without a valid assigned licence are not in the list at all.
 */
export async function rosterPage(
  ctx: { repos: Repos; keyring: Keyring },
  q: {
    participant: Participant;
    school: School;
    roles: ReadonlyArray<Person['role']>;
    changedSince: Date | null;
    limit: number;
    offset: number;
    now: Date;
  },
): Promise<RosterPage> {
  const { repos } = ctx;
  const accessOf = await schoolAccess(repos, q.school.id, q.participant.id, q.now);
  const requested = await participantRequestedCategories(repos, q.participant.id);
  const people = (await repos.people.listChanged(q.school.id, q.changedSince)).filter(
    (p) => q.roles.includes(p.role) && accessOf(p).allowed,
  );
  const page = people.slice(q.offset, q.offset + q.limit);
  const groupsById = new Map((await repos.groups.listBySchool(q.school.id)).map((g) => [g.id, g]));
  const membershipsByPerson = new Map<string, string[]>();
  for (const m of await repos.groups.membershipsAtSchool(q.school.id))
    membershipsByPerson.set(m.personId, [...(membershipsByPerson.get(m.personId) ?? []), m.groupId]);
  const users: UserResource[] = [];
  const categories = new Set<Category>();
  for (const person of page) {
    const groups = mainGroupFirst(
      (membershipsByPerson.get(person.id) ?? []).map((id) => groupsById.get(id)).filter((g): g is Group => g !== undefined),
    );
    const released = release({ person, school: q.school, groups, participant: q.participant, requested, access: accessOf(person) });
    for (const c of Object.keys(released) as Category[]) categories.add(c);
    users.push(userResource(person, pairwisePseudonym(ctx.keyring, q.participant.id, person.id), released));
  }
  return { users, categories: [...categories], total: people.length };
}

/** The participant's pseudonyms for everyone at a school (pseudonyms are not reversible: we compare). */
export async function pseudonymIndex(
  ctx: { repos: Repos; keyring: Keyring },
  school: School,
  participantId: string,
): Promise<Map<string, Person>> {
  const index = new Map<string, Person>();
  for (const p of await ctx.repos.people.listBySchool(school.id)) index.set(pairwisePseudonym(ctx.keyring, participantId, p.id), p);
  return index;
}

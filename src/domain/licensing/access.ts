import type { Activation, Licence, Participant, Person, School } from '../model';
import { isSuspended } from '../misuse/suspension';
import type { Repositories } from '../ports';
import { coveredPeople, coversPerson } from './seats';

/** The repositories this module uses (and no others). */
type Repos = Pick<Repositories, 'activations' | 'groups' | 'licences' | 'people' | 'products' | 'schools'>;

export type AccessRefusal = 'person_inactive' | 'school_suspended' | 'not_activated' | 'no_licence';

export type AccessDecision =
  | {
      readonly allowed: true;
      readonly productIds: readonly string[];
      /**
       * DPA art. 13.3: what the school accepted of the participant's annex while a widening waits for its
       * acceptance (the release keeps to these); null: nothing pending. Read from the activation itself.
       */
      readonly acceptedCategories: readonly string[] | null;
    }
  | { readonly allowed: false; readonly reason: AccessRefusal };

/**
 * The licence gate — where access is decided, for SSO, the portal, launch and the roster API alike: a
 * person's data may go to a participant only while the person is active, the school has switched data
 * transfer to the participant on, and a licence for one of the participant's products is valid now and
 * covers the person (the whole school, one of their groups, or them). The release pipeline takes the
 * decision made here and releases nothing without it. A suspended school (art. 12, misuse/suspension.ts)
 * reaches no participant at all: its activations and licences stay, unused, until the suspension is lifted.
 */

/** Whether the school exists and is not suspended: the first question for every participant. */
async function schoolServed(repos: Repos, schoolId: string): Promise<boolean> {
  const school = await repos.schools.findById(schoolId);
  return school !== null && !isSuspended(school);
}

export async function isActivated(repos: Repos, schoolId: string, participantId: string): Promise<boolean> {
  return (await repos.activations.find(schoolId, participantId))?.enabled === true;
}

/** The school's activation of the participant when it is on, else null. */
async function activeActivation(repos: Repos, schoolId: string, participantId: string): Promise<Activation | null> {
  const a = await repos.activations.find(schoolId, participantId);
  return a?.enabled === true ? a : null;
}

/** The school's licences for the participant's products that are valid at `now`. */
async function currentLicences(repos: Repos, schoolId: string, participantId: string, now: Date): Promise<Licence[]> {
  const productIds = new Set((await repos.products.listByParticipant(participantId)).map((p) => p.id));
  return (await repos.licences.listBySchool(schoolId)).filter(
    (l) => productIds.has(l.productId) && l.validFrom <= now && now < l.validUntil,
  );
}

const decide = (person: Person, activation: Activation | null, grantedProducts: readonly string[]): AccessDecision => {
  if (person.status !== 'active') return { allowed: false, reason: 'person_inactive' };
  if (!activation) return { allowed: false, reason: 'not_activated' };
  return grantedProducts.length
    ? { allowed: true, productIds: [...new Set(grantedProducts)], acceptedCategories: activation.acceptedCategories ?? null }
    : { allowed: false, reason: 'no_licence' };
};

/** The decision for one person (SSO, portal, launch). */
export async function checkParticipantAccess(repos: Repos, person: Person, participantId: string, now: Date): Promise<AccessDecision> {
  if (person.status === 'active' && !(await schoolServed(repos, person.schoolId))) return { allowed: false, reason: 'school_suspended' };
  const activation = person.status === 'active' ? await activeActivation(repos, person.schoolId, participantId) : null;
  if (!activation) return decide(person, null, []);
  const groupIds = new Set((await repos.groups.membershipsOf(person.id)).map((m) => m.groupId));
  const granted: string[] = [];
  for (const licence of await currentLicences(repos, person.schoolId, participantId, now)) {
    if (coversPerson(licence, await repos.licences.assignments(licence.id), person.id, groupIds)) granted.push(licence.productId);
  }
  return decide(person, activation, granted);
}

/** Who is asking and the gate's decision for them; `unknown_user` when the person, their school or the participant is gone. */
export type PersonAccess =
  | { readonly known: false; readonly reason: 'unknown_user' }
  | {
      readonly known: true;
      readonly person: Person;
      readonly school: School;
      readonly participant: Participant;
      readonly access: AccessDecision;
    };

/**
 * The decision for a logged-in person by id (SAML SSO, OIDC authorization and token issuance): the
 * person, their school and the participant as stored now, and checkParticipantAccess over them.
 */
export async function accessForPerson(
  repos: Repos & Pick<Repositories, 'participants'>,
  personId: string | null,
  participantId: string,
  now: Date,
): Promise<PersonAccess> {
  const person = personId ? await repos.people.findById(personId) : null;
  const school = person ? await repos.schools.findById(person.schoolId) : null;
  const participant = await repos.participants.findById(participantId);
  if (!person || !school || !participant) return { known: false, reason: 'unknown_user' };
  return { known: true, person, school, participant, access: await checkParticipantAccess(repos, person, participant.id, now) };
}

/** The same decision for everyone at a school at once (the roster API): each licence's coverage read once. */
export async function schoolAccess(
  repos: Repos,
  schoolId: string,
  participantId: string,
  now: Date,
): Promise<(person: Person) => AccessDecision> {
  if (!(await schoolServed(repos, schoolId))) return () => ({ allowed: false, reason: 'school_suspended' });
  const activation = await activeActivation(repos, schoolId, participantId);
  const coverage: Array<{ productId: string; people: Set<string> }> = [];
  if (activation)
    for (const licence of await currentLicences(repos, schoolId, participantId, now))
      coverage.push({ productId: licence.productId, people: await coveredPeople(repos, licence) });
  return (person) =>
    decide(
      person,
      activation,
      coverage.filter((c) => c.people.has(person.id)).map((c) => c.productId),
    );
}

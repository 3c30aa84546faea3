import type { Licence, LicenceAssignment } from '../model';
import type { Repositories } from '../ports';

/**
 * Whom a licence covers — one rule in two shapes: `coveredPeople` for everyone at once (seats, the
 * roster), `coversPerson` for one person (SSO). A whole-school licence covers every active person; an
 * assigned one the members of its groups and the people assigned to it personally (each counted once).
 */
export async function coveredPeople(
  repos: Pick<Repositories, 'groups' | 'licences' | 'people'>,
  licence: Licence,
  extra: readonly LicenceAssignment[] = [],
): Promise<Set<string>> {
  if (licence.scope === 'all') {
    return new Set(await repos.people.activeIds(licence.schoolId));
  }
  const covered = new Set<string>();
  for (const a of [...(await repos.licences.assignments(licence.id)), ...extra]) {
    if (a.personId) covered.add(a.personId);
    if (a.groupId) for (const id of await repos.groups.memberIds(a.groupId)) covered.add(id);
  }
  return covered;
}

export function coversPerson(
  licence: Licence,
  assignments: readonly LicenceAssignment[],
  personId: string,
  groupIds: ReadonlySet<string>,
): boolean {
  if (licence.scope === 'all') return true;
  return assignments.some((a) => a.personId === personId || (a.groupId !== null && groupIds.has(a.groupId)));
}

export function periodsOverlap(a: { validFrom: Date; validUntil: Date }, b: { validFrom: Date; validUntil: Date }): boolean {
  return a.validFrom < b.validUntil && b.validFrom < a.validUntil;
}

import type { Licence, LicenceAssignment } from '../model';
import type { Repositories } from '../ports';

/**
 * People a licence covers: everyone active at the school for a whole-school licence, else the union
 * of the assigned groups' members and the individually assigned people (counted once each).
 */
export async function coveredPeople(repos: Repositories, licence: Licence, extra: readonly LicenceAssignment[] = []): Promise<Set<string>> {
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

export function periodsOverlap(a: { validFrom: Date; validUntil: Date }, b: { validFrom: Date; validUntil: Date }): boolean {
  return a.validFrom < b.validUntil && b.validFrom < a.validUntil;
}

import type { School } from '../model';
import type { Repositories } from '../ports';

/**
 * The addresses the hub writes to when it tells a school something (the agreement, maintenance): the work
 * e-mail of every active delegate (ICT coordinator) of each school `include` accepts. One home, so every
 * notice reaches the same people.
 */
export async function delegateAddresses(
  repos: Pick<Repositories, 'people' | 'schools'>,
  include: (school: School) => boolean,
): Promise<string[]> {
  const addresses: string[] = [];
  for (const school of await repos.schools.list()) {
    if (!include(school)) continue;
    for (const p of await repos.people.listBySchool(school.id))
      if (p.role === 'delegate' && p.status === 'active' && p.staffEmail) addresses.push(p.staffEmail);
  }
  return addresses;
}

import type { Person } from '../model';
import type { Repositories } from '../ports';

export type AccessRefusal = 'person_inactive' | 'not_activated' | 'no_licence';

export type AccessDecision = { readonly allowed: true; readonly productIds: readonly string[] } | { readonly allowed: false; readonly reason: AccessRefusal };

/**
 * May this person's data go to this participant now? Only when the school activated data transfer to
 * the participant and the person holds a licence for one of its products that is valid at `now` and
 * assigned to them (the whole school, one of their groups, or them personally).
 */
export async function checkParticipantAccess(repos: Repositories, person: Person, participantId: string, now: Date): Promise<AccessDecision> {
  if (person.status !== 'active') return { allowed: false, reason: 'person_inactive' };
  const activation = await repos.activations.find(person.schoolId, participantId);
  if (!activation?.enabled) return { allowed: false, reason: 'not_activated' };

  const productIds = new Set((await repos.products.listByParticipant(participantId)).map((p) => p.id));
  const licences = (await repos.licences.listBySchool(person.schoolId)).filter(
    (l) => productIds.has(l.productId) && l.validFrom <= now && now < l.validUntil,
  );
  const groupIds = new Set((await repos.groups.membershipsOf(person.id)).map((m) => m.groupId));
  const granted: string[] = [];
  for (const licence of licences) {
    if (licence.scope === 'all') {
      granted.push(licence.productId);
      continue;
    }
    const assignments = await repos.licences.assignments(licence.id);
    if (assignments.some((a) => a.personId === person.id || (a.groupId !== null && groupIds.has(a.groupId)))) granted.push(licence.productId);
  }
  return granted.length ? { allowed: true, productIds: [...new Set(granted)] } : { allowed: false, reason: 'no_licence' };
}

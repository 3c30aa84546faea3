import type { Participant, Person, PersonRole, School, ServiceProvider } from '../domain/model';
import type { Category } from '../release/categories';
import { releasedCategories } from '../release/pipeline';
import { requestedDefinitions } from './attributes';
import type { AccessDecision } from '../domain/licensing/access';

export interface RolePreview {
  readonly role: PersonRole;
  readonly categories: readonly Category[];
  readonly attributes: ReadonlyArray<{ readonly name: string; readonly friendlyName: string }>;
}

export interface SpPreview {
  readonly entityId: string;
  readonly participant: string;
  readonly school: string;
  readonly activated: boolean;
  /** Why nothing would be released, when nothing would be. */
  readonly blockedBy: 'not_activated' | null;
  readonly roles: readonly RolePreview[];
  readonly note: string;
}

/** A person with every field filled: the preview shows the policy, not gaps in one person's data. */
function fullPerson(role: PersonRole, schoolId: string): Person {
  return {
    id: 'preview',
    schoolId,
    role,
    lasKey: 'K',
    eckId: 'E',
    firstName: 'F',
    infix: 'I',
    lastName: 'L',
    birthDate: '2000-01-01',
    gender: 'M',
    staffEmail: role === 'pupil' ? null : 'e@x',
    status: 'active',
  };
}

/**
 * Exactly what an SP would receive for a pupil and for a teacher of a school (names, never values):
 * the same release chain as the SSO response, for people holding a valid assigned licence.
 */
export function previewRelease(
  sp: ServiceProvider,
  participant: Participant,
  school: School,
  activated: boolean,
  /** The school's activation's accepted categories (a widened annex not yet accepted), else null. */
  acceptedCategories: readonly string[] | null = null,
): SpPreview {
  const definitions = requestedDefinitions(sp);
  const requested = new Set(definitions.map((d) => d.category));
  // The preview is for a person the gate lets through (licensed) — unless the school has not activated.
  const access: AccessDecision = activated
    ? { allowed: true, productIds: [], acceptedCategories }
    : { allowed: false, reason: 'not_activated' };
  const roles = (['pupil', 'teacher'] as const).map((role) => {
    const categories = [...releasedCategories({ person: fullPerson(role, school.id), school, groups: [], participant, requested, access })];
    const attributes = definitions
      .filter((d) => categories.includes(d.category))
      .map((d) => ({ name: d.name, friendlyName: d.friendlyName }));
    return { role, categories, attributes };
  });
  return {
    entityId: sp.entityId,
    participant: participant.name,
    school: school.brin,
    activated,
    blockedBy: activated ? null : 'not_activated',
    roles,
    note: 'for people holding a valid licence assigned to them; plus a pairwise pseudonym as NameID; categories a person has no value for are left out',
  };
}

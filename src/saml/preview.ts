import type { Participant, PersonRole, School, ServiceProvider } from '../domain/model';
import type { Category } from '../release/categories';
import { previewRoleCategories } from '../release/preview';
import { requestedDefinitions } from './attributes';

/** A participant's OpenID Connect clients next to its SPs: the preview of every front door from one module. */
export { type OidcPreview, previewOidcRelease } from '../release/preview';

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
  const roles = previewRoleCategories(participant, school, requested, activated, acceptedCategories).map(({ role, categories }) => {
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

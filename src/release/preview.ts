import type { OidcClientRecord } from '../domain/federation/oidc-client';
import type { AccessDecision } from '../domain/licensing/access';
import type { Participant, Person, PersonRole, School } from '../domain/model';
import { CATEGORIES, type Category } from './categories';
import { releasedCategories } from './pipeline';

/**
 * What the release chain would let through to a participant for a pupil and a teacher of a school — the
 * policy, not one person's data — for every front door: SAML SPs (saml/preview.ts adds attribute names)
 * and OpenID Connect clients (below).
 */

export interface RoleCategories {
  readonly role: PersonRole;
  readonly categories: readonly Category[];
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

/** The categories of each role, through the same chain as a login, for people holding a valid assigned licence. */
export function previewRoleCategories(
  participant: Participant,
  school: School,
  requested: ReadonlySet<Category>,
  activated: boolean,
  /** The school's activation's accepted categories (a widened annex not yet accepted), else null. */
  acceptedCategories: readonly string[] | null,
): RoleCategories[] {
  // The preview is for a person the gate lets through (licensed) — unless the school has not activated.
  const access: AccessDecision = activated
    ? { allowed: true, productIds: [], acceptedCategories }
    : { allowed: false, reason: 'not_activated' };
  return (['pupil', 'teacher'] as const).map((role) => ({
    role,
    categories: [...releasedCategories({ person: fullPerson(role, school.id), school, groups: [], participant, requested, access })],
  }));
}

export interface OidcPreview {
  readonly protocol: 'OpenID Connect';
  readonly participant: string;
  readonly school: string;
  readonly activated: boolean;
  readonly blockedBy: 'not_activated' | null;
  /** Where the data goes: each client's redirect hosts (the browser carries the code there). */
  readonly clients: ReadonlyArray<{
    readonly clientId: string;
    readonly redirectHosts: readonly string[];
    readonly tokenEndpointAuthMethod: string;
    readonly refreshTokensAllowed: boolean;
  }>;
  /** The most a client can receive: what it gets depends on the scopes it asks for, never more than this. */
  readonly roles: readonly RoleCategories[];
  readonly note: string;
}

/** The distinct hosts (with a port, if any) of endpoint URLs checked at registration: where a browser is sent. */
export const distinctHosts = (urls: readonly string[]): string[] => [...new Set(urls.map((u) => new URL(u).host))];

/**
 * What the participant's OpenID Connect clients could receive for a pupil and a teacher of the school: the
 * same chain with every category asked for (a client's scopes can only narrow it); null without clients.
 */
export function previewOidcRelease(
  clients: readonly OidcClientRecord[],
  participant: Participant,
  school: School,
  activated: boolean,
  acceptedCategories: readonly string[] | null = null,
): OidcPreview | null {
  if (clients.length === 0) return null;
  return {
    protocol: 'OpenID Connect',
    participant: participant.name,
    school: school.brin,
    activated,
    blockedBy: activated ? null : 'not_activated',
    clients: clients.map((c) => ({
      clientId: c.clientId,
      redirectHosts: distinctHosts(c.redirectUris),
      tokenEndpointAuthMethod: c.tokenEndpointAuthMethod,
      refreshTokensAllowed: c.refreshTokensAllowed,
    })),
    roles: previewRoleCategories(participant, school, new Set(CATEGORIES), activated, acceptedCategories),
    note: 'at most: a client receives these only for the scopes it requests, for people holding a valid licence assigned to them; the subject is the pairwise pseudonym',
  };
}

import type { ReleaseRecorder } from '../domain/audit/ports';
import { accessForPerson, type AccessRefusal } from '../domain/licensing/access';
import type { Actor } from '../domain/model';
import type { Repositories } from '../domain/ports';
import { groupsOf, release } from '../release/pipeline';
import { categoriesForScope, oidcClaims } from './claims';

/**
 * The OIDC side of the licence gate and the release pipeline — the same functions SAML runs
 * (domain/licensing/access.ts, release/pipeline.ts), asked again at every moment data would leave:
 * before a code is issued, and when an ID token or userinfo answer is built. A release is recorded in the
 * ledger with its audit event (source `oidc`) before the answer goes out, as an SSO Response is.
 */

type Repos = Pick<Repositories, 'activations' | 'groups' | 'licences' | 'people' | 'products' | 'schools' | 'participants' | 'audit'>;

export type OidcGate =
  | { readonly allowed: true; readonly schoolId: string }
  | { readonly allowed: false; readonly reason: AccessRefusal | 'unknown_user'; readonly schoolId: string | null };

/** The licence gate for a person towards a client's participant, audited when it refuses. */
export async function oidcGate(
  repos: Repos,
  personId: string,
  client: { readonly clientId: string; readonly participantId: string },
  now: Date,
  actor: Omit<Actor, 'type' | 'id'> = {},
): Promise<OidcGate> {
  const decided = await accessForPerson(repos, personId, client.participantId, now);
  if (!decided.known) return { allowed: false, reason: 'unknown_user', schoolId: null };
  if (decided.access.allowed) return { allowed: true, schoolId: decided.school.id };
  await repos.audit.record({
    actor: { ...actor, type: 'person', id: decided.person.id },
    action: 'oidc.sso.refused',
    outcome: 'failure',
    schoolId: decided.school.id,
    targetType: 'oidc_client',
    targetId: client.clientId,
    details: { reason: decided.access.reason, clientId: client.clientId, source: 'oidc' },
  });
  return { allowed: false, reason: decided.access.reason, schoolId: decided.school.id };
}

/**
 * The claims for one ID token or userinfo answer: the gate once more, the pipeline with the categories
 * the granted scopes ask for, the ledger row and audit event committed. null: the gate refuses now
 * (nothing is released, nothing recorded).
 */
export async function releaseClaims(
  repos: Repos,
  recorder: ReleaseRecorder,
  personId: string,
  client: { readonly clientId: string; readonly participantId: string },
  scope: string,
  use: 'id_token' | 'userinfo',
  now: Date,
): Promise<Record<string, string | string[]> | null> {
  const decided = await accessForPerson(repos, personId, client.participantId, now);
  if (!decided.known || !decided.access.allowed) return null;
  const { person, school, participant, access } = decided;
  const released = release({
    person,
    school,
    groups: await groupsOf(repos.groups, person.id),
    participant,
    requested: categoriesForScope(scope),
    access,
  });
  const { claims, categories } = oidcClaims(scope, released);
  await recorder.record({
    ledger: {
      schoolId: school.id,
      participantId: participant.id,
      channel: 'oidc',
      oidcClientId: client.clientId,
      categories,
      peopleCount: 1,
    },
    audit: {
      actor: { type: 'person', id: person.id },
      action: 'oidc.sso.success',
      outcome: 'success',
      schoolId: school.id,
      targetType: 'oidc_client',
      targetId: client.clientId,
      details: { clientId: client.clientId, categories, use, source: 'oidc' },
    },
  });
  return claims;
}

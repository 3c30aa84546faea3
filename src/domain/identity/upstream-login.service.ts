import type { UpstreamIdp } from '../federation/upstream';
import type { Actor, Credential, Person, School } from '../model';
import type { Repositories } from '../ports';
import { networkDecision } from './school-network';

/** What the SAML layer established about the user at the school's IdP (validated, signed values only). */
export interface UpstreamIdentity {
  readonly nameId: string;
  readonly attributes: ReadonlyArray<{ readonly name: string; readonly values: readonly string[] }>;
  readonly multiFactor: boolean;
}

export type UpstreamMatchFailure =
  /** The identifying attribute is missing, empty or has several values. */
  | 'no_identifier'
  /** Nobody in the school's roster (with a role the registration allows) has this identifier. */
  | 'unmatched'
  /** More than one person has it: the hub will not guess. */
  | 'ambiguous'
  /** Matched, but the person is not active, or has no hub account to log in to. */
  | 'inactive'
  /** A pupil outside the school network while the school's home access is off. */
  | 'outside_school_network';

export type UpstreamMatchResult =
  | { readonly ok: true; readonly person: Person; readonly credential: Credential }
  | { readonly ok: false; readonly reason: UpstreamMatchFailure };

const STAFF_ROLES = ['teacher', 'delegate'] as const;

/**
 * Finds the one roster person a school IdP's login stands for. Never creates anyone: an identity that
 * matches no one, or more than one, is refused with its reason (the login shows a page for it). The
 * identifier comes from the NameID or one attribute (the registration says which) and is matched to one
 * roster field; the roles the registration allows bound who can be found. Every outcome is audited,
 * without the identifier itself.
 */
export class UpstreamLoginService {
  constructor(private readonly repos: Pick<Repositories, 'audit' | 'credentials' | 'people' | 'schoolNetworks'>) {}

  async match(idp: UpstreamIdp, school: School, identity: UpstreamIdentity, actor: Actor): Promise<UpstreamMatchResult> {
    const result = await this.find(idp, school, identity, actor.ip ?? null);
    await this.repos.audit.record({
      actor: result.ok ? { ...actor, type: 'person', id: result.person.id } : actor,
      action: 'login.upstream',
      outcome: result.ok ? 'success' : 'failure',
      schoolId: school.id,
      targetType: result.ok ? 'credential' : 'upstream_idp',
      targetId: result.ok ? result.credential.id : idp.id,
      details: {
        idp: idp.entityId,
        matchOn: idp.settings.matchOn,
        multiFactor: identity.multiFactor,
        ...(result.ok ? {} : { reason: result.reason }),
      },
    });
    return result;
  }

  private async find(idp: UpstreamIdp, school: School, identity: UpstreamIdentity, ip: string | null): Promise<UpstreamMatchResult> {
    const { identifier, matchOn, roles } = idp.settings;
    let value: string;
    if (identifier === 'nameid') value = identity.nameId;
    else {
      const values = identity.attributes.filter((a) => a.name === identifier).flatMap((a) => a.values);
      if (values.length !== 1) return { ok: false, reason: 'no_identifier' };
      value = values[0]!;
    }
    value = value.trim();
    if (!value || value.length > 256) return { ok: false, reason: 'no_identifier' };

    const allowed = roles === 'staff_and_pupils' ? ['pupil', ...STAFF_ROLES] : [...STAFF_ROLES];
    let candidates: Person[] = [];
    switch (matchOn) {
      case 'email':
        candidates = await this.repos.people.findAllByStaffEmail(value);
        break;
      case 'eck_id': {
        const p = await this.repos.people.findByEckId(value);
        candidates = p ? [p] : [];
        break;
      }
      case 'las_key':
      case 'employee_number': {
        // The roster has no separate employee number: a staff member's key from the student
        // administration (teacher key) is it, so employee_number searches staff only.
        const searched = matchOn === 'employee_number' ? [...STAFF_ROLES] : allowed;
        for (const role of searched) {
          const p = await this.repos.people.findByLasKey(school.id, role as Person['role'], value);
          if (p && !candidates.some((c) => c.id === p.id)) candidates.push(p);
        }
        break;
      }
    }
    const here = candidates.filter((p) => p.schoolId === school.id && allowed.includes(p.role));
    if (here.length === 0) return { ok: false, reason: 'unmatched' };
    if (here.length > 1) return { ok: false, reason: 'ambiguous' };
    const person = here[0]!;
    const credential = await this.repos.credentials.findByPersonId(person.id);
    if (person.status !== 'active' || !credential) return { ok: false, reason: 'inactive' };
    if ((await networkDecision(this.repos, person, school, ip)) !== 'allowed') return { ok: false, reason: 'outside_school_network' };
    return { ok: true, person, credential };
  }
}

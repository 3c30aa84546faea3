import type { Actor, Credential, Person } from '../model';
import { isSuspended } from '../misuse/suspension';
import type { PasswordHasher } from './ports';
import type { Repositories } from '../ports';
import type { LoginThrottle } from './login-throttle';
import { networkDecision } from './school-network';

/**
 * Password login. The attempt is counted by the throttle before the password is checked (see
 * LoginThrottle), in the database so every hub process counts together. Unknown usernames are answered
 * and timed like wrong passwords (a dummy argon2id verification), so answers never reveal whether an
 * account exists.
 */

export type LoginResult =
  | { readonly ok: true; readonly credential: Credential; readonly person: Person | null }
  | { readonly ok: false; readonly reason: 'invalid' }
  /** A pupil outside the school network while home access is off — whatever the password. */
  | { readonly ok: false; readonly reason: 'outside_school_network' }
  /** The right password, but the school is suspended (agreement art. 12): told why, not let in. */
  | { readonly ok: false; readonly reason: 'school_suspended' }
  | { readonly ok: false; readonly reason: 'throttled'; readonly retryAfterSeconds: number };

// A valid argon2id hash of a random string: verifying against it costs what a real check costs.
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$/lJQI3RCu62RR3rcuBZ09w$BqxLUQ1pOkXqeLkFVejP9cMCXuTEzHCH3poXo+9zjO0';

export class LoginService {
  constructor(
    private readonly repos: Pick<Repositories, 'audit' | 'credentials' | 'operators' | 'people' | 'schoolNetworks' | 'schools'>,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * `knownDevice`: the id from this browser's known-device cookie when it was issued for this account
   * (the web layer checks the signature and the account binding).
   */
  async authenticate(
    usernameInput: string,
    password: string,
    actor: Actor,
    now = new Date(),
    knownDevice: string | null = null,
  ): Promise<LoginResult> {
    const username = usernameInput.trim().toLowerCase();
    const admission = await this.throttle.admitLogin({ account: username, ip: actor.ip, knownDevice }, now);
    if (!admission.ok) {
      await this.repos.audit.record({ actor, action: 'login.password', outcome: 'failure', details: { reason: 'throttled' } });
      return { ok: false, reason: 'throttled', retryAfterSeconds: admission.retryAfterSeconds };
    }

    const secret = username && password ? await this.repos.credentials.findLoginSecret(username) : null;
    const credential = secret?.credential ?? null;
    const person = credential?.personId ? await this.repos.people.findById(credential.personId) : null;
    const school = person ? await this.repos.schools.findById(person.schoolId) : null;
    // No password oracle: outside the school network a pupil's password is not checked at all, so a right
    // and a wrong one get the same answer (and guessing from outside learns nothing).
    if (person && school && person.status === 'active' && (await networkDecision(this.repos, person, school, actor.ip)) !== 'allowed') {
      await admission.attempt.withdrawn();
      await this.repos.audit.record({
        actor,
        action: 'login.password',
        outcome: 'failure',
        schoolId: person.schoolId,
        targetType: 'credential',
        targetId: credential!.id,
        details: { reason: 'outside_school_network' },
      });
      return { ok: false, reason: 'outside_school_network' };
    }

    const valid = await this.hasher.verify(secret?.passwordHash ?? DUMMY_HASH, password);
    if (!credential || !valid || (person && person.status !== 'active')) {
      await this.repos.audit.record({
        actor,
        action: 'login.password',
        outcome: 'failure',
        schoolId: person?.schoolId ?? null,
        targetType: credential ? 'credential' : null,
        targetId: credential?.id ?? null,
        details: { reason: credential ? 'wrong_password' : 'unknown_user' },
      });
      return { ok: false, reason: 'invalid' };
    }
    await admission.attempt.succeeded();
    // Only after the password was right, so the answer reveals nothing to someone guessing.
    if (school && isSuspended(school)) {
      await this.repos.audit.record({
        actor,
        action: 'login.password',
        outcome: 'failure',
        schoolId: school.id,
        targetType: 'credential',
        targetId: credential.id,
        details: { reason: 'school_suspended' },
      });
      return { ok: false, reason: 'school_suspended' };
    }
    await this.repos.audit.record({
      actor: { ...actor, type: person ? 'person' : 'operator', id: person?.id ?? credential.operatorId ?? credential.id },
      action: 'login.password',
      outcome: 'success',
      schoolId: person?.schoolId ?? null,
      targetType: 'credential',
      targetId: credential.id,
    });
    return { ok: true, credential, person };
  }

  /** Whether the account may still finish a login (active, school not suspended): every later step of the flow asks again. */
  async stillActive(credentialId: string): Promise<boolean> {
    const credential = await this.repos.credentials.findById(credentialId);
    if (credential?.personId) {
      const person = await this.repos.people.findById(credential.personId);
      const school = person ? await this.repos.schools.findById(person.schoolId) : null;
      return person?.status === 'active' && school !== null && !isSuspended(school);
    }
    if (credential?.operatorId) return (await this.repos.operators.findById(credential.operatorId)) !== null;
    return false;
  }
}

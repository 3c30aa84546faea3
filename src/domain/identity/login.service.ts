import type { Actor, Credential, Person } from '../model';
import type { PasswordHasher, Repositories, ThrottleState } from '../ports';

/**
 * Password login with throttling per account and per source address, stored in the database so every
 * hub process counts together. Unknown usernames are throttled and timed like known ones (a dummy
 * argon2id verification), so answers never reveal whether an account exists.
 */

/**
 * Keys, so that guessing cannot lock the real user out:
 *  - per account and client (the browser's known-device id, else its address): 5 failures → back-off;
 *  - per account for unknown clients only: 20 failures → back-off for clients the account has not used
 *    before; a browser that logged in to the account before (known-device cookie) is never held back by it;
 *  - per address over all accounts: 30 failures → back-off.
 */
export const THROTTLE = Object.freeze({
  windowMs: 15 * 60 * 1000,
  blockFromUnknownClientFailures: 20,
  /** From this many failures in the window on, each further attempt waits (30 s, doubling, at most 15 min). */
  blockFromAccountFailures: 5,
  blockFromIpFailures: 30,
  baseDelayMs: 30 * 1000,
  maxDelayMs: 15 * 60 * 1000,
});

export type LoginResult =
  | { readonly ok: true; readonly credential: Credential; readonly person: Person | null }
  | { readonly ok: false; readonly reason: 'invalid' }
  | { readonly ok: false; readonly reason: 'throttled'; readonly retryAfterSeconds: number };

// A valid argon2id hash of a random string: verifying against it costs what a real check costs.
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$/lJQI3RCu62RR3rcuBZ09w$BqxLUQ1pOkXqeLkFVejP9cMCXuTEzHCH3poXo+9zjO0';

export class LoginService {
  constructor(
    private readonly repos: Repositories,
    private readonly hasher: PasswordHasher,
    /** Keyed hash for throttle keys: the throttle table must not hold usernames or addresses in clear. */
    private readonly throttleKey: (value: string) => string,
  ) {}

  private async blockedFor(key: string, now: Date): Promise<number> {
    const state = await this.repos.throttle.get(key);
    return state?.blockedUntil && state.blockedUntil > now ? Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 1000) : 0;
  }

  private async recordFailure(key: string, blockFrom: number, now: Date): Promise<void> {
    const previous = await this.repos.throttle.get(key);
    const fresh = !previous || now.getTime() - previous.windowStartedAt.getTime() > THROTTLE.windowMs;
    const failures = fresh ? 1 : previous.failures + 1;
    const delay = failures >= blockFrom ? Math.min(THROTTLE.baseDelayMs * 2 ** (failures - blockFrom), THROTTLE.maxDelayMs) : 0;
    const state: ThrottleState = {
      failures,
      windowStartedAt: fresh ? now : previous.windowStartedAt,
      blockedUntil: delay ? new Date(now.getTime() + delay) : null,
    };
    await this.repos.throttle.put(key, state);
  }

  /**
   * `knownDevice`: the id from this browser's known-device cookie when it was issued for this account
   * (the web layer checks the signature and the account binding).
   */
  async authenticate(usernameInput: string, password: string, actor: Actor, now = new Date(), knownDevice: string | null = null): Promise<LoginResult> {
    const username = usernameInput.trim().toLowerCase();
    const account = this.throttleKey(username);
    const client = knownDevice ? `device:${knownDevice}` : `ip:${this.throttleKey(actor.ip ?? 'unknown')}`;
    const accountKey = `account:${account}:${client}`;
    const unknownClientsKey = `account:${account}:unknown-clients`;
    const ipKey = `ip:${this.throttleKey(actor.ip ?? 'unknown')}`;
    const wait = Math.max(
      await this.blockedFor(accountKey, now),
      knownDevice ? 0 : await this.blockedFor(unknownClientsKey, now),
      knownDevice ? 0 : await this.blockedFor(ipKey, now),
    );
    if (wait > 0) {
      await this.repos.audit.record({ actor, action: 'login.password', outcome: 'failure', details: { reason: 'throttled' } });
      return { ok: false, reason: 'throttled', retryAfterSeconds: wait };
    }

    const credential = username && password ? await this.repos.credentials.findByUsername(username) : null;
    const valid = await this.hasher.verify(credential?.passwordHash ?? DUMMY_HASH, password);
    const person = credential?.personId ? await this.repos.people.findById(credential.personId) : null;
    if (!credential || !valid || (person && person.status !== 'active')) {
      await this.recordFailure(accountKey, THROTTLE.blockFromAccountFailures, now);
      if (!knownDevice) await this.recordFailure(unknownClientsKey, THROTTLE.blockFromUnknownClientFailures, now);
      await this.recordFailure(ipKey, THROTTLE.blockFromIpFailures, now);
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
    await this.repos.throttle.clear(accountKey);
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
}

import { isSuspended } from '../misuse/suspension';
import { NotFoundError } from '../errors';
import type { Actor, Person, School } from '../model';
import type { PasswordHasher } from './ports';
import type { Repositories, UnitOfWork } from '../ports';
import { DUMMY_HASH } from './login.service';
import { type Admission, type LoginThrottle, THROTTLE } from './login-throttle';
import { hashOneTimeToken, newOneTimeToken } from './one-time-token';
import { checkPasswordPolicy } from './password-policy';

/**
 * Parents and guardians at home (annex B.2): they log in with one of the pupil's (at most two) home-access
 * e-mail addresses and their own password, choose the child, then enter the child's picture password.
 * The hub stores no parent identity: only the keyed hash of the address, which is the pupil's data.
 * Remove the address from the pupil and the parent's access ends (checked on every request).
 */

export const GUARDIAN_LINK_MINUTES = 60;

export type GuardianLoginResult =
  | { readonly ok: true; readonly emailKey: string }
  | { readonly ok: false; readonly reason: 'invalid' }
  | { readonly ok: false; readonly reason: 'throttled'; readonly retryAfterSeconds: number };

export interface ChildChoice {
  readonly person: Person;
  readonly school: School;
  /** The child's school allows home access and the child has a picture password. */
  readonly available: boolean;
}

/** The audit's actor for a parent: never the address, a short piece of its keyed hash. */
export const guardianActor = (emailKey: string, ip: string | null | undefined): Actor => ({
  type: 'anonymous',
  id: `guardian:${emailKey.slice(0, 16)}`,
  ip: ip ?? null,
});

export class GuardianService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repos: Pick<Repositories, 'audit' | 'credentials' | 'guardians' | 'outbox' | 'people' | 'schools'>,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly baseUrl: string,
  ) {}

  /** Counts a link request from this address: refused → wait, with a 429. */
  async admitLinkRequest(ip: string | null | undefined, now = new Date()): Promise<Admission> {
    return this.throttle.admitAddress('mail', ip, now);
  }

  /**
   * Mails a link to set (or reset) the parent password — only when the address belongs to a pupil, at most
   * a few per address in the window. Callers answer the same whatever happens here.
   */
  async requestPasswordLink(email: string, actor: Actor, now = new Date()): Promise<void> {
    const address = email.trim().toLowerCase();
    const emailKey = this.repos.guardians.emailKey(address);
    const perTarget = await this.throttle.admit([this.throttle.guard('mail-to', address, THROTTLE.mailsPerTarget, 'keep')], now);
    if (!perTarget.ok) {
      await this.repos.audit.record({
        actor,
        action: 'guardian.password_link',
        outcome: 'failure',
        details: { reason: 'too many requests for this address' },
      });
      return;
    }
    const children = /^[^\s@]+@[^\s@]+$/.test(address) ? await this.repos.guardians.childrenOf(emailKey) : [];
    if (children.length === 0) {
      await this.repos.audit.record({
        actor,
        action: 'guardian.password_link',
        outcome: 'failure',
        details: { reason: 'no pupil with this home-access address' },
      });
      return;
    }
    const token = newOneTimeToken();
    await this.uow.run(async (tx) => {
      await tx.guardians.createLink(hashOneTimeToken(token), emailKey, new Date(now.getTime() + GUARDIAN_LINK_MINUTES * 60_000));
      await tx.outbox.add({
        to: address,
        subject: 'Leerpoort: wachtwoord voor ouders / password for parents',
        body: `Stel uw wachtwoord voor Leerpoort in via / set your Leerpoort password at:\n${this.baseUrl}/login/parents/password/${token}\n\nDe link werkt één keer en ${GUARDIAN_LINK_MINUTES} minuten. / The link works once, for ${GUARDIAN_LINK_MINUTES} minutes.\nNiet gevraagd? Dan hoeft u niets te doen. / Did not ask for this? Then do nothing.`,
      });
      await tx.audit.record({ actor: guardianActor(emailKey, actor.ip), action: 'guardian.password_link', outcome: 'success' });
    });
  }

  async isValidLink(token: string, now = new Date()): Promise<boolean> {
    return (await this.repos.guardians.findLink(hashOneTimeToken(token), now)) !== null;
  }

  async setPassword(token: string, password: string, actor: Actor, now = new Date()): Promise<void> {
    const emailKey = await this.repos.guardians.findLink(hashOneTimeToken(token), now);
    if (!emailKey) throw new NotFoundError('this link is invalid, used or expired');
    checkPasswordPolicy('guardian', password);
    const hash = await this.hasher.hash(password);
    await this.uow.run(async (tx) => {
      if (!(await tx.guardians.consumeLink(hashOneTimeToken(token), now))) throw new NotFoundError('this link is invalid, used or expired');
      await tx.guardians.setPassword(emailKey, hash);
      await tx.audit.record({ actor: guardianActor(emailKey, actor.ip), action: 'guardian.password_set', outcome: 'success' });
    });
  }

  async authenticate(
    email: string,
    password: string,
    actor: Actor,
    knownDevice: string | null,
    now = new Date(),
  ): Promise<GuardianLoginResult> {
    const address = email.trim().toLowerCase();
    const emailKey = this.repos.guardians.emailKey(address);
    const admission = await this.throttle.admitLogin({ account: `guardian:${address}`, ip: actor.ip, knownDevice }, now);
    if (!admission.ok) {
      await this.repos.audit.record({ actor, action: 'login.guardian', outcome: 'failure', details: { reason: 'throttled' } });
      return { ok: false, reason: 'throttled', retryAfterSeconds: admission.retryAfterSeconds };
    }
    const hash = await this.repos.guardians.passwordHash(emailKey);
    const valid = await this.hasher.verify(hash ?? DUMMY_HASH, password);
    const children = hash && valid ? await this.repos.guardians.childrenOf(emailKey) : [];
    if (!hash || !valid || children.length === 0) {
      await this.repos.audit.record({
        actor,
        action: 'login.guardian',
        outcome: 'failure',
        details: { reason: !hash ? 'unknown_address' : !valid ? 'wrong_password' : 'no_children' },
      });
      return { ok: false, reason: 'invalid' };
    }
    await admission.attempt.succeeded();
    await this.repos.audit.record({
      actor: guardianActor(emailKey, actor.ip),
      action: 'login.guardian',
      outcome: 'success',
      details: { children: children.length },
    });
    return { ok: true, emailKey };
  }

  /** The children this address is registered for (now — a removed address lists nobody). */
  async children(emailKey: string): Promise<ChildChoice[]> {
    const out: ChildChoice[] = [];
    for (const id of await this.repos.guardians.childrenOf(emailKey)) {
      const person = await this.repos.people.findById(id);
      const school = person ? await this.repos.schools.findById(person.schoolId) : null;
      if (!person || !school) continue;
      const hasPictures = (await this.repos.credentials.pictureLogin(id)) !== null;
      out.push({ person, school, available: school.homeAccessEnabled && hasPictures && !isSuspended(school) });
    }
    return out.sort((a, b) => a.person.firstName.localeCompare(b.person.firstName, 'nl'));
  }

  /** Whether the parent (still) may act for this child. */
  async isChild(emailKey: string, personId: string): Promise<boolean> {
    return (await this.repos.guardians.childrenOf(emailKey)).includes(personId);
  }
}

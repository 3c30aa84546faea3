import { NotFoundError } from '../errors';
import type { Actor } from '../model';
import type { PasswordHasher } from './ports';
import type { Repositories, UnitOfWork } from '../ports';
import { hashOneTimeToken, newOneTimeToken } from './one-time-token';
import { checkPasswordPolicy } from './password-policy';
import { type Admission, type LoginThrottle, THROTTLE } from './login-throttle';

export const RESET_LINK_MINUTES = 30;

/**
 * Staff password reset by a one-time link (pupils' passwords are set by their teachers). The request
 * answers the same whoever asks; the token is stored only as a hash, works once, for 30 minutes, and a
 * reset ends every session of the account.
 */
export class PasswordResetService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repos: Pick<Repositories, 'audit' | 'credentials' | 'outbox' | 'passwordResets' | 'people' | 'sessions'>,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly baseUrl: string,
  ) {}

  /** Counts a reset request from this address (mail costs and annoys): refused → wait, with a 429. */
  async admitRequest(ip: string | null | undefined, now = new Date()): Promise<Admission> {
    return this.throttle.admitAddress('mail', ip, now);
  }

  /**
   * Queues the mail when the username or e-mail address belongs to a staff member with an address — at
   * most a few per target in the window, however many addresses ask. Callers answer the same whatever
   * happens here (the web route answers before calling this).
   */
  async request(usernameOrEmail: string, actor: Actor, now = new Date()): Promise<void> {
    const input = usernameOrEmail.trim();
    const credential = input.includes('@') ? null : await this.repos.credentials.findByUsername(input);
    const person = credential?.personId
      ? await this.repos.people.findById(credential.personId)
      : input.includes('@')
        ? await this.repos.people.findByStaffEmail(input)
        : null;
    const account =
      person && person.role !== 'pupil' && person.staffEmail && person.status === 'active'
        ? (credential ?? (await this.repos.credentials.findByPersonId(person.id)))
        : null;
    if (!account || !person?.staffEmail) {
      await this.repos.audit.record({
        actor,
        action: 'password_reset.request',
        outcome: 'failure',
        details: { reason: 'no staff account with an e-mail address' },
      });
      return;
    }
    if (!(await this.throttle.admit([this.throttle.guard('mail-to', account.id, THROTTLE.mailsPerTarget, 'keep')], now)).ok) {
      await this.repos.audit.record({
        actor,
        action: 'password_reset.request',
        outcome: 'failure',
        schoolId: person.schoolId,
        targetType: 'credential',
        targetId: account.id,
        details: { reason: 'too many links for this account' },
      });
      return;
    }
    const token = newOneTimeToken();
    await this.uow.run(async (tx) => {
      await tx.passwordResets.create(hashOneTimeToken(token), account.id, new Date(now.getTime() + RESET_LINK_MINUTES * 60_000));
      await tx.outbox.add({
        to: person.staffEmail!,
        subject: 'Leerpoort: nieuw wachtwoord / new password',
        body: `Stel een nieuw wachtwoord in via / set a new password at:\n${this.baseUrl}/login/reset/${token}\n\nDe link werkt één keer en ${RESET_LINK_MINUTES} minuten. / The link works once, for ${RESET_LINK_MINUTES} minutes.\nHeb je dit niet gevraagd? Dan hoef je niets te doen. / Did not ask for this? Then do nothing.`,
      });
      await tx.audit.record({
        actor,
        action: 'password_reset.request',
        outcome: 'success',
        schoolId: person.schoolId,
        targetType: 'credential',
        targetId: account.id,
      });
    });
  }

  async isValid(token: string, now = new Date()): Promise<boolean> {
    return (await this.repos.passwordResets.find(hashOneTimeToken(token), now)) !== null;
  }

  async complete(token: string, password: string, actor: Actor, now = new Date()): Promise<void> {
    const credentialId = await this.repos.passwordResets.find(hashOneTimeToken(token), now);
    if (!credentialId) throw new NotFoundError('this link is invalid, used or expired');
    checkPasswordPolicy('teacher', password);
    const hash = await this.hasher.hash(password);
    await this.uow.run(async (tx) => {
      if (!(await tx.passwordResets.consume(hashOneTimeToken(token), now)))
        throw new NotFoundError('this link is invalid, used or expired');
      await tx.credentials.setPasswordHash(credentialId, hash);
      const ended = await tx.sessions.destroyAllFor(credentialId);
      await tx.audit.record({
        actor,
        action: 'password_reset.complete',
        outcome: 'success',
        targetType: 'credential',
        targetId: credentialId,
        details: { sessionsEnded: ended },
      });
    });
  }
}

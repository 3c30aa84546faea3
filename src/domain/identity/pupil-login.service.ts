import { ForbiddenError, NotFoundError } from '../errors';
import type { Actor, Person, School } from '../model';
import type { CardTokenSigner, PasswordHasher } from './ports';
import type { LoginCard } from '../model';
import type { Repositories, UnitOfWork } from '../ports';
import { DUMMY_HASH } from './login.service';
import type { LoginThrottle } from './login-throttle';
import { initialPassword } from '../roster/credentials';
import { chooseAvatar, pictureSecret, randomPictureSequence } from './pictures';
import { isSuspended } from '../misuse/suspension';
import { networkDecision } from './school-network';

/**
 * Logins for young pupils: the picture password (own picture → sequence of pictures) and the printed QR
 * login card. Both are throttled like passwords, both obey the school network rule (home access), and a
 * card works only while its row says so (not revoked, not expired).
 */

export const CARD_VALID_DAYS = 365;

export type PupilLoginFailure = 'invalid' | 'throttled' | 'outside_school_network' | 'school_suspended' | 'revoked' | 'expired';
export type PupilLoginResult =
  | { readonly ok: true; readonly credentialId: string; readonly person: Person; readonly school: School }
  | { readonly ok: false; readonly reason: PupilLoginFailure; readonly retryAfterSeconds?: number };

export interface LoginContext {
  readonly actor: Actor;
  readonly knownDevice: string | null;
  /** Parents logging in for their child: the network rule is theirs (home access must be on), checked by the caller. */
  readonly viaGuardian?: boolean;
}

export class PupilLoginService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repos: Pick<
      Repositories,
      'audit' | 'credentials' | 'groups' | 'loginCards' | 'people' | 'schoolNetworks' | 'schools' | 'sessions'
    >,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly cards: CardTokenSigner,
  ) {}

  /** The people and school of a picture login page, once the address may see them. */
  async schoolIfReachable(schoolId: string, address: string | null | undefined): Promise<{ school: School; reachable: boolean }> {
    const school = await this.repos.schools.findById(schoolId);
    if (!school || school.status === 'terminated') throw new NotFoundError('Onbekende school. / Unknown school.');
    const probe = { role: 'pupil' } as Person;
    return { school, reachable: (await networkDecision(this.repos, probe, school, address)) === 'allowed' };
  }

  /** The pupil's picture (no hash) for the picture password page. */
  async pictureAccountFor(personId: string): Promise<{ avatar: string } | null> {
    const login = await this.repos.credentials.pictureLogin(personId);
    return login ? { avatar: login.avatar } : null;
  }

  async pictureLogin(personId: string, sequence: readonly string[], ctx: LoginContext, now = new Date()): Promise<PupilLoginResult> {
    const admission = await this.throttle.admitLogin({ account: `pupil:${personId}`, ip: ctx.actor.ip, knownDevice: ctx.knownDevice }, now);
    if (!admission.ok) return this.fail(ctx.actor, 'login.picture', 'throttled', null, admission.retryAfterSeconds);
    const login = await this.repos.credentials.pictureLogin(personId);
    const valid = await this.hasher.verify(login?.hash ?? DUMMY_HASH, pictureSecret(sequence));
    const person = login ? await this.repos.people.findById(personId) : null;
    if (!login || !valid || !person || person.status !== 'active' || person.role !== 'pupil')
      return this.fail(ctx.actor, 'login.picture', 'invalid', person);
    await admission.attempt.succeeded();
    return this.admit(person, login.credentialId, ctx, 'login.picture');
  }

  /**
   * A card's code is `LP1.<card id>.<HMAC tag>`: a forged or mistyped code never reaches the database and
   * is counted against the address only; a genuine one is counted per card. No key is shared by every
   * card, so guessing from a few addresses cannot stop other schools' card logins.
   */
  async cardLogin(token: string, ctx: LoginContext, now = new Date()): Promise<PupilLoginResult> {
    const cardId = this.cards.verify(token);
    const addressGuard = await this.throttle.addressGuard('login', ctx.actor.ip);
    const admission = await this.throttle.admit(cardId ? [this.throttle.cardGuard(cardId), addressGuard] : [addressGuard], now);
    if (!admission.ok) return this.fail(ctx.actor, 'login.card', 'throttled', null, admission.retryAfterSeconds);
    const card = cardId ? await this.repos.loginCards.find(cardId) : null;
    if (!card) return this.fail(ctx.actor, 'login.card', 'invalid', null);
    const person = await this.repos.people.findById(card.personId);
    if (card.revokedAt) return this.fail(ctx.actor, 'login.card', 'revoked', person, undefined, card.id);
    if (card.expiresAt <= now) return this.fail(ctx.actor, 'login.card', 'expired', person, undefined, card.id);
    // Cards log in pupils only (never staff, who may need a second factor).
    const credential =
      person?.status === 'active' && person.role === 'pupil' ? await this.repos.credentials.findByPersonId(person.id) : null;
    if (!person || !credential) return this.fail(ctx.actor, 'login.card', 'invalid', person, undefined, card.id);
    await admission.attempt.succeeded();
    return this.admit(person, credential.id, ctx, 'login.card');
  }

  private async admit(person: Person, credentialId: string, ctx: LoginContext, action: string): Promise<PupilLoginResult> {
    const school = (await this.repos.schools.findById(person.schoolId))!;
    // Picture, card and a parent's login for the child alike (agreement art. 12); the secret was right.
    if (isSuspended(school)) return this.fail(ctx.actor, action, 'school_suspended', person);
    const allowed = ctx.viaGuardian
      ? school.homeAccessEnabled
      : (await networkDecision(this.repos, person, school, ctx.actor.ip)) === 'allowed';
    if (!allowed) return this.fail(ctx.actor, action, 'outside_school_network', person);
    await this.repos.audit.record({
      actor: { ...ctx.actor, type: 'person', id: person.id },
      action,
      outcome: 'success',
      schoolId: person.schoolId,
      targetType: 'credential',
      targetId: credentialId,
      details: ctx.viaGuardian ? { via: 'guardian' } : undefined,
    });
    return { ok: true, credentialId, person, school };
  }

  private async fail(
    actor: Actor,
    action: string,
    reason: PupilLoginFailure,
    person: Person | null,
    retryAfterSeconds?: number,
    cardId?: string,
  ): Promise<PupilLoginResult> {
    await this.repos.audit.record({
      actor,
      action,
      outcome: 'failure',
      schoolId: person?.schoolId ?? null,
      targetType: cardId ? 'login_card' : person ? 'person' : null,
      targetId: cardId ?? person?.id ?? null,
      details: { reason },
    });
    return { ok: false, reason, retryAfterSeconds };
  }

  /** Checks that `actor` (a teacher) teaches a group the pupil is in — or is the school's delegate. */
  async assertMayManage(teacherId: string, pupilId: string): Promise<Person> {
    const [teacher, pupil] = await Promise.all([this.repos.people.findById(teacherId), this.repos.people.findById(pupilId)]);
    if (!teacher || !pupil || pupil.role !== 'pupil' || teacher.schoolId !== pupil.schoolId || teacher.status !== 'active')
      throw new NotFoundError('Onbekende leerling. / Unknown pupil.');
    if (teacher.role === 'delegate') return pupil;
    const taught = new Set(
      (await this.repos.groups.membershipsOf(teacherId)).filter((m) => m.roleInGroup === 'teacher').map((m) => m.groupId),
    );
    const pupilGroups = (await this.repos.groups.membershipsOf(pupilId)).map((m) => m.groupId);
    if (teacher.role !== 'teacher' || !pupilGroups.some((g) => taught.has(g)))
      throw new ForbiddenError('Dit is geen leerling uit jouw groep. / This pupil is not in your group.');
    return pupil;
  }

  /** A new picture password (and a picture, unless the pupil has one): set by the teacher, shown once. */
  async resetPicturePassword(pupilId: string, actor: Actor): Promise<{ avatar: string; sequence: string[] }> {
    const sequence = randomPictureSequence();
    const hash = await this.hasher.hash(pictureSecret(sequence));
    return this.uow.run(async (tx) => {
      const pupil = await tx.people.findById(pupilId);
      const credential = pupil ? await tx.credentials.findByPersonId(pupilId) : null;
      if (pupil?.role !== 'pupil' || !credential) throw new NotFoundError('this pupil has no account');
      const existing = await tx.credentials.pictureLogin(pupilId);
      let avatar = existing?.avatar;
      if (!avatar) {
        const taken = new Set<string>();
        for (const m of await tx.groups.membershipsOf(pupilId))
          for (const a of await tx.credentials.pictureAccountsInGroup(m.groupId)) taken.add(a.avatar);
        avatar = chooseAvatar(taken);
      }
      await tx.credentials.setPicturePassword(credential.id, avatar, hash);
      await tx.audit.record({
        actor,
        action: 'picture_password.set',
        outcome: 'success',
        schoolId: pupil.schoolId,
        targetType: 'person',
        targetId: pupil.id,
      });
      return { avatar, sequence };
    });
  }

  /** A new text password for a pupil, chosen by the hub for the teacher (shown once); the pupil's sessions end. */
  async resetPassword(pupilId: string, actor: Actor): Promise<string> {
    const password = initialPassword('pupil');
    const hash = await this.hasher.hash(password);
    return this.uow.run(async (tx) => {
      const pupil = await tx.people.findById(pupilId);
      const credential = pupil?.role === 'pupil' ? await tx.credentials.findByPersonId(pupilId) : null;
      if (!pupil || !credential) throw new NotFoundError('this pupil has no account');
      await tx.credentials.setPasswordHash(credential.id, hash);
      const ended = await tx.sessions.destroyAllFor(credential.id);
      await tx.audit.record({
        actor,
        action: 'credential.set_password',
        outcome: 'success',
        schoolId: pupil.schoolId,
        targetType: 'credential',
        targetId: credential.id,
        details: { by: 'teacher', sessionsEnded: ended },
      });
      return password;
    });
  }

  /** A new card; every earlier card of the pupil stops working at once (reprint = revoke + issue). */
  async issueCard(pupilId: string, actor: Actor, now = new Date()): Promise<{ card: LoginCard; token: string; revoked: number }> {
    return this.uow.run(async (tx) => {
      const pupil = await tx.people.findById(pupilId);
      if (pupil?.role !== 'pupil' || pupil.status !== 'active' || !(await tx.credentials.findByPersonId(pupilId)))
        throw new NotFoundError('this pupil has no account');
      const revoked = await tx.loginCards.revokeAllFor(pupilId, now);
      const card = await tx.loginCards.issue(pupilId, new Date(now.getTime() + CARD_VALID_DAYS * 86_400_000));
      await tx.audit.record({
        actor,
        action: 'login_card.issue',
        outcome: 'success',
        schoolId: pupil.schoolId,
        targetType: 'login_card',
        targetId: card.id,
        details: { revokedEarlier: revoked },
      });
      return { card, token: this.cards.sign(card.id), revoked };
    });
  }

  async revokeCards(pupilId: string, actor: Actor, now = new Date()): Promise<number> {
    return this.uow.run(async (tx) => {
      const pupil = await tx.people.findById(pupilId);
      if (!pupil) throw new NotFoundError('unknown pupil');
      const revoked = await tx.loginCards.revokeAllFor(pupilId, now);
      await tx.audit.record({
        actor,
        action: 'login_card.revoke',
        outcome: 'success',
        schoolId: pupil.schoolId,
        targetType: 'person',
        targetId: pupil.id,
        details: { revoked },
      });
      return revoked;
    });
  }
}

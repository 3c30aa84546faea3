import { NotFoundError, ValidationError } from '../errors';
import { isUuid } from '../ids';
import { type Actor, displayName, type Person } from '../model';
import type { Repositories } from '../ports';
import type { LoginThrottle } from './login-throttle';
import type { PasswordResetService } from './password-reset.service';
import { findSchoolByBrin } from './school.service';

/**
 * Helpdesk support under least privilege (data-processing agreement annex 2 I). A helpdesk operator finds
 * *one* user — by username, or by school and full name, never a list of a school's people — and sees
 * only what support needs: account state, school, groups, last login. Never birth date, LAS/ECK keys,
 * e-mail addresses or pictures. Every search, view and action needs a reason and is audited with who,
 * at what (target id) and why; the audit holds ids and the reason, never the name searched for.
 */

export const SUPPORT_REASON = Object.freeze({ min: 10, max: 500 });
/** A name search naming more people than this is refused (search by username instead), never listed. */
export const SUPPORT_MAX_MATCHES = 5;

/** The reason an operator gives: required, at least a sentence, at most a paragraph. */
export function checkSupportReason(reason: unknown): string {
  const text = typeof reason === 'string' ? reason.replace(/\s+/g, ' ').trim() : '';
  if (text.length < SUPPORT_REASON.min)
    throw new ValidationError(
      `Geef een reden van minstens ${SUPPORT_REASON.min} tekens (bijv. het ticketnummer en de vraag). / ` +
        `Give a reason of at least ${SUPPORT_REASON.min} characters (e.g. the ticket number and the question).`,
    );
  if (text.length > SUPPORT_REASON.max)
    throw new ValidationError(
      `De reden is te lang (max. ${SUPPORT_REASON.max} tekens). / The reason is too long (max. ${SUPPORT_REASON.max}).`,
    );
  return text;
}

export type SupportQuery = { readonly username: string } | { readonly brin: string; readonly name: string };

export interface SupportMatch {
  readonly personId: string;
  readonly name: string;
  readonly role: Person['role'];
  readonly username: string | null;
  readonly school: { readonly brin: string; readonly name: string };
}

export interface SupportView {
  readonly personId: string;
  readonly name: string;
  readonly role: Person['role'];
  readonly active: boolean;
  readonly school: { readonly brin: string; readonly name: string; readonly status: string };
  readonly groups: readonly string[];
  readonly account: {
    readonly username: string;
    readonly hasPassword: boolean;
    readonly picturePassword: boolean;
    readonly twoFactor: boolean;
    readonly activeSessions: number;
    /** Held back by the login throttle until then; null: not held back. */
    readonly throttledUntil: Date | null;
    readonly failedAttempts: number;
    readonly lastLogin: { readonly at: Date; readonly method: string } | null;
  } | null;
}

/** Words of a name, compared without case, accents or punctuation ("Çelik-de Vries" ~ "celik de vries"). */
const words = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * Exact-ish: the query names the person's first and last name in full (infix optional, any order, no
 * case or accents) and nothing else. "Fenna Horst" and "fenna ter horst" find Fenna ter Horst; "Fenna"
 * or "Hor" find nobody.
 */
export function nameMatches(query: string, person: Pick<Person, 'firstName' | 'infix' | 'lastName'>): boolean {
  const asked = new Set(words(query));
  const required = [...words(person.firstName), ...words(person.lastName)];
  const allowed = new Set([...required, ...words(person.infix ?? '')]);
  return required.length > 0 && required.every((w) => asked.has(w)) && [...asked].every((w) => allowed.has(w));
}

/** The logins that name the person as actor when they succeed (the second step names the credential). */
const LOGIN_ACTIONS = ['login.password', 'login.picture', 'login.card'] as const;

export class SupportService {
  constructor(
    private readonly repos: Pick<
      Repositories,
      'audit' | 'credentials' | 'groups' | 'people' | 'schoolNetworks' | 'schools' | 'sessions' | 'throttle'
    >,
    private readonly throttle: LoginThrottle,
    private readonly passwordReset: PasswordResetService,
  ) {}

  /** Finds at most a handful of people; more matches are refused, not listed. Audited with the reason. */
  async find(query: SupportQuery, reasonInput: unknown, actor: Actor): Promise<SupportMatch[]> {
    const reason = checkSupportReason(reasonInput);
    let found: Person[];
    let schoolId: string | null = null;
    if ('username' in query) {
      const username = query.username.trim().toLowerCase();
      if (!username) throw new ValidationError('Vul een gebruikersnaam in. / Enter a username.');
      const credential = await this.repos.credentials.findByUsername(username);
      const person = credential?.personId ? await this.repos.people.findById(credential.personId) : null;
      found = person ? [person] : [];
    } else {
      if (words(query.name).length < 2)
        throw new ValidationError('Vul voor- en achternaam helemaal in. / Enter the full first and last name.');
      const school = await findSchoolByBrin(this.repos, query.brin).catch((e) => {
        throw e instanceof NotFoundError ? new NotFoundError('Onbekende school (BRIN). / Unknown school (BRIN).') : e;
      });
      schoolId = school.id;
      found = (await this.repos.people.listBySchool(school.id)).filter((p) => nameMatches(query.name, p));
      if (found.length > SUPPORT_MAX_MATCHES) {
        await this.audit(
          actor,
          'support.find',
          'failure',
          { schoolId, targetType: 'school', targetId: school.id },
          {
            reason,
            by: 'name',
            matches: found.length,
          },
        );
        throw new ValidationError(
          `Meer dan ${SUPPORT_MAX_MATCHES} personen met deze naam; zoek op gebruikersnaam. / ` +
            `More than ${SUPPORT_MAX_MATCHES} people with this name; search by username.`,
        );
      }
    }
    const usernames = await this.repos.credentials.usernamesOf(found.map((p) => p.id));
    const matches: SupportMatch[] = [];
    for (const p of found) {
      const school = (await this.repos.schools.findById(p.schoolId))!;
      matches.push({
        personId: p.id,
        name: displayName(p),
        role: p.role,
        username: usernames.get(p.id) ?? null,
        school: { brin: brinOf(school), name: school.name },
      });
    }
    await this.audit(
      actor,
      'support.find',
      'success',
      { schoolId, targetType: schoolId ? 'school' : 'person', targetId: schoolId ?? found[0]?.id ?? null },
      { reason, by: 'username' in query ? 'username' : 'name', matches: matches.length, people: matches.map((m) => m.personId) },
    );
    return matches;
  }

  /** What support needs of one person, audited as a view with the reason. */
  async show(personId: string, reasonInput: unknown, actor: Actor, now = new Date()): Promise<SupportView> {
    const reason = checkSupportReason(reasonInput);
    const person = await this.person(personId);
    const view = await this.view(person, now);
    await this.audit(actor, 'support.view', 'success', target(person), { reason });
    return view;
  }

  /** Ends every session of the person's account (e.g. a lost or shared device). */
  async endSessions(personId: string, reasonInput: unknown, actor: Actor): Promise<number> {
    const reason = checkSupportReason(reasonInput);
    const { person, credential } = await this.account(personId);
    const ended = await this.repos.sessions.destroyAllFor(credential.id);
    await this.audit(actor, 'support.sessions_end', 'success', target(person), { reason, sessionsEnded: ended });
    return ended;
  }

  /** Lifts the login throttle of the account (every client, second factor); address-wide limits stay. */
  async unlock(personId: string, reasonInput: unknown, actor: Actor): Promise<number> {
    const reason = checkSupportReason(reasonInput);
    const { person, credential } = await this.account(personId);
    const cleared = await this.throttle.unlockAccount([credential.username, `pupil:${person.id}`], credential.id);
    await this.audit(actor, 'support.unlock', 'success', target(person), { reason, countersCleared: cleared });
    return cleared;
  }

  /** Mails a staff member the one-time password link to their own work address (the operator never sees it). */
  async sendResetLink(personId: string, reasonInput: unknown, actor: Actor): Promise<void> {
    const reason = checkSupportReason(reasonInput);
    const { person, credential } = await this.account(personId);
    if (person.role === 'pupil' || !person.staffEmail || person.status !== 'active')
      throw new ValidationError(
        'Alleen voor actieve medewerkers met een e-mailadres; leerlingen krijgen een nieuw wachtwoord van hun school. / ' +
          'Only for active staff with an e-mail address; pupils get a new password from their school.',
      );
    await this.audit(actor, 'support.reset_link', 'success', target(person), { reason });
    await this.passwordReset.request(credential.username, actor);
  }

  private async person(personId: string): Promise<Person> {
    const person = isUuid(personId) ? await this.repos.people.findById(personId) : null;
    if (!person) throw new NotFoundError('Onbekende persoon. / Unknown person.');
    return person;
  }

  private async account(personId: string) {
    const person = await this.person(personId);
    const credential = await this.repos.credentials.findByPersonId(person.id);
    if (!credential) throw new ValidationError('Deze persoon heeft geen account. / This person has no account.');
    return { person, credential };
  }

  private async view(person: Person, now: Date): Promise<SupportView> {
    const school = (await this.repos.schools.findById(person.schoolId))!;
    const groups: string[] = [];
    for (const m of await this.repos.groups.membershipsOf(person.id)) {
      const g = await this.repos.groups.findById(m.groupId);
      if (g) groups.push(g.name);
    }
    const credential = await this.repos.credentials.findByPersonId(person.id);
    let account: SupportView['account'] = null;
    if (credential) {
      const throttle = await this.throttle.accountState([credential.username, `pupil:${person.id}`], credential.id, now);
      let lastLogin: { at: Date; method: string } | null = null;
      for (const action of LOGIN_ACTIONS) {
        const [last] = (await this.repos.audit.list({ actorId: person.id, action, limit: 10 })).filter((e) => e.outcome === 'success');
        if (last && (!lastLogin || last.occurredAt > lastLogin.at))
          lastLogin = { at: last.occurredAt, method: action.slice('login.'.length) };
      }
      account = {
        username: credential.username,
        hasPassword: credential.hasPassword,
        picturePassword: (await this.repos.credentials.pictureLogin(person.id)) !== null,
        twoFactor: (await this.repos.credentials.twoFactorState(credential.id)).enabled,
        activeSessions: (await this.repos.sessions.listFor(credential.id, now)).length,
        throttledUntil: throttle.blockedUntil,
        failedAttempts: throttle.failedAttempts,
        lastLogin,
      };
    }
    return {
      personId: person.id,
      name: displayName(person),
      role: person.role,
      active: person.status === 'active',
      school: { brin: brinOf(school), name: school.name, status: school.status },
      groups,
      account,
    };
  }

  private audit(
    actor: Actor,
    action: string,
    outcome: 'success' | 'failure',
    about: { schoolId: string | null; targetType: string; targetId: string | null },
    details: Record<string, unknown>,
  ) {
    return this.repos.audit.record({ actor, action, outcome, ...about, details });
  }
}

const brinOf = (s: { brin: string; dependanceCode: string }) => s.brin + (s.dependanceCode === '00' ? '' : s.dependanceCode);
const target = (p: Person) => ({ schoolId: p.schoolId, targetType: 'person', targetId: p.id });

import type { UpstreamLinkedSession, UpstreamSessionLink } from '../federation/upstream';
import type { Credential, LoginCard, Operator, OperatorRole, SessionInfo, StoredSession, ThrottleState } from '../model';

/** Storage behind the logins: accounts and their secrets, second factors, cards, parents, operators, sessions, attempt counters; and the hashing and signing the logins use. persistence/ implements these for PostgreSQL and PGlite; the contract suite runs against both. */

export interface NewCredential {
  personId?: string | null;
  operatorId?: string | null;
  username: string;
  passwordHash: string | null;
  /** The password was handed out (login card): the owner must choose their own at first login. */
  mustChangePassword?: boolean;
}

export interface CredentialRepository {
  insert(credential: NewCredential): Promise<Credential>;
  findByUsername(username: string): Promise<Credential | null>;
  /** With the password hash: only for checking a password at login. */
  findLoginSecret(username: string): Promise<{ credential: Credential; passwordHash: string | null } | null>;
  findByPersonId(personId: string): Promise<Credential | null>;
  findById(id: string): Promise<Credential | null>;
  /** Usernames of many people in one read (lists); people without an account are absent. */
  usernamesOf(personIds: readonly string[]): Promise<Map<string, string>>;
  setPasswordHash(credentialId: string, passwordHash: string): Promise<void>;
  /** The TOTP secret (decrypted) and last accepted step: only for the second-factor check. */
  twoFactorState(credentialId: string): Promise<{ secret: string | null; enabled: boolean; lastStep: number | null }>;
  /** Stores a confirmed TOTP secret, only if the account has no second factor at this moment; false otherwise. Atomic. */
  enableTotpIfNone(credentialId: string, secret: string, acceptedStep: number): Promise<boolean>;
  /** Replaces the secret of an account that has a second factor; false when it has none. */
  replaceTotp(credentialId: string, secret: string, acceptedStep: number): Promise<boolean>;
  /** Removes the second factor (a reset by the school or an operator); false when there was none. */
  disableTotp(credentialId: string): Promise<boolean>;
  /** Records an accepted step; false when a step at or after it was already used (replay). Atomic. */
  acceptTotpStep(credentialId: string, step: number): Promise<boolean>;
  /** A pupil's own picture (shown in the picture login) and picture password (argon2id of the sequence). */
  setPicturePassword(credentialId: string, avatar: string, hash: string): Promise<void>;
  /** The picture login of a person, with the hash: the one lookup the picture login needs it for. */
  pictureLogin(personId: string): Promise<{ credentialId: string; avatar: string; hash: string } | null>;
  /** Active pupils of a group that have a picture password, with their picture (group's picture login page). */
  pictureAccountsInGroup(groupId: string): Promise<Array<{ personId: string; avatar: string }>>;
}

/** The school's own network ranges (CIDR), for home access (annex B.2). */
export interface SchoolNetworkRepository {
  /** Replaces the school's ranges with exactly these (normalised CIDR strings). */
  replace(schoolId: string, networks: readonly string[]): Promise<void>;
  list(schoolId: string): Promise<string[]>;
  /** Whether the address lies in any school's registered network (a classroom shares one address). */
  isSchoolAddress(address: string): Promise<boolean>;
}

/** Printed QR login cards: the card holds a signed id; this row decides whether it still works. */
export interface LoginCardRepository {
  issue(personId: string, expiresAt: Date): Promise<LoginCard>;
  find(id: string): Promise<LoginCard | null>;
  /** Revokes every working card of the person; returns how many. */
  revokeAllFor(personId: string, at: Date): Promise<number>;
  listFor(personId: string): Promise<LoginCard[]>;
}

/**
 * Parents and guardians. They are known only by the keyed hash of a pupil's home-access e-mail address
 * (`emailKey`); the address itself lives with the pupil, so removing it there ends the parent's access.
 */
export interface GuardianRepository {
  emailKey(email: string): string;
  passwordHash(emailKey: string): Promise<string | null>;
  setPassword(emailKey: string, hash: string): Promise<void>;
  /** Pupils that list this address for home access. */
  childrenOf(emailKey: string): Promise<string[]>;
  createLink(tokenHash: string, emailKey: string, expiresAt: Date): Promise<void>;
  /** The e-mail key of an unused, unexpired link; null otherwise. */
  findLink(tokenHash: string, now: Date): Promise<string | null>;
  /** Marks the link used; false when used or expired meanwhile. Atomic. */
  consumeLink(tokenHash: string, now: Date): Promise<boolean>;
}

export interface OperatorRepository {
  insert(operator: { displayName: string; email: string; roles: readonly OperatorRole[] }): Promise<Operator>;
  findById(id: string): Promise<Operator | null>;
  list(): Promise<Operator[]>;
}

export interface SessionRepository {
  get(sid: string, now: Date): Promise<StoredSession | null>;
  /** `upstream`: the school-IdP login of the session (stored encrypted beside the data; null: none). */
  set(
    sid: string,
    data: Record<string, unknown>,
    expiresAt: Date,
    credentialId: string | null,
    upstream?: UpstreamSessionLink | null,
  ): Promise<void>;
  /** Stores `sid` as `set` does and destroys `previousSid` in the same atomic statement (new id at login). */
  replace(
    previousSid: string,
    sid: string,
    data: Record<string, unknown>,
    expiresAt: Date,
    credentialId: string | null,
    upstream?: UpstreamSessionLink | null,
  ): Promise<void>;
  /** The live sessions that came from this school IdP with this NameID (its LogoutRequest names them). */
  findByUpstreamSubject(idpEntityId: string, nameId: string, now: Date): Promise<UpstreamLinkedSession[]>;
  destroy(sid: string): Promise<void>;
  destroyAllFor(credentialId: string): Promise<number>;
  listFor(credentialId: string, now: Date): Promise<SessionInfo[]>;
  noteActivity(sid: string, at: Date, userAgent: string | null): Promise<void>;
  purgeExpired(now: Date): Promise<number>;
}

/** How many attempts a key admits in its window, and how long it backs off after that (doubling). */
export interface ThrottlePolicy {
  readonly limit: number;
  readonly windowMs: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export type ThrottleReservation = { readonly admitted: true } | { readonly admitted: false; readonly retryAfterMs: number };

/** One key of an attempt and the policy it is counted under. */
export interface ThrottleEntry {
  readonly key: string;
  readonly policy: ThrottlePolicy;
}

/**
 * Attempt counters shared by every hub process. An attempt is counted *before* the check it guards, in
 * one atomic statement, so a burst of parallel requests is admitted at most up to the limit.
 */
export interface ThrottleRepository {
  /** Counts one attempt; refused (and not counted) while the key backs off. */
  reserve(key: string, policy: ThrottlePolicy, now: Date): Promise<ThrottleReservation>;
  /**
   * Counts one attempt on every key at once (one statement: a login's keys cost one round trip), each
   * as `reserve` would; the answers in the order of `entries`. Keys must be distinct.
   */
  reserveAll(entries: readonly ThrottleEntry[], now: Date): Promise<ThrottleReservation[]>;
  /** Takes one counted attempt back (it succeeded, or another key refused it). */
  release(key: string, policy: ThrottlePolicy): Promise<void>;
  /**
   * After the check, in one statement: `clear` keys forget their count (attempts 0, no back-off), the
   * others take the attempt back as `release` does. Keys must be distinct.
   */
  settle(entries: ReadonlyArray<ThrottleEntry & { readonly clear: boolean }>): Promise<void>;
  clear(key: string): Promise<void>;
  get(key: string): Promise<ThrottleState | null>;
  /** Every counter whose key starts with `prefix` (one account's keys over all its clients). */
  listByPrefix(prefix: string): Promise<Array<ThrottleState & { key: string }>>;
  /** Deletes every counter whose key starts with `prefix`; returns how many. */
  clearByPrefix(prefix: string): Promise<number>;
  /** Deletes counters untouched since `before` and not backing off (retention). */
  purgeIdle(before: Date): Promise<number>;
}

/** One-time recovery codes of a second factor: found by a keyed index, each stored as an argon2id hash. */
export interface RecoveryCodeRepository {
  /** Replaces the account's codes with these (enrolment, replacement, new codes). */
  replace(credentialId: string, codes: ReadonlyArray<{ lookup: string; hash: string }>): Promise<void>;
  /** The hash stored under this lookup key, or null. */
  find(credentialId: string, lookup: string): Promise<string | null>;
  /** Uses the code up; false when it was used (or never existed). Atomic. */
  consume(credentialId: string, lookup: string): Promise<boolean>;
  count(credentialId: string): Promise<number>;
}

export interface PasswordResetRepository {
  create(tokenHash: string, credentialId: string, expiresAt: Date): Promise<void>;
  /** The credential of a token that is unused and unexpired at `now`, else null. */
  find(tokenHash: string, now: Date): Promise<string | null>;
  /** Marks the token used; false when it was used (or expired) meanwhile. Atomic. */
  consume(tokenHash: string, now: Date): Promise<boolean>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Signs and checks the ids printed on login cards (the hub's own HMAC; a forged card never reaches the database). */
export interface CardTokenSigner {
  sign(cardId: string): string;
  /** The card id when the token is well-formed and carries a valid signature; else null. */
  verify(token: string): string | null;
}

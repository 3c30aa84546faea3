import type {
  Activation,
  ApiClient,
  AuditEvent,
  AuditEventInput,
  Credential,
  Gender,
  Group,
  GroupKind,
  GroupMembership,
  HomeAccessEmail,
  Licence,
  LicenceAssignment,
  Operator,
  OperatorRole,
  Participant,
  Person,
  PersonRole,
  Product,
  ReleaseLedgerEntryInput,
  School,
  ServiceProvider,
  ServiceProviderRegistration,
  VisitingAddress,
} from './model';

/**
 * Storage interfaces the domain needs. persistence/ implements them for PostgreSQL and PGlite; the
 * shared contract suite in test/integration runs against both.
 */

export interface NewSchool {
  brin: string;
  dependanceCode: string;
  name: string;
  assuNumber?: string | null;
  visitingAddress?: VisitingAddress | null;
}

export interface SchoolRepository {
  insert(school: NewSchool): Promise<School>;
  findById(id: string): Promise<School | null>;
  findByBrin(brin: string, dependanceCode?: string): Promise<School[]>;
  list(): Promise<School[]>;
  /** Active schools whose name contains the text or whose BRIN starts with it (case-insensitive). */
  search(text: string, limit: number): Promise<School[]>;
  setHomeAccess(id: string, enabled: boolean): Promise<void>;
  setTeacher2faRequired(id: string, required: boolean): Promise<void>;
}

export interface NewGroup {
  schoolId: string;
  lasKey: string;
  name: string;
  yearGroup: number | null;
  kind: GroupKind;
}

export interface GroupRepository {
  insert(group: NewGroup): Promise<Group>;
  findByLasKey(schoolId: string, lasKey: string): Promise<Group | null>;
  findById(id: string): Promise<Group | null>;
  listBySchool(schoolId: string): Promise<Group[]>;
  addMember(membership: GroupMembership): Promise<void>;
  membershipsOf(personId: string): Promise<GroupMembership[]>;
  memberIds(groupId: string): Promise<string[]>;
  update(id: string, changes: Partial<Pick<NewGroup, 'name' | 'yearGroup' | 'kind'>>): Promise<void>;
  addMemberships(memberships: readonly GroupMembership[]): Promise<void>;
  /** Replaces a person's memberships with exactly these groups. */
  setMemberships(personId: string, memberships: ReadonlyArray<{ groupId: string; roleInGroup: 'member' | 'teacher' }>): Promise<void>;
  /** Every membership at a school in one read (rosters of a whole school). */
  membershipsAtSchool(schoolId: string): Promise<GroupMembership[]>;
}

export interface NewPerson {
  schoolId: string;
  role: PersonRole;
  lasKey?: string | null;
  eckId?: string | null;
  firstName: string;
  infix?: string | null;
  lastName: string;
  birthDate?: string | null;
  gender?: Gender | null;
  staffEmail?: string | null;
}

export interface PersonRepository {
  insert(person: NewPerson): Promise<Person>;
  /** Many at once (multi-row inserts), in order; ids returned in the same order. */
  insertMany(people: readonly NewPerson[]): Promise<string[]>;
  findById(id: string): Promise<Person | null>;
  findByLasKey(schoolId: string, role: PersonRole, lasKey: string): Promise<Person | null>;
  findByEckId(eckId: string): Promise<Person | null>;
  findByStaffEmail(email: string): Promise<Person | null>;
  listBySchool(schoolId: string): Promise<Person[]>;
  update(id: string, changes: Partial<Omit<NewPerson, 'schoolId' | 'role'>> & { status?: 'active' | 'inactive' }): Promise<void>;
  /** People deactivated before `before` (leavers past their grace period). */
  listDeactivatedBefore(before: Date): Promise<Array<{ id: string; schoolId: string }>>;
  /** Deletes the person and, by the schema's cascades, credentials, memberships, assignments, home e-mail. */
  delete(id: string): Promise<void>;
  /** Ids of the school's active people (no decryption: for counting and coverage). */
  activeIds(schoolId: string): Promise<string[]>;
  /** People of a school changed at or after `since` (all when absent), oldest change first. */
  listChanged(schoolId: string, since: Date | null): Promise<Array<Person & { updatedAt: Date }>>;
  /** Home-access e-mail addresses; the database allows at most two per pupil. */
  addHomeAccessEmail(personId: string, email: string): Promise<HomeAccessEmail>;
  homeAccessEmails(personId: string): Promise<HomeAccessEmail[]>;
  /** Removes one home-access address; false when the pupil did not have it. */
  removeHomeAccessEmail(personId: string, email: string): Promise<boolean>;
}

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

export interface LoginCard {
  readonly id: string;
  readonly personId: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
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

export interface NewParticipant {
  name: string;
  needsBirthDate?: boolean;
  needsGender?: boolean;
  needsEmail?: boolean;
}

export interface ParticipantRepository {
  insert(participant: NewParticipant): Promise<Participant>;
  findByName(name: string): Promise<Participant | null>;
  findById(id: string): Promise<Participant | null>;
  list(): Promise<Participant[]>;
}

export interface NewProduct {
  participantId: string;
  name: string;
  method?: string | null;
  iconUrl?: string | null;
  launchUrl?: string | null;
  isTeacherApp?: boolean;
  isTestApp?: boolean;
}

export interface ProductRepository {
  insert(product: NewProduct): Promise<Product>;
  findByName(participantId: string, name: string): Promise<Product | null>;
  /** Product names are unique per participant; the CLI looks them up hub-wide and refuses ambiguity. */
  findAllByName(name: string): Promise<Product[]>;
  findAllByIds(ids: readonly string[]): Promise<Product[]>;
  update(id: string, changes: Partial<Omit<NewProduct, 'participantId'>>): Promise<Product>;
  listByParticipant(participantId: string): Promise<Product[]>;
}

export interface NewLicence {
  schoolId: string;
  productId: string;
  validFrom: Date;
  validUntil: Date;
  seats: number | null;
  scope: 'all' | 'assigned';
}

export interface LicenceRepository {
  insert(licence: NewLicence): Promise<Licence>;
  findById(id: string): Promise<Licence | null>;
  listBySchool(schoolId: string): Promise<Licence[]>;
  assign(licenceId: string, target: { groupId: string } | { personId: string }): Promise<LicenceAssignment>;
  assignments(licenceId: string): Promise<LicenceAssignment[]>;
  unassignPerson(licenceId: string, personId: string): Promise<boolean>;
  unassignGroup(licenceId: string, groupId: string): Promise<boolean>;
}

export interface ActivationRepository {
  /** Upserts the current state and appends to the history in the same transaction. */
  set(activation: Activation): Promise<void>;
  find(schoolId: string, participantId: string): Promise<Activation | null>;
  history(schoolId: string, participantId: string): Promise<Activation[]>;
  /** Schools that currently allow data transfer to the participant. */
  enabledFor(participantId: string): Promise<Activation[]>;
  /** Every switch on or off for the participant since a moment, oldest first. */
  changesFor(participantId: string, since: Date): Promise<Activation[]>;
}

export interface AuditQuery {
  schoolId?: string;
  action?: string;
  /** Events about this object (e.g. a person's hub id). */
  targetId?: string;
  /** Events by this actor id. */
  actorId?: string;
  limit?: number;
  offset?: number;
}

export interface AuditLog {
  record(event: AuditEventInput): Promise<void>;
  list(query: AuditQuery): Promise<AuditEvent[]>;
}

export interface LedgerQuery {
  schoolId: string;
  participantId?: string;
  since?: Date;
  /** Exclusive upper bound. */
  until?: Date;
  limit?: number;
}

export interface LedgerRow {
  readonly occurredAt: Date;
  readonly participantId: string;
  readonly participantName: string;
  readonly serviceProviderEntityId: string | null;
  readonly apiClientId: string | null;
  readonly channel: 'sso' | 'api';
  readonly categories: readonly string[];
  readonly peopleCount: number;
}

export interface ReleaseLedger {
  list(query: LedgerQuery): Promise<LedgerRow[]>;
  record(entry: ReleaseLedgerEntryInput): Promise<void>;
  /** The ledger row and its audit event, atomically, in one round trip (the SSO hot path). */
  recordWithAudit(entry: ReleaseLedgerEntryInput, event: AuditEventInput): Promise<void>;
}

export interface ServiceProviderRepository {
  /** Inserts, or updates the SP with the same entity ID. */
  upsert(registration: ServiceProviderRegistration): Promise<{ serviceProvider: ServiceProvider; created: boolean }>;
  findByEntityId(entityId: string): Promise<ServiceProvider | null>;
  findById(id: string): Promise<ServiceProvider | null>;
  list(): Promise<ServiceProvider[]>;
  remove(entityId: string): Promise<boolean>;
  linkProduct(productId: string, serviceProviderId: string): Promise<void>;
  findByProductId(productId: string): Promise<ServiceProvider | null>;
}

/** Message IDs seen, shared by every hub process: a second use of an ID is a replay. */
export interface ReplayCache {
  /** true when the ID was new (and is now remembered until expiresAt), false when seen before. */
  remember(issuer: string, messageId: string, expiresAt: Date): Promise<boolean>;
}

export interface StoredSession {
  readonly data: Record<string, unknown>;
  readonly expiresAt: Date;
}

export interface SessionInfo {
  readonly sid: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date | null;
  readonly userAgent: string | null;
}

export interface SessionRepository {
  get(sid: string, now: Date): Promise<StoredSession | null>;
  set(sid: string, data: Record<string, unknown>, expiresAt: Date, credentialId: string | null): Promise<void>;
  touch(sid: string, expiresAt: Date): Promise<void>;
  destroy(sid: string): Promise<void>;
  destroyAllFor(credentialId: string): Promise<number>;
  listFor(credentialId: string, now: Date): Promise<SessionInfo[]>;
  noteActivity(sid: string, at: Date, userAgent: string | null): Promise<void>;
  purgeExpired(now: Date): Promise<number>;
}

export interface ThrottleState {
  readonly attempts: number;
  readonly lastAttemptAt: Date;
  readonly blockedUntil: Date | null;
}

/** How many attempts a key admits in its window, and how long it backs off after that (doubling). */
export interface ThrottlePolicy {
  readonly limit: number;
  readonly windowMs: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export type ThrottleReservation = { readonly admitted: true } | { readonly admitted: false; readonly retryAfterMs: number };

/**
 * Attempt counters shared by every hub process. An attempt is counted *before* the check it guards, in
 * one atomic statement, so a burst of parallel requests is admitted at most up to the limit.
 */
export interface ThrottleRepository {
  /** Counts one attempt; refused (and not counted) while the key backs off. */
  reserve(key: string, policy: ThrottlePolicy, now: Date): Promise<ThrottleReservation>;
  /** Takes one counted attempt back (it succeeded, or another key refused it). */
  release(key: string, policy: ThrottlePolicy): Promise<void>;
  clear(key: string): Promise<void>;
  get(key: string): Promise<ThrottleState | null>;
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

export interface ProductIcon {
  readonly contentType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/svg+xml';
  readonly data: Buffer;
  readonly sha256: string;
}

/** Fetches a product's icon from the publisher (once, at registration). */
export interface IconFetcher {
  fetch(url: string): Promise<ProductIcon>;
}

/** Product icons fetched by the hub at registration and served from it. */
export interface ProductIconRepository {
  put(productId: string, icon: ProductIcon & { sourceUrl: string }): Promise<void>;
  find(productId: string): Promise<ProductIcon | null>;
  /** Which of these products have a stored icon. */
  present(productIds: readonly string[]): Promise<Set<string>>;
}

export interface ApiClientRepository {
  insert(client: { clientId: string; secretHash: string; participantId: string }): Promise<ApiClient>;
  /** With the secret hash: the one lookup the token endpoint needs it for. */
  findWithSecret(clientId: string): Promise<(ApiClient & { secretHash: string }) | null>;
  find(clientId: string): Promise<ApiClient | null>;
  touch(clientId: string, at: Date): Promise<void>;
}

export interface RateLimitRepository {
  /** Counts one hit in the client's window and returns the hits so far (atomic across processes). */
  hit(clientId: string, windowStart: Date): Promise<number>;
}

export interface OutboxMail {
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly createdAt: Date;
}

/** Mails waiting to be sent (or, without SMTP, to be read by an operator). Recipient and body encrypted. */
export interface Outbox {
  add(mail: { to: string; subject: string; body: string }): Promise<string>;
  list(): Promise<OutboxMail[]>;
  /**
   * Claims up to `limit` undelivered mails (oldest first) for `claimSeconds`, so that no other hub process
   * sends them meanwhile; `firstAttemptOnly` claims only mails never tried.
   */
  claimUnsent(limit: number, claimSeconds: number, firstAttemptOnly: boolean): Promise<OutboxMail[]>;
  markSent(id: string, at: Date): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
}

export interface PasswordResetRepository {
  create(tokenHash: string, credentialId: string, expiresAt: Date): Promise<void>;
  /** The credential of a token that is unused and unexpired at `now`, else null. */
  find(tokenHash: string, now: Date): Promise<string | null>;
  /** Marks the token used; false when it was used (or expired) meanwhile. Atomic. */
  consume(tokenHash: string, now: Date): Promise<boolean>;
}

export interface Repositories {
  readonly schools: SchoolRepository;
  readonly groups: GroupRepository;
  readonly people: PersonRepository;
  readonly credentials: CredentialRepository;
  readonly participants: ParticipantRepository;
  readonly products: ProductRepository;
  readonly licences: LicenceRepository;
  readonly activations: ActivationRepository;
  readonly audit: AuditLog;
  readonly ledger: ReleaseLedger;
  readonly serviceProviders: ServiceProviderRepository;
  readonly replayCache: ReplayCache;
  readonly sessions: SessionRepository;
  readonly throttle: ThrottleRepository;
  readonly recoveryCodes: RecoveryCodeRepository;
  readonly productIcons: ProductIconRepository;
  readonly apiClients: ApiClientRepository;
  readonly rateLimits: RateLimitRepository;
  readonly outbox: Outbox;
  readonly passwordResets: PasswordResetRepository;
  readonly schoolNetworks: SchoolNetworkRepository;
  readonly loginCards: LoginCardRepository;
  readonly guardians: GuardianRepository;
  readonly operators: OperatorRepository;
  readonly agreements: AgreementRepository;
  readonly importUploads: ImportUploadRepository;
}

/** A roster uploaded in the management screen, waiting between dry run and apply (encrypted, short-lived). */
export interface ImportUploadRepository {
  store(u: { schoolId: string; uploadedBy: string; format: 'edexml' | 'csv'; fileName: string; contents: Buffer; expiresAt: Date }): Promise<string>;
  /** The upload of this school, while not expired. */
  find(id: string, schoolId: string, now: Date): Promise<{ format: 'edexml' | 'csv'; fileName: string; contents: Buffer } | null>;
  remove(id: string): Promise<void>;
  purgeExpired(now: Date): Promise<number>;
}

/**
 * Runs work atomically: every repository handed to `work` writes in one transaction, which is rolled
 * back as a whole when `work` throws. Embedded (PGlite) mode runs these one at a time.
 */
export interface UnitOfWork {
  run<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
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

export interface AgreementVersion {
  readonly id: string;
  readonly version: string;
  readonly body: string;
  readonly publishedAt: Date;
  readonly effectiveFrom: Date;
  readonly publishedBy: string;
}

export interface AgreementAcceptance {
  readonly versionId: string;
  readonly version: string;
  readonly schoolId: string;
  readonly acceptedBy: string;
  readonly acceptedAt: Date;
  readonly acceptedFromIp: string | null;
}

/** The product & service agreement: versions (art. 10), acceptances per school (art. 2), termination. */
export interface AgreementRepository {
  publish(v: { version: string; body: string; effectiveFrom: Date; publishedBy: string }): Promise<AgreementVersion>;
  /** All versions, newest effective date first. */
  list(): Promise<AgreementVersion[]>;
  accept(a: { schoolId: string; versionId: string; acceptedBy: string; acceptedFromIp: string | null }): Promise<void>;
  acceptances(schoolId: string): Promise<AgreementAcceptance[]>;
  /** Schools whose notice has ended (status 'terminating', destruction date reached). */
  dueForDestruction(now: Date): Promise<Array<{ id: string; brin: string; destructionDueAt: Date }>>;
  /**
   * Destroys a school and every row that belongs to it (people, accounts, groups, licences, activations,
   * acceptances, networks, uploads — by the schema's cascades), its sessions, and parent accounts left
   * without children. The release ledger (counts) and the audit (ids) stay as the hub's proof.
   * Returns the number of people destroyed.
   */
  destroySchool(id: string): Promise<number>;
  /** Records the school's notice: status 'terminating' and the date its data will be destroyed. */
  scheduleTermination(schoolId: string, requestedAt: Date, destructionDueAt: Date): Promise<void>;
  termination(schoolId: string): Promise<{ requestedAt: Date; destructionDueAt: Date } | null>;
}

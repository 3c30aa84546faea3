import type { UpstreamSessionLink } from './federation/upstream';

/**
 * The domain's view of the data: plain, readonly values. Persistence maps its entities to these, so
 * entities never leave the persistence layer. Personal fields are plaintext here and encrypted at rest.
 */

export type SchoolStatus = 'active' | 'terminating' | 'terminated';
export type AgreementState = 'pending' | 'accepted' | 'superseded';

export interface VisitingAddress {
  readonly street: string;
  readonly houseNumber: string;
  readonly postalCode: string;
  readonly city: string;
}

export interface School {
  readonly id: string;
  readonly brin: string;
  readonly dependanceCode: string;
  readonly name: string;
  readonly assuNumber: string | null;
  readonly visitingAddress: VisitingAddress | null;
  readonly status: SchoolStatus;
  readonly agreementState: AgreementState;
  readonly homeAccessEnabled: boolean;
  /** The school requires two-factor authentication for its teachers (delegates always need it). */
  readonly teacher2faRequired: boolean;
  /** Set while the hub's operator has suspended the school (agreement art. 12); see domain/misuse/suspension.ts. */
  readonly suspendedAt: Date | null;
  readonly createdAt: Date;
}

export type GroupKind = 'stamgroep' | 'samengestelde_groep';

export interface Group {
  readonly id: string;
  readonly schoolId: string;
  readonly lasKey: string;
  readonly name: string;
  /** jaargroep 1–8; null for composite groups that span years. */
  readonly yearGroup: number | null;
  readonly kind: GroupKind;
}

export type PersonRole = 'pupil' | 'teacher' | 'delegate';
export type Gender = 'M' | 'V' | 'X';

export interface Person {
  readonly id: string;
  readonly schoolId: string;
  readonly role: PersonRole;
  readonly lasKey: string | null;
  readonly eckId: string | null;
  readonly firstName: string;
  readonly infix: string | null;
  readonly lastName: string;
  /** ISO date (YYYY-MM-DD). */
  readonly birthDate: string | null;
  readonly gender: Gender | null;
  /** Staff only: work e-mail address. */
  readonly staffEmail: string | null;
  readonly status: 'active' | 'inactive';
}

export interface HomeAccessEmail {
  readonly personId: string;
  readonly position: 1 | 2;
  readonly email: string;
}

export interface GroupMembership {
  readonly groupId: string;
  readonly personId: string;
  readonly roleInGroup: 'member' | 'teacher';
}

export interface Credential {
  readonly id: string;
  readonly personId: string | null;
  readonly operatorId: string | null;
  readonly username: string;
  /** Whether a text password is set (pupils on pictures or cards may have none); the hash itself is never in this model. */
  readonly hasPassword: boolean;
  readonly totpEnabled: boolean;
}

export type OperatorRole = 'helpdesk' | 'dba' | 'security_officer';

export interface Operator {
  readonly id: string;
  readonly displayName: string;
  readonly email: string;
  readonly roles: readonly OperatorRole[];
}

export interface Participant {
  readonly id: string;
  readonly name: string;
  /** Set by an operator when the participant demonstrably needs these categories (default: not released). */
  readonly needsBirthDate: boolean;
  readonly needsGender: boolean;
  readonly needsEmail: boolean;
  /** Its privacy annex (annex 1 D); null until an operator declared one. */
  readonly annex: PrivacyAnnex | null;
  readonly createdAt: Date;
}

/** A sub-processor the participant engages (DPA art. 13 / annex 1 D), as published. */
export interface SubProcessor {
  readonly name: string;
  readonly purpose: string;
  readonly location: string;
}

/**
 * A participant's privacy annex (annex 1 D): which data categories it processes (names from
 * release/categories.ts), for what, with whom, and where it is stored. Published per participant.
 */
export interface PrivacyAnnex {
  readonly categories: readonly string[];
  readonly purposes: readonly string[];
  readonly subProcessors: readonly SubProcessor[];
  readonly storageLocation: string;
  readonly changedAt: Date;
}

export interface Product {
  readonly id: string;
  readonly participantId: string;
  readonly method: string | null;
  readonly name: string;
  readonly iconUrl: string | null;
  readonly launchUrl: string | null;
  readonly isTeacherApp: boolean;
  readonly isTestApp: boolean;
}

export interface Licence {
  readonly id: string;
  readonly schoolId: string;
  readonly productId: string;
  readonly validFrom: Date;
  readonly validUntil: Date;
  /** null: no seat limit. */
  readonly seats: number | null;
  /** 'all': every pupil and teacher of the school; 'assigned': only the assigned groups/people. */
  readonly scope: 'all' | 'assigned';
}

export interface LicenceAssignment {
  readonly id: string;
  readonly licenceId: string;
  readonly groupId: string | null;
  readonly personId: string | null;
}

export interface Activation {
  readonly schoolId: string;
  readonly participantId: string;
  readonly enabled: boolean;
  readonly changedBy: string;
  readonly changedAt: Date;
  /**
   * DPA art. 13.3: after the participant's annex widened, the categories this school accepted before (the
   * release keeps to them until the school accepts the new annex); null or absent: nothing is pending.
   */
  readonly acceptedCategories?: readonly string[] | null;
}

export type ActorType = 'operator' | 'person' | 'cli' | 'system' | 'sp' | 'anonymous';

export interface Actor {
  readonly type: ActorType;
  /** An opaque id (hub id, operator id, OS user for the CLI); never a name or e-mail address. */
  readonly id: string;
  readonly ip?: string | null;
  readonly requestId?: string | null;
}

export interface AuditEventInput {
  readonly actor: Actor;
  readonly action: string;
  readonly outcome: 'success' | 'failure';
  readonly schoolId?: string | null;
  readonly targetType?: string | null;
  readonly targetId?: string | null;
  /** Non-personal facts only (counts, ids, reasons). */
  readonly details?: Record<string, unknown>;
}

export interface AuditEvent extends AuditEventInput {
  readonly id: string;
  readonly occurredAt: Date;
}

/** How data left the hub: SAML SSO, the roster API, or OpenID Connect. */
export type LedgerChannel = 'sso' | 'api' | 'oidc';

export interface ReleaseLedgerEntryInput {
  readonly schoolId: string;
  readonly participantId: string;
  readonly serviceProviderId?: string | null;
  readonly apiClientId?: string | null;
  /** The OIDC client the data went to; set exactly when channel is `oidc` (a CHECK constraint holds it). */
  readonly oidcClientId?: string | null;
  readonly channel: LedgerChannel;
  /** Annex categories, never values. */
  readonly categories: readonly string[];
  readonly peopleCount: number;
}

export interface SamlEndpoint {
  readonly binding: string;
  readonly location: string;
  readonly responseLocation?: string;
}

export interface IndexedEndpoint extends SamlEndpoint {
  readonly index: number;
  readonly isDefault: boolean;
}

export interface RequestedAttribute {
  readonly name: string;
  readonly friendlyName?: string;
  readonly isRequired: boolean;
}

/** A participant's SAML service provider, as registered from its metadata. */
export interface ServiceProvider {
  readonly id: string;
  readonly participantId: string;
  readonly entityId: string;
  readonly metadataXml: string;
  readonly metadataValidUntil: Date | null;
  readonly signingCertificates: readonly string[];
  readonly encryptionCertificates: readonly string[];
  readonly acsEndpoints: readonly IndexedEndpoint[];
  readonly sloEndpoints: readonly SamlEndpoint[];
  readonly requestedAttributes: readonly RequestedAttribute[];
  /** Operator-configured attribute names (urn:oid:…) the SP may receive; null: only what its metadata requests. */
  readonly attributeAllowList: readonly string[] | null;
  readonly wantAssertionsSigned: boolean;
  readonly authnRequestsSigned: boolean;
  readonly signResponse: boolean;
  readonly encryptAssertion: boolean;
  readonly allowUnsolicited: boolean;
  readonly nameIdFormat: string;
}

export type ServiceProviderRegistration = Omit<ServiceProvider, 'id'>;

/** The attribute names an SP may receive: the operator's allow-list where one was set, else what its metadata requests. */
export const requestedAttributeNames = (sp: Pick<ServiceProvider, 'attributeAllowList' | 'requestedAttributes'>): string[] =>
  sp.attributeAllowList ? [...sp.attributeAllowList] : sp.requestedAttributes.map((a) => a.name);

export interface ApiClient {
  readonly id: string;
  readonly clientId: string;
  readonly participantId: string;
  readonly revokedAt: Date | null;
}

/** "Fenna ter Horst": first name, infix, last name — how a person is named on every page and card. */
export const displayName = (p: { firstName: string; infix?: string | null; lastName: string }): string =>
  [p.firstName, p.infix, p.lastName].filter(Boolean).join(' ');

export interface LoginCard {
  readonly id: string;
  readonly personId: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

export interface LedgerRow {
  readonly occurredAt: Date;
  readonly participantId: string;
  readonly participantName: string;
  readonly serviceProviderEntityId: string | null;
  readonly apiClientId: string | null;
  readonly oidcClientId: string | null;
  readonly channel: LedgerChannel;
  readonly categories: readonly string[];
  readonly peopleCount: number;
}

export interface StoredSession {
  readonly data: Record<string, unknown>;
  readonly expiresAt: Date;
  /** The school-IdP login the session came from (decrypted), if any. */
  readonly upstream?: UpstreamSessionLink | null;
}

export interface SessionInfo {
  readonly sid: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date | null;
  readonly userAgent: string | null;
}

export interface ThrottleState {
  readonly attempts: number;
  readonly lastAttemptAt: Date;
  readonly blockedUntil: Date | null;
}

export interface ProductIcon {
  readonly contentType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/svg+xml';
  readonly data: Buffer;
  readonly sha256: string;
}

export interface OutboxMail {
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly createdAt: Date;
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

/** A planned maintenance window of the hub (product & service agreement art. 4), announced to the schools. */
export interface MaintenanceWindow {
  readonly id: string;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly descriptionNl: string;
  readonly descriptionEn: string;
  readonly scheduledAt: Date;
  /** `actorType:actorId` of who scheduled it (an operator's id or the CLI's OS user), never a name. */
  readonly scheduledBy: string;
  readonly cancelledAt: Date | null;
  readonly cancelledBy: string | null;
}

/** A written warning to a school for misuse, improper use or fraud (product & service agreement art. 12). */
export interface MisuseWarning {
  readonly id: string;
  readonly schoolId: string;
  /** What was seen. */
  readonly observed: string;
  /** What the school must do. */
  readonly requiredMeasures: string;
  /** By when. */
  readonly deadline: Date;
  readonly issuedAt: Date;
  /** `actorType:actorId`, never a name. */
  readonly issuedBy: string;
  readonly closedAt: Date | null;
  readonly closedBy: string | null;
  /** How it was closed: the school took the measures, or the operator withdrew it. */
  readonly closing: 'measures_taken' | 'withdrawn' | null;
}

export type SuspensionBasis = 'expired_warning' | 'immediate';

/** A suspension of a school (art. 12); lifted ones stay as the record. */
export interface SchoolSuspension {
  readonly id: string;
  readonly schoolId: string;
  readonly basis: SuspensionBasis;
  readonly warningId: string | null;
  readonly immediateReason: string | null;
  readonly explanation: string;
  readonly suspendedAt: Date;
  readonly suspendedBy: string;
  readonly liftedAt: Date | null;
  readonly liftedBy: string | null;
  readonly liftNote: string | null;
}

/** A notice to every school of a change three months ahead (agreement art. 6 and 11). */
export interface ServiceNotice {
  readonly id: string;
  readonly kind: 'service_end' | 'browser_withdrawal';
  /** The browser whose support ends (browser_withdrawal only). */
  readonly browser: string | null;
  readonly effectiveAt: Date;
  readonly announcedAt: Date;
  readonly announcedBy: string;
  readonly cancelledAt: Date | null;
  readonly cancelledBy: string | null;
}

export interface SupportedBrowser {
  readonly name: string;
  readonly minimumVersion: string;
}

/** A disruption report (agreement art. 5). */
export interface Disruption {
  readonly id: string;
  /** The reporting school; null when an operator recorded a call not tied to one school. */
  readonly schoolId: string | null;
  readonly channel: 'admin' | 'phone';
  /** The reporter's own words (may name people; never on the status page). */
  readonly description: string;
  readonly reportedAt: Date;
  readonly reportedBy: string;
  readonly acknowledgedAt: Date | null;
  readonly publicTextNl: string | null;
  readonly publicTextEn: string | null;
  readonly estimatedRepairAt: Date | null;
  readonly estimateGivenAt: Date | null;
  readonly resolvedAt: Date | null;
}

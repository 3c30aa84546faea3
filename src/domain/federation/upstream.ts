/**
 * Schools' own identity providers ("upstream" IdPs): the hub is a SAML SP towards them and stays the
 * IdP towards publishers. These are the types the protocol checks and the registration share; the
 * rules that decide who may use an upstream IdP live with the login (domain/identity).
 */

import type { SamlEndpoint } from '../model';

/** What the strict Response checks need to know about the registered IdP. */
export interface UpstreamIdpTrust {
  readonly entityId: string;
  /** Certificates (PEM or base64 body) from its metadata; during a key rollover, more than one. */
  readonly signingCertificates: readonly string[];
  /** IdP-initiated (unsolicited) Responses are refused unless the registration allows them for this IdP. */
  readonly allowUnsolicited: boolean;
  /** Require the Assertion itself to be signed, even inside a signed Response. */
  readonly wantAssertionsSigned: boolean;
}

/** An AuthnRequest the hub sent to an upstream IdP, remembered until it is answered or expires. */
export interface UpstreamAuthnRequest {
  readonly id: string;
  readonly idpEntityId: string;
  /** Opaque to the store: what the login continues with once the IdP answers (e.g. a pending SSO). */
  readonly context: Readonly<Record<string, unknown>>;
  /** Personal values the continuation needs (the school IdP's NameID): stored encrypted, never in `context`. */
  readonly sealed?: Readonly<Record<string, unknown>> | null;
  readonly expiresAt: Date;
}

/** The subject of an upstream assertion as the IdP named it: a LogoutRequest must name it the same way. */
export interface UpstreamSubject {
  readonly nameId: string;
  readonly format: string | null;
  readonly nameQualifier: string | null;
  readonly spNameQualifier: string | null;
}

/**
 * What the hub keeps with a session that came from a school's IdP, to log the person out there (and to
 * find the session when the IdP asks): stored encrypted, gone with the session.
 */
export interface UpstreamSessionLink {
  readonly schoolId: string;
  readonly idpEntityId: string;
  readonly subject: UpstreamSubject;
  readonly sessionIndex: string | null;
}

/** A live hub session that came from a school's IdP, as found by the IdP's NameID. */
export interface UpstreamLinkedSession {
  readonly sid: string;
  readonly data: Record<string, unknown>;
  readonly link: UpstreamSessionLink;
}

export interface UpstreamRequestStore {
  record(request: UpstreamAuthnRequest): Promise<void>;
  /**
   * Takes the request out (single use, atomic across processes): the request when it was outstanding
   * for this IdP and not expired at `now`, else null — a forged, replayed, foreign or late InResponseTo.
   */
  consume(id: string, idpEntityId: string, now: Date): Promise<UpstreamAuthnRequest | null>;
  /** Looks the request up without taking it (to choose which registration to check a Response against). */
  find(id: string): Promise<UpstreamAuthnRequest | null>;
}

/** Who may log in through the school's IdP. */
export type UpstreamRoles = 'staff' | 'staff_and_pupils';
/** The roster field the identifying value is matched against. */
export type UpstreamMatch = 'email' | 'employee_number' | 'las_key' | 'eck_id';
export const UPSTREAM_ROLES: readonly UpstreamRoles[] = ['staff', 'staff_and_pupils'];
export const UPSTREAM_MATCHES: readonly UpstreamMatch[] = ['email', 'employee_number', 'las_key', 'eck_id'];

/** What the metadata says (checked by the SAML layer before it reaches the domain). */
export interface UpstreamIdpMetadata {
  readonly entityId: string;
  readonly ssoUrl: string;
  /** SingleLogoutService endpoints (HTTP-Redirect and HTTP-POST only); empty: the IdP offers no logout. */
  readonly sloEndpoints: readonly SamlEndpoint[];
  readonly signingCertificates: readonly string[];
  readonly validUntil: Date | null;
  readonly signatureVerified: boolean;
  readonly metadataXml: string;
}

/** The school's choices. */
export interface UpstreamIdpSettings {
  readonly roles: UpstreamRoles;
  /** 'nameid', or the name of the attribute (urn:oid:… or as the IdP sends it) carrying the identifier. */
  readonly identifier: string;
  readonly matchOn: UpstreamMatch;
  readonly allowUnsolicited: boolean;
  readonly wantAssertionsSigned: boolean;
  /** Where `refresh` fetches the metadata again (null: registered from a file). */
  readonly metadataUrl: string | null;
  /** PEM certificate the metadata must be signed with on every refresh (null: not required). */
  readonly metadataTrustCertificate: string | null;
}

export interface UpstreamIdp extends UpstreamIdpTrust {
  readonly id: string;
  readonly schoolId: string;
  readonly ssoUrl: string;
  readonly sloEndpoints: readonly SamlEndpoint[];
  readonly validUntil: Date | null;
  readonly settings: UpstreamIdpSettings;
  readonly metadataFetchedAt: Date;
  readonly createdAt: Date;
  /** The last refresh from the metadata URL (null: none since it was registered); `error` null when it succeeded. */
  readonly lastRefresh: { readonly at: Date; readonly error: string | null } | null;
}

export interface UpstreamIdpRepository {
  /** Inserts, or replaces the school's registration (one IdP per school). */
  upsert(
    schoolId: string,
    metadata: UpstreamIdpMetadata,
    settings: UpstreamIdpSettings,
    at: Date,
  ): Promise<{ idp: UpstreamIdp; created: boolean }>;
  /** `lock`: holds the row until the transaction ends (a refresh must not overwrite a registration made meanwhile). */
  findBySchool(schoolId: string, lock?: boolean): Promise<UpstreamIdp | null>;
  /** Records the outcome of a refresh (error null: it succeeded). An upsert clears it (a new registration). */
  recordRefresh(id: string, at: Date, error: string | null): Promise<void>;
  /** Every school registration of this IdP (a school board may use one IdP for several schools). */
  findByEntityId(entityId: string): Promise<UpstreamIdp[]>;
  list(): Promise<UpstreamIdp[]>;
  removeBySchool(schoolId: string): Promise<boolean>;
}

import type { SamlRequestError } from '../domain/errors';
import type { AccessDecision, AccessRefusal } from '../domain/licensing/access';
import type { IndexedEndpoint, Participant, Person, School, ServiceProvider } from '../domain/model';
import type { Category } from '../release/categories';
import type { InboundMessage } from './bindings/inbound';
import type { ReleasedAttribute } from './response/build-response';
import type { ParsedAuthnRequest } from './steps/parse-authn-request';

/** An SP-initiated request waiting for the user to log in (kept in the user's session). */
export interface PendingSso {
  readonly spEntityId: string;
  readonly requestId: string;
  readonly acsUrl: string;
  readonly relayState?: string;
  readonly forceAuthn: boolean;
  readonly nameIdFormat: string;
  readonly receivedAt: string;
}

/** The login of the session the request arrived in. */
export interface AuthenticatedUser {
  readonly credentialId: string;
  readonly personId: string;
  readonly authnInstant: Date;
}

/** One SP the user received an assertion for in this hub session (for Single Logout). */
export interface SamlSessionEntry {
  readonly spEntityId: string;
  readonly nameId: string;
  readonly nameIdFormat: string;
  readonly sessionIndex: string;
}

/** Where the Response goes: a verified ACS of the SP, with what it must echo. */
export interface ResponseTarget {
  readonly acsUrl: string;
  /** Absent for an unsolicited (IdP-initiated) response. */
  readonly inResponseTo?: string;
  readonly relayState?: string;
  readonly nameIdFormat: string;
}

/** What a flow knows so far; each step adds what it established. */
export interface SsoState {
  readonly now: Date;
  /** null: nobody is logged in in this session. */
  readonly user: AuthenticatedUser | null;
  /** The SessionIndex already given to an SP in this hub session (kept stable for logout). */
  readonly sessionIndexFor: (spEntityId: string, nameIdFormat: string) => string | undefined;
  /** SP-initiated: the request as it arrived (raw query string, or the form body). */
  readonly incoming?: { readonly binding: 'redirect' | 'post'; readonly raw: unknown };
  /** Who asked, for the audit of a refusal. */
  readonly requestId?: string;
  readonly ip?: string | null;
  message?: InboundMessage;
  /** Resuming after the login. */
  readonly pending?: PendingSso;
  /** Portal launch: the product chosen. */
  readonly productId?: string;
  doc?: Document;
  request?: ParsedAuthnRequest;
  /** The request's ID is in the replay cache already (see rememberAuthnRequest). */
  requestRemembered?: boolean;
  signed?: boolean;
  sp?: ServiceProvider;
  acs?: IndexedEndpoint;
  target?: ResponseTarget;
  person?: Person;
  school?: School;
  participant?: Participant;
  /** The licence gate's decision for this person and the SP's participant. */
  access?: AccessDecision;
  attributes?: ReleasedAttribute[];
  categories?: Category[];
  entry?: SamlSessionEntry;
  xml?: string;
}

export type SsoOutcome =
  /** Refused before the ACS was verified: nothing goes to the SP, the user gets a page with an error id. */
  | { readonly kind: 'refused'; readonly error: SamlRequestError; readonly issuer: string | null }
  /** A signed SAML error status to the verified ACS (NoPassive, InvalidNameIDPolicy). */
  | { readonly kind: 'error-to-acs'; readonly target: ResponseTarget; readonly xml: string }
  /** Nobody (or not freshly enough) logged in: hand off to the login UI, then resume. */
  | { readonly kind: 'need-login'; readonly pending: PendingSso }
  /** The licence gate said no: a page that explains why, and a signed RequestDenied for the SP. */
  | {
      readonly kind: 'access-denied';
      readonly reason: AccessRefusal | 'unknown_user';
      readonly target: ResponseTarget;
      readonly errorXml: string;
    }
  /** Portal launch of a product whose SP does not take unsolicited responses. */
  | { readonly kind: 'not-launchable' }
  /** The signed Response, released, recorded. */
  | {
      readonly kind: 'response';
      readonly target: ResponseTarget;
      readonly xml: string;
      readonly entry: SamlSessionEntry;
      readonly categories: readonly Category[];
    };

import { DUMMY_HASH } from '../identity/login.service';
import type { PasswordHasher } from '../identity/ports';

/**
 * OpenID Connect clients of participants (issue 18): a publisher's relying party, registered by an
 * operator (`participant oidc-client add`, /ops/participants/:id/oidc-clients). The provider (under
 * /oidc) reads them through `findByClientId`; registration and its rules live in oidc-client.service.ts.
 * Every client uses the authorization code flow with PKCE; redirect URIs match exactly.
 */

export const OIDC_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;
export type OidcTokenEndpointAuthMethod = (typeof OIDC_AUTH_METHODS)[number];

export interface OidcClientRecord {
  /** Public id, `lp-…` (random, url-safe). */
  readonly clientId: string;
  /** The participant's id (participants.id, a uuid like every id of the hub). */
  readonly participantId: string;
  /** Exactly as registered: the provider compares them byte for byte. */
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly tokenEndpointAuthMethod: OidcTokenEndpointAuthMethod;
  /** argon2id hash of the client secret (client_secret_basic/post); null for private_key_jwt. */
  readonly secretHash: string | null;
  /** The client's public keys (private_key_jwt); null for secret-authenticated clients. */
  readonly jwks: { keys: object[] } | null;
  readonly backchannelLogoutUri: string | null;
  /** Refresh tokens are issued only to a client whose participant is allowed them. */
  readonly refreshTokensAllowed: boolean;
  readonly createdAt: Date;
}

export type NewOidcClient = Omit<OidcClientRecord, 'createdAt'>;

/** Storage of OIDC clients. persistence/ implements it for PostgreSQL and PGlite; the contract suite runs against both. */
export interface OidcClientRepository {
  findByClientId(clientId: string): Promise<OidcClientRecord | null>;
  listForParticipant(participantId: string): Promise<OidcClientRecord[]>;
  /** Every client, oldest first (the console's and the activation summary's overview). */
  list(): Promise<OidcClientRecord[]>;
  add(client: NewOidcClient): Promise<OidcClientRecord>;
  /** true when the client existed and is gone. */
  remove(clientId: string): Promise<boolean>;
  /** Replaces the secret hash of a secret-authenticated client; false when there is no such client. */
  replaceSecret(clientId: string, secretHash: string): Promise<boolean>;
}

/**
 * Does `presented` match the client's secret? argon2id with the hub's hasher (crypto/password-hasher.ts,
 * handed in: the domain imports no crypto layer). A client without a secret (private_key_jwt) and an
 * empty secret never match; they cost one verification all the same, so timing tells nothing.
 */
export async function verifyOidcClientSecret(record: OidcClientRecord, presented: string, hasher: PasswordHasher): Promise<boolean> {
  const usesSecret = record.tokenEndpointAuthMethod !== 'private_key_jwt' && record.secretHash !== null;
  const ok = await hasher.verify(usesSecret ? record.secretHash! : DUMMY_HASH, presented);
  return ok && usesSecret && presented.length > 0;
}

import type { OidcClientRecord, OidcClientRepository } from '../domain/federation/oidc-client';
import type { OidcPayloadStore } from '../domain/federation/oidc-payloads';

/**
 * oidc-provider's storage adapter over the hub's database (one instance per model name). Every hub
 * process shares the rows, so a code issued by one process is redeemed at another. Clients are not
 * stored here: the `Client` model is read from the registered OIDC clients (domain/federation/oidc-client).
 */

/** The provider's error for a code or refresh token redeemed twice (oidc-provider's errors.InvalidGrant). */
export type InvalidGrantError = new (description: string) => Error;

/** A participant's client as oidc-provider sees it (snake_case client metadata). */
export function clientMetadata(r: OidcClientRecord): Record<string, unknown> {
  return {
    client_id: r.clientId,
    // The argon2id hash stands where oidc-provider expects the secret: it is never compared as such. The
    // provider's compareClientSecret is replaced (provider.ts) by verifyOidcClientSecret over the stored
    // record, and no HMAC algorithm (the only other use of a client secret) is enabled.
    ...(r.secretHash ? { client_secret: r.secretHash } : {}),
    ...(r.jwks ? { jwks: r.jwks } : {}),
    token_endpoint_auth_method: r.tokenEndpointAuthMethod,
    redirect_uris: [...r.redirectUris],
    post_logout_redirect_uris: [...r.postLogoutRedirectUris],
    response_types: ['code'],
    // The code comes back in the query: a form_post page would need the hub's pages to post to another site.
    response_modes: ['query'],
    grant_types: r.refreshTokensAllowed ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
    id_token_signed_response_alg: 'RS256',
    // `sub` is the participant's pairwise pseudonym, derived per participant (not per redirect host): the
    // participant is the sector. oidc-provider wants a sector identifier when the redirect hosts differ;
    // this one names the participant and is never fetched (sectorIdentifierUriValidate: false).
    subject_type: 'pairwise',
    sector_identifier_uri: `https://participant-${r.participantId}.sector.invalid/`,
    ...(r.backchannelLogoutUri ? { backchannel_logout_uri: r.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
    [PARTICIPANT_PROPERTY]: r.participantId,
  };
}

/** The extra client property that carries the participant's id (see extraClientMetadata). */
export const PARTICIPANT_PROPERTY = 'leerpoort_participant_id';

interface AdapterDeps {
  readonly payloads: OidcPayloadStore;
  readonly clients: Pick<OidcClientRepository, 'findByClientId'>;
  readonly invalidGrant: InvalidGrantError;
}

const expiry = (expiresIn: number | undefined) => (expiresIn ? new Date(Date.now() + expiresIn * 1000) : null);

export class DatabaseAdapter {
  constructor(
    private readonly kind: string,
    private readonly deps: AdapterDeps,
  ) {}

  async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> {
    if (this.kind === 'Client') throw new Error('OIDC clients are registered by operators, not through the provider');
    await this.deps.payloads.upsert(this.kind, id, payload, expiry(expiresIn));
  }

  async find(id: string): Promise<Record<string, unknown> | undefined> {
    if (this.kind === 'Client') {
      const record = await this.deps.clients.findByClientId(id);
      return record ? clientMetadata(record) : undefined;
    }
    const found = await this.deps.payloads.find(this.kind, id, new Date());
    if (!found) return undefined;
    return found.consumedAt ? { ...found.payload, consumed: Math.floor(found.consumedAt.getTime() / 1000) } : found.payload;
  }

  async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
    return (await this.deps.payloads.findByUid(this.kind, uid, new Date()))?.payload;
  }

  async findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined> {
    return (await this.deps.payloads.findByUserCode(this.kind, userCode, new Date()))?.payload;
  }

  async consume(id: string): Promise<void> {
    // The provider checks `consumed` before it consumes; two processes can both pass that check. The row
    // decides: only one consumes it, the other is refused and the grant revoked (RFC 6749 §4.1.2).
    if (await this.deps.payloads.consume(this.kind, id, new Date())) return;
    const grantId = (await this.deps.payloads.find(this.kind, id, new Date()))?.payload.grantId;
    if (typeof grantId === 'string') await this.deps.payloads.revokeByGrantId(grantId);
    throw new this.deps.invalidGrant(`${this.kind === 'RefreshToken' ? 'refresh token' : 'authorization code'} already consumed`);
  }

  async destroy(id: string): Promise<void> {
    await this.deps.payloads.destroy(this.kind, id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.deps.payloads.revokeByGrantId(grantId, this.kind);
  }
}

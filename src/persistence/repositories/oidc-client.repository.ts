import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type {
  NewOidcClient,
  OidcClientRecord,
  OidcClientRepository,
  OidcTokenEndpointAuthMethod,
} from '../../domain/federation/oidc-client';
import { translateViolations } from './db-errors';

interface Row {
  client_id: string;
  participant_id: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  token_endpoint_auth_method: OidcTokenEndpointAuthMethod;
  secret_hash: string | null;
  jwks: { keys: object[] } | null;
  backchannel_logout_uri: string | null;
  refresh_tokens_allowed: boolean;
  created_at: Date | string;
}

const COLUMNS =
  'client_id, participant_id, redirect_uris, post_logout_redirect_uris, token_endpoint_auth_method, secret_hash, jwks, backchannel_logout_uri, refresh_tokens_allowed, created_at';

const toRecord = (r: Row): OidcClientRecord => ({
  clientId: r.client_id,
  participantId: r.participant_id,
  redirectUris: r.redirect_uris,
  postLogoutRedirectUris: r.post_logout_redirect_uris,
  tokenEndpointAuthMethod: r.token_endpoint_auth_method,
  secretHash: r.secret_hash,
  jwks: r.jwks,
  backchannelLogoutUri: r.backchannel_logout_uri,
  refreshTokensAllowed: r.refresh_tokens_allowed,
  createdAt: new Date(r.created_at),
});

/** Plain SQL (jsonb arrays round-trip as they are on both backends). */
export class TypeOrmOidcClientRepository implements OidcClientRepository {
  constructor(private readonly em: EntityManager) {}

  async findByClientId(clientId: string): Promise<OidcClientRecord | null> {
    const rows: Row[] = await this.em.query(`SELECT ${COLUMNS} FROM oidc_clients WHERE client_id = $1`, [clientId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listForParticipant(participantId: string): Promise<OidcClientRecord[]> {
    const rows: Row[] = await this.em.query(
      `SELECT ${COLUMNS} FROM oidc_clients WHERE participant_id = $1 ORDER BY created_at, client_id`,
      [participantId],
    );
    return rows.map(toRecord);
  }

  async list(): Promise<OidcClientRecord[]> {
    const rows: Row[] = await this.em.query(`SELECT ${COLUMNS} FROM oidc_clients ORDER BY created_at, client_id`);
    return rows.map(toRecord);
  }

  async add(c: NewOidcClient): Promise<OidcClientRecord> {
    const rows: Row[] = await translateViolations(
      this.em.query(
        `INSERT INTO oidc_clients (client_id, participant_id, redirect_uris, post_logout_redirect_uris, token_endpoint_auth_method,
           secret_hash, jwks, backchannel_logout_uri, refresh_tokens_allowed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING ${COLUMNS}`,
        [
          c.clientId,
          c.participantId,
          JSON.stringify(c.redirectUris),
          JSON.stringify(c.postLogoutRedirectUris),
          c.tokenEndpointAuthMethod,
          c.secretHash,
          c.jwks === null ? null : JSON.stringify(c.jwks),
          c.backchannelLogoutUri,
          c.refreshTokensAllowed,
        ],
      ),
      {
        oidc_clients_pkey: () => new ConflictError(`OIDC client ${c.clientId} already exists`),
        oidc_clients_participant_id_fkey: () => new NotFoundError('unknown participant'),
      },
    );
    return toRecord(rows[0]!);
  }

  async remove(clientId: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query(
      'WITH gone AS (DELETE FROM oidc_clients WHERE client_id = $1 RETURNING client_id) SELECT client_id FROM gone',
      [clientId],
    );
    return rows.length === 1;
  }

  async replaceSecret(clientId: string, secretHash: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query(
      `WITH changed AS (UPDATE oidc_clients SET secret_hash = $2, secret_rotated_at = now()
         WHERE client_id = $1 AND token_endpoint_auth_method <> 'private_key_jwt' RETURNING client_id) SELECT client_id FROM changed`,
      [clientId, secretHash],
    );
    return rows.length === 1;
  }
}

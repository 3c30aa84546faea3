import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OpenID Connect clients of participants (issue 18). A client authenticates either with a secret
 * (stored only as an argon2id hash) or with its public keys (private_key_jwt) — the table allows exactly
 * one of the two. Removed with its participant, like the participant's API clients; nothing here hangs
 * off a school (a school's destruction never reaches it). No personal data.
 */
export class OidcClients1795500000000 implements MigrationInterface {
  name = 'OidcClients1795500000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE oidc_clients (
      client_id text PRIMARY KEY CONSTRAINT oidc_clients_client_id_form CHECK (client_id ~ '^lp-[A-Za-z0-9_-]{16,64}$'),
      participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
      redirect_uris jsonb NOT NULL,
      post_logout_redirect_uris jsonb NOT NULL DEFAULT '[]',
      token_endpoint_auth_method text NOT NULL,
      secret_hash text,
      jwks jsonb,
      backchannel_logout_uri text,
      refresh_tokens_allowed boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      secret_rotated_at timestamptz,
      CONSTRAINT oidc_clients_auth_method CHECK (token_endpoint_auth_method IN ('client_secret_basic', 'client_secret_post', 'private_key_jwt')),
      CONSTRAINT oidc_clients_credentials CHECK (
        (token_endpoint_auth_method = 'private_key_jwt' AND secret_hash IS NULL AND jwks IS NOT NULL)
        OR (token_endpoint_auth_method <> 'private_key_jwt' AND secret_hash IS NOT NULL AND jwks IS NULL)),
      CONSTRAINT oidc_clients_secret_hash_argon2id CHECK (secret_hash IS NULL OR secret_hash LIKE '$argon2id$%'),
      CONSTRAINT oidc_clients_redirect_uris CHECK (jsonb_typeof(redirect_uris) = 'array' AND jsonb_array_length(redirect_uris) > 0),
      CONSTRAINT oidc_clients_post_logout_uris CHECK (jsonb_typeof(post_logout_redirect_uris) = 'array'),
      CONSTRAINT oidc_clients_jwks CHECK (jwks IS NULL OR (jsonb_typeof(jwks -> 'keys') = 'array' AND jsonb_array_length(jwks -> 'keys') > 0))
    )`);
    await q.query('CREATE INDEX oidc_clients_participant ON oidc_clients (participant_id)');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE oidc_clients');
  }
}

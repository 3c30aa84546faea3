import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The OpenID Connect provider's state (issue 18): sessions, interactions, grants, authorization codes,
 * access and refresh tokens of oidc-provider, one row each, shared by every hub process (the processes
 * are stateless). `payload` holds the provider's own record: ids, scopes, the hub's person id as
 * `accountId` — never names or other released values (claims are computed when a token is issued).
 * `account_id` is that person id again, so that ending a person's logins ends their OIDC grants too.
 * Expired rows are deleted by the retention run (step `oidc-payloads`).
 */
export class OidcPayloads1795501000000 implements MigrationInterface {
  name = 'OidcPayloads1795501000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE oidc_payloads (
      id text NOT NULL,
      kind text NOT NULL,
      payload jsonb NOT NULL,
      grant_id text,
      uid text,
      user_code text,
      account_id text,
      expires_at timestamptz,
      consumed_at timestamptz,
      PRIMARY KEY (kind, id)
    )`);
    await q.query('CREATE INDEX oidc_payloads_grant ON oidc_payloads (grant_id) WHERE grant_id IS NOT NULL');
    await q.query('CREATE INDEX oidc_payloads_uid ON oidc_payloads (kind, uid) WHERE uid IS NOT NULL');
    await q.query('CREATE INDEX oidc_payloads_user_code ON oidc_payloads (kind, user_code) WHERE user_code IS NOT NULL');
    await q.query('CREATE INDEX oidc_payloads_account ON oidc_payloads (account_id) WHERE account_id IS NOT NULL');
    await q.query('CREATE INDEX oidc_payloads_expiry ON oidc_payloads (expires_at)');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE oidc_payloads');
  }
}

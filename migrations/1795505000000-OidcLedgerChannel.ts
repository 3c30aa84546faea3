import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The release ledger names OpenID Connect as its own channel (`oidc`) and the client the data went to
 * (`oidc_client_id`), so a school's ledger view and export tell an OIDC release from a SAML one. A client
 * id is text without a foreign key, like `api_client_id`: the ledger outlives a deleted client.
 * Rows written before this migration stay `sso` without a client (which client was never stored).
 */
export class OidcLedgerChannel1795505000000 implements MigrationInterface {
  name = 'OidcLedgerChannel1795505000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE release_ledger ADD COLUMN oidc_client_id text');
    await q.query('ALTER TABLE release_ledger DROP CONSTRAINT release_ledger_channel_valid');
    await q.query("ALTER TABLE release_ledger ADD CONSTRAINT release_ledger_channel_valid CHECK (channel IN ('sso', 'api', 'oidc'))");
    // An OIDC row always names its client, and only an OIDC row does.
    await q.query(
      "ALTER TABLE release_ledger ADD CONSTRAINT release_ledger_oidc_client CHECK ((channel = 'oidc') = (oidc_client_id IS NOT NULL))",
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    // The ledger is kept: OIDC rows fall back to what they were before this migration (`sso`, no client).
    await q.query('ALTER TABLE release_ledger DROP CONSTRAINT release_ledger_oidc_client');
    await q.query("UPDATE release_ledger SET channel = 'sso' WHERE channel = 'oidc'");
    await q.query('ALTER TABLE release_ledger DROP CONSTRAINT release_ledger_channel_valid');
    await q.query("ALTER TABLE release_ledger ADD CONSTRAINT release_ledger_channel_valid CHECK (channel IN ('sso', 'api'))");
    await q.query('ALTER TABLE release_ledger DROP COLUMN oidc_client_id');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single Logout with schools' own IdPs (issue 17):
 * - a hub session that came from a school IdP keeps what a LogoutRequest to that IdP must name — the
 *   IdP's NameID (often an e-mail address), its qualifiers and the SessionIndex — encrypted with the
 *   data key (`upstream_login_enc`), plus a blind index of IdP and NameID to find the sessions a
 *   LogoutRequest from the IdP names. The session's tombstone empties the three columns, and the
 *   retention step `sessions` deletes the row with them;
 * - the IdP's SingleLogoutService endpoints from its metadata (empty until `upstream refresh` or
 *   `upstream add` reads them for an IdP registered before);
 * - an upstream request may carry a sealed part (encrypted with the data key): the continuation from
 *   the ACS to the login holds the school IdP's NameID for the two minutes in between.
 */
export class UpstreamSingleLogout1795502000000 implements MigrationInterface {
  name = 'UpstreamSingleLogout1795502000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE sessions ADD COLUMN upstream_idp text, ADD COLUMN upstream_subject_hmac text, ADD COLUMN upstream_login_enc text',
    );
    await q.query(
      'CREATE INDEX sessions_upstream_subject ON sessions (upstream_idp, upstream_subject_hmac) WHERE upstream_idp IS NOT NULL AND destroyed_at IS NULL',
    );
    await q.query("ALTER TABLE upstream_idps ADD COLUMN slo_endpoints jsonb NOT NULL DEFAULT '[]'::jsonb");
    await q.query('ALTER TABLE upstream_authn_requests ADD COLUMN sealed_enc text');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE upstream_authn_requests DROP COLUMN sealed_enc');
    await q.query('ALTER TABLE upstream_idps DROP COLUMN slo_endpoints');
    await q.query('DROP INDEX sessions_upstream_subject');
    await q.query('ALTER TABLE sessions DROP COLUMN upstream_idp, DROP COLUMN upstream_subject_hmac, DROP COLUMN upstream_login_enc');
  }
}

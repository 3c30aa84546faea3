import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AuthnRequests the hub sent to schools' own IdPs (issue 17): a Response is accepted only in answer to
 * one of these, once (the row is deleted when consumed). `context` says where the login continues; it
 * holds no personal data (ids of pending flows only).
 */
export class UpstreamAuthnRequests1795490000000 implements MigrationInterface {
  name = 'UpstreamAuthnRequests1795490000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE upstream_authn_requests (
      id text PRIMARY KEY,
      idp_entity_id text NOT NULL,
      context jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`);
    await q.query('CREATE INDEX upstream_authn_requests_expiry ON upstream_authn_requests (expires_at)');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE upstream_authn_requests');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last refresh of a school IdP's metadata from its URL (scheduled, or "refresh now"): when it was
 * tried and, when it failed, why. A failed refresh keeps the metadata (and so the keys) it had until its
 * validUntil; the management screen shows the school this outcome.
 */
export class UpstreamIdpRefresh1795503000000 implements MigrationInterface {
  name = 'UpstreamIdpRefresh1795503000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE upstream_idps ADD COLUMN refresh_checked_at timestamptz, ADD COLUMN refresh_error text');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE upstream_idps DROP COLUMN refresh_checked_at, DROP COLUMN refresh_error');
  }
}

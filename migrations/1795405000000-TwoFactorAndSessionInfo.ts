import type { MigrationInterface, QueryRunner } from 'typeorm';

/** TOTP replay protection (last accepted time step) and what the user sees of their sessions. */
export class TwoFactorAndSessionInfo1795405000000 implements MigrationInterface {
  name = 'TwoFactorAndSessionInfo1795405000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE credentials ADD COLUMN totp_last_step bigint');
    await q.query('ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz');
    await q.query('ALTER TABLE sessions ADD COLUMN user_agent text');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE sessions DROP COLUMN user_agent');
    await q.query('ALTER TABLE sessions DROP COLUMN last_seen_at');
    await q.query('ALTER TABLE credentials DROP COLUMN totp_last_step');
  }
}

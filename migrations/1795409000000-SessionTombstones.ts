import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A destroyed session leaves a tombstone (data emptied, no account) until it would have expired, so a
 * request still in flight cannot bring it back by saving it late: logout, "log out everywhere", a password
 * reset or a deletion stick, even with express-session saving after the response has started.
 */
export class SessionTombstones1795409000000 implements MigrationInterface {
  name = 'SessionTombstones1795409000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE sessions ADD COLUMN destroyed_at timestamptz');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM sessions WHERE destroyed_at IS NOT NULL');
    await q.query('ALTER TABLE sessions DROP COLUMN destroyed_at');
  }
}

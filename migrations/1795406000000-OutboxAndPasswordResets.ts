import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Mail outbox (used when no SMTP relay is configured; recipient and body encrypted) and one-time reset tokens (hashed). */
export class OutboxAndPasswordResets1795406000000 implements MigrationInterface {
  name = 'OutboxAndPasswordResets1795406000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      recipient_enc text NOT NULL,
      subject text NOT NULL,
      body_enc text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    )`);
    await q.query(`CREATE TABLE password_resets (
      token_hash text PRIMARY KEY,
      credential_id uuid NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE password_resets');
    await q.query('DROP TABLE outbox');
  }
}

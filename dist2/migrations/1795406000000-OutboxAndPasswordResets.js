"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OutboxAndPasswordResets1795406000000 = void 0;
/** Mail outbox (used when no SMTP relay is configured; recipient and body encrypted) and one-time reset tokens (hashed). */
class OutboxAndPasswordResets1795406000000 {
    name = 'OutboxAndPasswordResets1795406000000';
    async up(q) {
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
    async down(q) {
        await q.query('DROP TABLE password_resets');
        await q.query('DROP TABLE outbox');
    }
}
exports.OutboxAndPasswordResets1795406000000 = OutboxAndPasswordResets1795406000000;
//# sourceMappingURL=1795406000000-OutboxAndPasswordResets.js.map
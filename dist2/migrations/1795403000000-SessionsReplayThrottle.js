"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SessionsReplayThrottle1795403000000 = void 0;
/**
 * State that must be shared by every hub process (DESIGN.md §3 scale-out): HTTP sessions (which also
 * hold pending SSO requests and the SPs a user is logged in to), the SAML message-ID replay cache and
 * login throttling counters.
 */
class SessionsReplayThrottle1795403000000 {
    name = 'SessionsReplayThrottle1795403000000';
    async up(q) {
        await q.query(`CREATE TABLE sessions (
      sid text PRIMARY KEY,
      data jsonb NOT NULL,
      credential_id uuid,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
        await q.query(`CREATE INDEX sessions_expires ON sessions (expires_at)`);
        await q.query(`CREATE INDEX sessions_credential ON sessions (credential_id) WHERE credential_id IS NOT NULL`);
        await q.query(`CREATE TABLE saml_message_ids (
      issuer text NOT NULL,
      message_id text NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (issuer, message_id)
    )`);
        await q.query(`CREATE INDEX saml_message_ids_expires ON saml_message_ids (expires_at)`);
        await q.query(`CREATE TABLE login_throttle (
      key text PRIMARY KEY,
      failures integer NOT NULL DEFAULT 0,
      window_started_at timestamptz NOT NULL DEFAULT now(),
      blocked_until timestamptz
    )`);
    }
    async down(q) {
        await q.query(`DROP TABLE login_throttle`);
        await q.query(`DROP TABLE saml_message_ids`);
        await q.query(`DROP TABLE sessions`);
    }
}
exports.SessionsReplayThrottle1795403000000 = SessionsReplayThrottle1795403000000;
//# sourceMappingURL=1795403000000-SessionsReplayThrottle.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LoginHardening1795410000000 = void 0;
/**
 * Closing the ways around the login (issue 11):
 *  - login_throttle counts *attempts* (reserved before the expensive check, so parallel requests cannot
 *    all pass a check-then-write), remembers the last attempt (the window slides while attempts keep
 *    coming) and whether the last attempt was refused;
 *  - recovery codes get their own table, looked up by a keyed index so that trying one costs at most one
 *    argon2id verification. The old array of hashes cannot be indexed (the codes are unknown), so the
 *    migration drops it: affected accounts keep their authenticator and can make new codes from
 *    /account/two-factor;
 *  - product icons are fetched once by the hub and served from it (a pupil's browser never contacts a
 *    publisher from the portal).
 */
class LoginHardening1795410000000 {
    name = 'LoginHardening1795410000000';
    async up(q) {
        await q.query('ALTER TABLE login_throttle RENAME COLUMN failures TO attempts');
        await q.query('ALTER TABLE login_throttle RENAME COLUMN window_started_at TO last_attempt_at');
        await q.query('ALTER TABLE login_throttle ADD COLUMN refused boolean NOT NULL DEFAULT false');
        await q.query('ALTER TABLE credentials DROP COLUMN recovery_code_hashes');
        await q.query(`CREATE TABLE recovery_codes (
      credential_id uuid NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
      lookup text NOT NULL,
      code_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (credential_id, lookup)
    )`);
        await q.query(`CREATE TABLE product_icons (
      product_id uuid PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
      content_type text NOT NULL CONSTRAINT product_icons_type_valid CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml')),
      data bytea NOT NULL,
      sha256 text NOT NULL,
      source_url text NOT NULL,
      fetched_at timestamptz NOT NULL DEFAULT now()
    )`);
    }
    async down(q) {
        await q.query('DROP TABLE product_icons');
        await q.query('DROP TABLE recovery_codes');
        await q.query("ALTER TABLE credentials ADD COLUMN recovery_code_hashes text[] NOT NULL DEFAULT '{}'");
        await q.query('ALTER TABLE login_throttle DROP COLUMN refused');
        await q.query('ALTER TABLE login_throttle RENAME COLUMN last_attempt_at TO window_started_at');
        await q.query('ALTER TABLE login_throttle RENAME COLUMN attempts TO failures');
    }
}
exports.LoginHardening1795410000000 = LoginHardening1795410000000;
//# sourceMappingURL=1795410000000-LoginHardening.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.YoungPupilsHomeAccessGuardians1795407000000 = void 0;
/**
 * Logins for young pupils and parents, and the school network:
 *  - school_networks: the school's own IP ranges (home access off → pupils log in only from these);
 *  - credentials.picture_*: a pupil's own picture (avatar) and picture password (argon2id of the sequence);
 *  - login_cards: printed QR login cards; the card carries a signed id, the row says whether it still works;
 *  - guardian_accounts: parents, known only by the keyed hash of a pupil's home e-mail address (the address
 *    itself stays with the pupil), with their own password; guardian_password_links: one-time setup links;
 *  - outbox.attempts/last_error/claimed_until: delivery bookkeeping; a claim keeps two hub processes
 *    from sending the same mail.
 */
class YoungPupilsHomeAccessGuardians1795407000000 {
    name = 'YoungPupilsHomeAccessGuardians1795407000000';
    async up(q) {
        await q.query(`CREATE TABLE school_networks (
      school_id uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
      network cidr NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (school_id, network)
    )`);
        await q.query(`ALTER TABLE credentials ADD COLUMN picture_avatar text, ADD COLUMN picture_password_hash text
      CONSTRAINT credentials_picture_password_argon2id CHECK (picture_password_hash IS NULL OR picture_password_hash LIKE '$argon2id$%')`);
        await q.query(`CREATE TABLE login_cards (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL REFERENCES people(id) ON DELETE CASCADE,
      issued_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      CONSTRAINT login_cards_expiry_after_issue CHECK (expires_at > issued_at)
    )`);
        await q.query(`CREATE INDEX login_cards_person ON login_cards (person_id)`);
        await q.query(`CREATE TABLE guardian_accounts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email_hmac text NOT NULL CONSTRAINT guardian_accounts_email_unique UNIQUE,
      password_hash text CONSTRAINT guardian_accounts_password_argon2id CHECK (password_hash IS NULL OR password_hash LIKE '$argon2id$%'),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
        await q.query(`CREATE TABLE guardian_password_links (
      token_hash text PRIMARY KEY,
      email_hmac text NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
        await q.query(`ALTER TABLE outbox ADD COLUMN attempts integer NOT NULL DEFAULT 0, ADD COLUMN last_error text, ADD COLUMN claimed_until timestamptz`);
    }
    async down(q) {
        await q.query('ALTER TABLE outbox DROP COLUMN claimed_until, DROP COLUMN last_error, DROP COLUMN attempts');
        await q.query('DROP TABLE guardian_password_links');
        await q.query('DROP TABLE guardian_accounts');
        await q.query('DROP TABLE login_cards');
        await q.query('ALTER TABLE credentials DROP COLUMN picture_password_hash, DROP COLUMN picture_avatar');
        await q.query('DROP TABLE school_networks');
    }
}
exports.YoungPupilsHomeAccessGuardians1795407000000 = YoungPupilsHomeAccessGuardians1795407000000;
//# sourceMappingURL=1795407000000-YoungPupilsHomeAccessGuardians.js.map
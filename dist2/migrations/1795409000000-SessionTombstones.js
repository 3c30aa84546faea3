"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SessionTombstones1795409000000 = void 0;
/**
 * A destroyed session leaves a tombstone (data emptied, no account) until it would have expired, so a
 * request still in flight cannot bring it back by saving it late: logout, "log out everywhere", a password
 * reset or a deletion stick, even with express-session saving after the response has started.
 */
class SessionTombstones1795409000000 {
    name = 'SessionTombstones1795409000000';
    async up(q) {
        await q.query('ALTER TABLE sessions ADD COLUMN destroyed_at timestamptz');
    }
    async down(q) {
        await q.query('DELETE FROM sessions WHERE destroyed_at IS NOT NULL');
        await q.query('ALTER TABLE sessions DROP COLUMN destroyed_at');
    }
}
exports.SessionTombstones1795409000000 = SessionTombstones1795409000000;
//# sourceMappingURL=1795409000000-SessionTombstones.js.map
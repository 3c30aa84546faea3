"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TwoFactorAndSessionInfo1795405000000 = void 0;
/** TOTP replay protection (last accepted time step) and what the user sees of their sessions. */
class TwoFactorAndSessionInfo1795405000000 {
    name = 'TwoFactorAndSessionInfo1795405000000';
    async up(q) {
        await q.query('ALTER TABLE credentials ADD COLUMN totp_last_step bigint');
        await q.query('ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz');
        await q.query('ALTER TABLE sessions ADD COLUMN user_agent text');
    }
    async down(q) {
        await q.query('ALTER TABLE sessions DROP COLUMN user_agent');
        await q.query('ALTER TABLE sessions DROP COLUMN last_seen_at');
        await q.query('ALTER TABLE credentials DROP COLUMN totp_last_step');
    }
}
exports.TwoFactorAndSessionInfo1795405000000 = TwoFactorAndSessionInfo1795405000000;
//# sourceMappingURL=1795405000000-TwoFactorAndSessionInfo.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sessionTimeouts = sessionTimeouts;
const session_1 = require("../session");
/**
 * Idle and absolute session limits. An expired login is ended (the session stays, without `auth`) and
 * the next login page says why. Activity is written at most once a minute, not on every request.
 */
function sessionTimeouts(opts) {
    return async (req, _res, next) => {
        // People and operators alike (an operator's login is `operatorAuth`).
        const auth = req.session?.auth ?? req.session?.operatorAuth;
        if (!auth)
            return next();
        const actor = 'operatorId' in auth ? { type: 'operator', id: auth.operatorId } : { type: 'person', id: auth.personId };
        const now = Date.now();
        const lastSeen = req.session.lastSeenAt ? Date.parse(req.session.lastSeenAt) : Date.parse(auth.authnInstant);
        const idle = now - lastSeen > opts.idleMinutes * 60_000;
        const tooOld = now - Date.parse(auth.authnInstant) > opts.maxHours * 3_600_000;
        if (idle || tooOld) {
            await opts.repos.audit.record({
                actor: { ...actor, ip: req.ip ?? null },
                action: 'session.expired',
                outcome: 'success',
                details: { reason: idle ? 'idle' : 'maximum age' },
            });
            (0, session_1.endLogin)(req, idle
                ? 'Je was een tijd niet actief en bent uitgelogd. / You were inactive and have been logged out.'
                : 'Je sessie is verlopen; log opnieuw in. / Your session expired; please log in again.');
        }
        else if (now - lastSeen > 60_000) {
            req.session.lastSeenAt = new Date(now).toISOString();
            await opts.repos.sessions.noteActivity(req.sessionID, new Date(now), req.get('user-agent') ?? null);
        }
        next();
    };
}
//# sourceMappingURL=session-timeouts.js.map
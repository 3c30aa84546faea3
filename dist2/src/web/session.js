"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DatabaseSessionStore = exports.SESSION_MAX_AGE_MS = exports.SESSION_COOKIE = void 0;
exports.sessionMiddleware = sessionMiddleware;
exports.regenerate = regenerate;
exports.saveSession = saveSession;
exports.startLoggedInSession = startLoggedInSession;
exports.endLogin = endLogin;
exports.assertSecondFactorWhereRequired = assertSecondFactorWhereRequired;
const express_session_1 = __importDefault(require("express-session"));
const errors_1 = require("../domain/errors");
const two_factor_service_1 = require("../domain/identity/two-factor.service");
exports.SESSION_COOKIE = 'leerpoort.sid';
exports.SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;
/** express-session store over the sessions table (PostgreSQL or PGlite via the repository). */
class DatabaseSessionStore extends express_session_1.default.Store {
    sessions;
    constructor(sessions) {
        super();
        this.sessions = sessions;
    }
    get(sid, cb) {
        this.sessions.get(sid, new Date()).then((s) => cb(null, s?.data ?? null), cb);
    }
    set(sid, data, cb) {
        const expiresAt = data.cookie?.expires ? new Date(data.cookie.expires) : new Date(Date.now() + exports.SESSION_MAX_AGE_MS);
        this.sessions
            .set(sid, JSON.parse(JSON.stringify(data)), expiresAt, data.auth?.credentialId ?? data.operatorAuth?.credentialId ?? null)
            .then(() => cb?.(), (e) => cb?.(e));
    }
    destroy(sid, cb) {
        this.sessions.destroy(sid).then(() => cb?.(), (e) => cb?.(e));
    }
    /**
     * express-session "touches" every unchanged session on every request. Sessions here have a fixed
     * lifetime (not rolling; idle expiry is tracked in the data, at most once a minute), so a touch would
     * write the same expiry again on every request: it writes nothing.
     */
    touch(_sid, _data, cb) {
        cb?.();
    }
}
exports.DatabaseSessionStore = DatabaseSessionStore;
/**
 * Session cookie: HttpOnly; on https SameSite=None + Secure, because SAML's HTTP-POST binding arrives
 * as a cross-site POST and must still see the user's session; on plain-http development SameSite=Lax.
 */
function sessionMiddleware(opts) {
    return (0, express_session_1.default)({
        name: exports.SESSION_COOKIE,
        secret: opts.secret,
        store: new DatabaseSessionStore(opts.sessions),
        resave: false,
        saveUninitialized: false,
        rolling: false,
        cookie: { httpOnly: true, secure: opts.secure, sameSite: opts.secure ? 'none' : 'lax', maxAge: exports.SESSION_MAX_AGE_MS, path: '/' },
    });
}
function regenerate(req) {
    return new Promise((resolve, reject) => req.session.regenerate((e) => (e ? reject(e) : resolve())));
}
function saveSession(req) {
    return new Promise((resolve, reject) => req.session.save((e) => (e ? reject(e) : resolve())));
}
/**
 * Logs the user in on a fresh session id (no fixation; also used after the second factor — a privilege
 * change). Pending SSO requests survive the switch so the login can resume them.
 */
async function startLoggedInSession(req, auth) {
    const pending = req.session.pendingSso;
    await regenerate(req);
    req.session.pendingSso = pending;
    req.session.auth = { ...auth, authnInstant: new Date().toISOString() };
    await saveSession(req);
}
/** Ends the login but keeps the session (its CSRF token, pending SSO): the next login page shows `notice`. */
function endLogin(req, notice) {
    delete req.session.auth;
    delete req.session.operatorAuth;
    delete req.session.samlSessions;
    req.session.notice = notice;
}
/**
 * Pages for staff ask on every request (not only at login) whether this person's role and school require
 * the second factor now, and whether this session passed it.
 */
function assertSecondFactorWhereRequired(auth, person, school) {
    if (!auth.twoFactor && (0, two_factor_service_1.twoFactorRequired)(person, school))
        throw new errors_1.ForbiddenError('Log opnieuw in met tweestapsverificatie. / Please log in again with two-step verification.');
}
//# sourceMappingURL=session.js.map
"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.safeReturnTo = safeReturnTo;
exports.loginRoutes = loginRoutes;
const express_1 = __importStar(require("express"));
const passport_1 = __importDefault(require("passport"));
const passport_local_1 = require("passport-local");
const two_factor_service_1 = require("../../domain/identity/two-factor.service");
const password_reset_routes_1 = require("./password-reset.routes");
const two_factor_routes_1 = require("./two-factor.routes");
const csrf_1 = require("../middleware/csrf");
const session_1 = require("../session");
const messages_1 = require("./messages");
const views_1 = require("../views");
/** Where a login may send the user back to: only our own resume and portal pages (no open redirect). */
function safeReturnTo(value) {
    return typeof value === 'string' && /^\/(saml\/sso\/resume\/[A-Za-z0-9_-]{8,64}|portal)$/.test(value) ? value : '/portal';
}
const INVALID = 'Gebruikersnaam of wachtwoord onjuist. / Username or password incorrect.';
function loginRoutes(deps) {
    const router = (0, express_1.Router)();
    const authenticator = new passport_1.default.Passport();
    authenticator.use(new passport_local_1.Strategy({ usernameField: 'username', passwordField: 'password', passReqToCallback: true, session: false }, ((req, username, password, done) => {
        deps.login
            .authenticate(username, password, { type: 'anonymous', id: 'login-form', ip: req.ip ?? null, requestId: String(req.res?.locals.requestId ?? '') }, new Date(), deps.knownDevices.deviceFor(req, username))
            .then((r) => done(null, r), done);
    })));
    const showForm = (req, res, status = 200, error) => {
        const notice = req.session.notice;
        if (notice)
            delete req.session.notice;
        res
            .status(status)
            .type('html')
            .send((0, views_1.render)('login.njk', {
            title: 'Inloggen',
            csrf: (0, csrf_1.csrfToken)(req),
            returnTo: safeReturnTo(req.query.return ?? req.body?.return),
            username: typeof req.body?.username === 'string' ? req.body.username : '',
            error: error ?? notice,
        }));
    };
    router.get('/login', (req, res) => showForm(req, res));
    router.post('/login', express_1.default.urlencoded({ extended: false, limit: '8kb' }), csrf_1.requireCsrf, (req, res, next) => {
        authenticator.authenticate('local', { session: false }, async (err, result) => {
            try {
                if (err)
                    return next(err);
                // biome-ignore lint/complexity/useOptionalChain: `result` is `false | LoginResult`; optional chaining does not narrow `false`
                if (!result || !result.ok) {
                    if (result && result.reason === 'throttled') {
                        res.setHeader('Retry-After', String(result.retryAfterSeconds));
                        return showForm(req, res, 429, messages_1.MESSAGES.throttled(result.retryAfterSeconds));
                    }
                    if (result && result.reason === 'outside_school_network')
                        return (0, messages_1.sendOutsideNetworkPage)(res);
                    return showForm(req, res, 401, INVALID);
                }
                deps.knownDevices.remember(req, res, String(req.body.username ?? ''));
                const returnTo = safeReturnTo(req.body.return);
                const operatorId = result.person ? null : result.credential.operatorId;
                if (!result.person && !operatorId)
                    return showForm(req, res, 403, 'Dit account kan hier niet inloggen. / This account cannot log in here.');
                const school = result.person ? await deps.repos.schools.findById(result.person.schoolId) : null;
                // Operators always need the second factor (security annex B); people when their role or school says so.
                if (operatorId || result.credential.totpEnabled || (result.person && school && (0, two_factor_service_1.twoFactorRequired)(result.person, school))) {
                    // New session id at login (no fixation); pending SSO requests survive the switch.
                    const pending = req.session.pendingSso;
                    await (0, session_1.regenerate)(req);
                    req.session.pendingSso = pending;
                    req.session.pendingLogin = {
                        credentialId: result.credential.id,
                        personId: result.person?.id ?? null,
                        operatorId,
                        returnTo,
                        startedAt: new Date().toISOString(),
                    };
                    await (0, session_1.saveSession)(req);
                    return res.redirect(303, result.credential.totpEnabled ? '/login/2fa' : '/login/2fa/setup');
                }
                await (0, session_1.startLoggedInSession)(req, { credentialId: result.credential.id, personId: result.person.id, method: 'password' });
                res.redirect(303, returnTo);
            }
            catch (e) {
                next(e);
            }
        })(req, res, next);
    });
    router.use((0, two_factor_routes_1.twoFactorRoutes)({ twoFactor: deps.twoFactor, login: deps.login, repos: deps.repos }));
    router.use((0, password_reset_routes_1.passwordResetRoutes)({ passwordReset: deps.passwordReset, background: deps.background }));
    return router;
}
//# sourceMappingURL=login.routes.js.map
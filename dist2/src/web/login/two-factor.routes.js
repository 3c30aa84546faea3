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
exports.PENDING_LOGIN_MINUTES = void 0;
exports.twoFactorRoutes = twoFactorRoutes;
const express_1 = __importStar(require("express"));
const qrcode_1 = __importDefault(require("qrcode"));
const csrf_1 = require("../middleware/csrf");
const session_1 = require("../session");
const views_1 = require("../views");
const messages_1 = require("./messages");
/** The second step must follow the password within this time; after it, the password is asked again. */
exports.PENDING_LOGIN_MINUTES = 10;
/**
 * The second login step (TOTP or a recovery code) and first-time enrolment; the password step is in
 * login.routes. A session here holds only `pendingLogin`: it is not logged in, reaches nothing but these
 * pages, and every step asks the database again — whether the account is still active, whether it has a
 * second factor (enrolment is offered only to an account without one, and the write itself re-checks).
 */
function twoFactorRoutes(deps) {
    const router = (0, express_1.Router)();
    const form = express_1.default.urlencoded({ extended: false, limit: '4kb' });
    /** The pending login of this session, while fresh; otherwise it is dropped and the user starts again. */
    const pendingOf = async (req) => {
        const p = req.session.pendingLogin;
        if (!p)
            return null;
        if (Date.now() - Date.parse(p.startedAt) > exports.PENDING_LOGIN_MINUTES * 60_000 || !(await deps.login.stillActive(p.credentialId))) {
            delete req.session.pendingLogin;
            req.session.notice = 'Log opnieuw in. / Please log in again.';
            return null;
        }
        return p;
    };
    const toLogin = (res) => res.redirect(303, '/login');
    /** Logged in now, on a new session id (a privilege change); operators get their own kind of session. */
    const completeLogin = async (req, p) => {
        if (p.operatorId) {
            await (0, session_1.regenerate)(req);
            req.session.operatorAuth = { credentialId: p.credentialId, operatorId: p.operatorId, authnInstant: new Date().toISOString() };
            await (0, session_1.saveSession)(req);
            return '/ops';
        }
        await (0, session_1.startLoggedInSession)(req, { credentialId: p.credentialId, personId: p.personId, twoFactor: true, method: 'password' });
        return p.returnTo;
    };
    const actorFor = (req, p) => p.operatorId ? { type: 'operator', id: p.operatorId, ip: req.ip ?? null } : { type: 'person', id: p.personId, ip: req.ip ?? null };
    const page = (req, res, status, extra) => res
        .status(status)
        .type('html')
        .send((0, views_1.render)('two-factor.njk', { title: 'Tweestapsverificatie', csrf: (0, csrf_1.csrfToken)(req), ...extra }));
    const throttledPage = (req, res, action, seconds, extra = {}) => {
        res.setHeader('Retry-After', String(seconds));
        page(req, res, 429, { action, error: messages_1.MESSAGES.tooManyCodes(seconds), ...extra });
    };
    const setupPage = async (req, res, p, status, error) => {
        const credential = await deps.repos.credentials.findById(p.credentialId);
        p.secret ??= deps.twoFactor.newSecret('').secret;
        await (0, session_1.saveSession)(req);
        const uri = deps.twoFactor.uriFor(p.secret, credential?.username ?? 'leerpoort');
        page(req, res, status, {
            action: '/login/2fa/setup',
            setup: true,
            secret: p.secret,
            qr: await qrcode_1.default.toDataURL(uri, { margin: 1, width: 200 }),
            error,
        });
    };
    router.get('/login/2fa', async (req, res) => {
        const p = await pendingOf(req);
        if (!p)
            return toLogin(res);
        if (!(await deps.twoFactor.isEnrolled(p.credentialId)))
            return res.redirect(303, '/login/2fa/setup');
        page(req, res, 200, { action: '/login/2fa' });
    });
    router.post('/login/2fa', form, csrf_1.requireCsrf, async (req, res) => {
        const p = await pendingOf(req);
        if (!p)
            return toLogin(res);
        const result = await deps.twoFactor.verify(p.credentialId, String(req.body.code ?? ''), actorFor(req, p));
        if (!result.ok) {
            if (result.reason === 'throttled')
                return throttledPage(req, res, '/login/2fa', result.retryAfterSeconds);
            return page(req, res, 401, {
                action: '/login/2fa',
                error: result.reason === 'replayed' ? messages_1.MESSAGES.codeReplayed : messages_1.MESSAGES.wrongCode,
            });
        }
        res.redirect(303, await completeLogin(req, p));
    });
    // Enrolment: only while the account has no second factor. An account that has one never sees a new
    // secret here; replacing a factor is done logged in, at /account/two-factor.
    router.get('/login/2fa/setup', async (req, res) => {
        const p = await pendingOf(req);
        if (!p)
            return toLogin(res);
        if (await deps.twoFactor.isEnrolled(p.credentialId))
            return res.redirect(303, '/login/2fa');
        await setupPage(req, res, p, 200);
    });
    router.post('/login/2fa/setup', form, csrf_1.requireCsrf, async (req, res) => {
        const p = await pendingOf(req);
        if (!p)
            return toLogin(res);
        if (!p.secret)
            return res.redirect(303, '/login/2fa/setup');
        const result = await deps.twoFactor.enrol(p.credentialId, p.secret, String(req.body.code ?? ''), actorFor(req, p));
        if (!result.ok) {
            if (result.reason === 'throttled')
                return throttledPage(req, res, '/login/2fa/setup', result.retryAfterSeconds);
            if (result.reason === 'already_enrolled') {
                delete p.secret;
                await (0, session_1.saveSession)(req);
                return page(req, res, 409, { action: '/login/2fa', error: messages_1.MESSAGES.alreadyEnrolled });
            }
            return setupPage(req, res, p, 401, messages_1.MESSAGES.wrongCodeTryAgain);
        }
        const next = await completeLogin(req, p);
        res.setHeader('Cache-Control', 'no-store');
        res
            .status(200)
            .type('html')
            .send((0, views_1.render)('recovery-codes.njk', { title: 'Herstelcodes', codes: result.codes, next }));
    });
    return router;
}
//# sourceMappingURL=two-factor.routes.js.map
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
Object.defineProperty(exports, "__esModule", { value: true });
exports.passwordResetRoutes = passwordResetRoutes;
const express_1 = __importStar(require("express"));
const errors_1 = require("../../domain/errors");
const csrf_1 = require("../middleware/csrf");
const pages_1 = require("../pages");
const views_1 = require("../views");
const messages_1 = require("./messages");
/** Staff password reset by a one-time link. */
function passwordResetRoutes(deps) {
    const router = (0, express_1.Router)();
    const form = express_1.default.urlencoded({ extended: false, limit: '4kb' });
    const resetPage = (req, res, status, extra) => res
        .status(status)
        .type('html')
        .send((0, views_1.render)('reset.njk', { title: 'Wachtwoord vergeten', csrf: (0, csrf_1.csrfToken)(req), ...extra }));
    const linkUnusable = (res) => (0, pages_1.sendMessagePage)(res, 400, {
        heading_nl: 'Deze link werkt niet (meer)',
        heading_en: 'This link does not work (any more)',
        text_nl: 'De link is al gebruikt, verlopen of onjuist. Vraag een nieuwe aan via "Wachtwoord vergeten" op de inlogpagina.',
        text_en: 'The link was used already, has expired or is wrong. Ask for a new one via "Forgot password" on the login page.',
    });
    router.get('/login/reset', (req, res) => resetPage(req, res, 200, {}));
    router.post('/login/reset', form, csrf_1.requireCsrf, async (req, res) => {
        const account = typeof req.body.account === 'string' ? req.body.account.slice(0, 256) : '';
        const admission = await deps.passwordReset.admitRequest(req.ip);
        if (!admission.ok) {
            res.setHeader('Retry-After', String(admission.retryAfterSeconds));
            return resetPage(req, res, 429, { error: messages_1.MESSAGES.throttled(admission.retryAfterSeconds) });
        }
        // The same answer at the same moment whoever asked: it goes out before anything depends on whether
        // the account exists.
        const actor = { type: 'anonymous', id: 'reset-form', ip: req.ip ?? null };
        if (account.trim())
            deps.background.run('password reset request', () => deps.passwordReset.request(account, actor));
        resetPage(req, res, 200, { done: true });
    });
    router.get('/login/reset/:token', async (req, res) => {
        const token = String(req.params.token);
        if (!/^[A-Za-z0-9_-]{43}$/.test(token) || !(await deps.passwordReset.isValid(token)))
            return linkUnusable(res);
        res.setHeader('Referrer-Policy', 'no-referrer');
        resetPage(req, res, 200, { token });
    });
    router.post('/login/reset/:token', form, csrf_1.requireCsrf, async (req, res) => {
        const token = String(req.params.token);
        try {
            if (!/^[A-Za-z0-9_-]{43}$/.test(token))
                return linkUnusable(res);
            await deps.passwordReset.complete(token, String(req.body.password ?? ''), {
                type: 'anonymous',
                id: 'reset-link',
                ip: req.ip ?? null,
            });
            req.session.notice = 'Je nieuwe wachtwoord is opgeslagen; log in. / Your new password is saved; please log in.';
            res.redirect(303, '/login');
        }
        catch (e) {
            if ((0, errors_1.isAppError)(e) && e.kind === 'not_found')
                return linkUnusable(res);
            if ((0, errors_1.isAppError)(e) && e.kind === 'validation')
                return resetPage(req, res, 400, { token, error: e.publicMessage });
            throw e;
        }
    });
    return router;
}
//# sourceMappingURL=password-reset.routes.js.map
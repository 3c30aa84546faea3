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
exports.accountTwoFactorRoutes = accountTwoFactorRoutes;
const express_1 = __importStar(require("express"));
const qrcode_1 = __importDefault(require("qrcode"));
const messages_1 = require("../login/messages");
const csrf_1 = require("../middleware/csrf");
const session_1 = require("../session");
const views_1 = require("../views");
const CHANGED_MEANWHILE = 'Je tweestapsverificatie is intussen gewijzigd; laad de pagina opnieuw. / Your two-step verification changed meanwhile; reload the page.';
const REFUSAL_TEXT = {
    replayed: messages_1.MESSAGES.codeReplayed,
    new_code_invalid: 'De code van de nieuwe app klopt niet. / The code from the new app is wrong.',
    already_enrolled: CHANGED_MEANWHILE,
    not_enrolled: CHANGED_MEANWHILE,
};
/**
 * The owner's own second factor: turn it on (staff whose school does not require it), replace it (a new
 * phone — the current factor is proven again in the same form) or make new recovery codes. Pupils have
 * none. An account that has a factor is managed only from a session that passed it.
 */
function accountTwoFactorRoutes(deps) {
    const router = (0, express_1.Router)();
    const form = express_1.default.urlencoded({ extended: false, limit: '4kb' });
    const ownerOf = async (req, res) => {
        const op = req.session.operatorAuth;
        if (op)
            return {
                credentialId: op.credentialId,
                actor: { type: 'operator', id: op.operatorId, ip: req.ip ?? null },
                twoFactor: true,
                back: '/ops',
            };
        const auth = req.session.auth;
        const person = auth ? await deps.repos.people.findById(auth.personId) : null;
        if (!auth || !person || person.status !== 'active') {
            res.redirect(303, '/login?return=%2Fportal');
            return null;
        }
        if (person.role === 'pupil' || auth.method === 'guardian') {
            res.redirect(303, '/portal');
            return null;
        }
        return {
            credentialId: auth.credentialId,
            actor: { type: 'person', id: person.id, ip: req.ip ?? null },
            twoFactor: auth.twoFactor === true,
            back: '/portal',
        };
    };
    const show = async (req, res, owner, status = 200, error) => {
        const enrolled = await deps.twoFactor.isEnrolled(owner.credentialId);
        if (enrolled && !owner.twoFactor) {
            return res
                .status(403)
                .type('html')
                .send((0, views_1.render)('message.njk', {
                title: 'Tweestapsverificatie',
                heading_nl: 'Log opnieuw in met tweestapsverificatie',
                heading_en: 'Log in again with two-step verification',
                text_nl: 'Deze sessie is begonnen zonder je tweede stap. Log uit en weer in.',
                text_en: 'This session started without your second step. Log out and in again.',
            }));
        }
        req.session.newTotpSecret ??= deps.twoFactor.newSecret('').secret;
        await (0, session_1.saveSession)(req);
        const credential = await deps.repos.credentials.findById(owner.credentialId);
        const uri = deps.twoFactor.uriFor(req.session.newTotpSecret, credential?.username ?? 'leerpoort');
        res.setHeader('Cache-Control', 'no-store');
        res
            .status(status)
            .type('html')
            .send((0, views_1.render)('account-two-factor.njk', {
            title: 'Tweestapsverificatie',
            csrf: (0, csrf_1.csrfToken)(req),
            enrolled,
            codesLeft: enrolled ? await deps.twoFactor.recoveryCodesLeft(owner.credentialId) : 0,
            secret: req.session.newTotpSecret,
            qr: await qrcode_1.default.toDataURL(uri, { margin: 1, width: 200 }),
            error,
            back: owner.back,
        }));
    };
    const showCodes = (res, codes, next) => {
        res.setHeader('Cache-Control', 'no-store');
        res
            .status(200)
            .type('html')
            .send((0, views_1.render)('recovery-codes.njk', { title: 'Herstelcodes', codes, next }));
    };
    /** The owner's form again, saying why the change was refused. */
    const refuse = (req, res, owner, result) => {
        if (result.reason === 'throttled') {
            res.setHeader('Retry-After', String(result.retryAfterSeconds));
            return show(req, res, owner, 429, messages_1.MESSAGES.tooManyCodes(result.retryAfterSeconds ?? 30));
        }
        const changedMeanwhile = result.reason === 'already_enrolled' || result.reason === 'not_enrolled';
        return show(req, res, owner, changedMeanwhile ? 409 : 401, REFUSAL_TEXT[result.reason] ?? messages_1.MESSAGES.wrongCode);
    };
    router.get('/account/two-factor', async (req, res) => {
        const owner = await ownerOf(req, res);
        if (owner)
            await show(req, res, owner);
    });
    router.post('/account/two-factor/enrol', form, csrf_1.requireCsrf, async (req, res) => {
        const owner = await ownerOf(req, res);
        if (!owner)
            return;
        const secret = req.session.newTotpSecret;
        if (!secret)
            return res.redirect(303, '/account/two-factor');
        const result = await deps.twoFactor.enrol(owner.credentialId, secret, String(req.body.code ?? ''), owner.actor);
        if (!result.ok)
            return refuse(req, res, owner, result);
        delete req.session.newTotpSecret;
        // The session now has both factors: a privilege change, so a new session id.
        const auth = req.session.auth;
        if (auth)
            await (0, session_1.startLoggedInSession)(req, { credentialId: auth.credentialId, personId: auth.personId, method: auth.method, twoFactor: true });
        else
            await (0, session_1.saveSession)(req);
        showCodes(res, result.codes, owner.back);
    });
    for (const action of ['replace', 'recovery-codes']) {
        router.post(`/account/two-factor/${action}`, form, csrf_1.requireCsrf, async (req, res) => {
            const owner = await ownerOf(req, res);
            if (!owner)
                return;
            if (!owner.twoFactor)
                return show(req, res, owner, 403);
            const current = String(req.body.current ?? '');
            const secret = req.session.newTotpSecret;
            if (action === 'replace' && !secret)
                return res.redirect(303, '/account/two-factor');
            const result = action === 'replace'
                ? await deps.twoFactor.replace(owner.credentialId, current, secret, String(req.body.code ?? ''), owner.actor)
                : await deps.twoFactor.renewRecoveryCodes(owner.credentialId, current, owner.actor);
            if (!result.ok)
                return refuse(req, res, owner, result);
            if (action === 'replace')
                delete req.session.newTotpSecret;
            await (0, session_1.saveSession)(req);
            showCodes(res, result.codes, owner.back);
        });
    }
    return router;
}
//# sourceMappingURL=two-factor.routes.js.map
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
exports.guardianRoutes = guardianRoutes;
const express_1 = __importStar(require("express"));
const errors_1 = require("../../domain/errors");
const guardian_service_1 = require("../../domain/identity/guardian.service");
const pictures_1 = require("../../domain/identity/pictures");
const csrf_1 = require("../middleware/csrf");
const pages_1 = require("../pages");
const session_1 = require("../session");
const views_1 = require("../views");
const messages_1 = require("./messages");
const picture_routes_1 = require("./picture.routes");
const ids_1 = require("../../domain/ids");
const INVALID = 'E-mailadres of wachtwoord onjuist. / E-mail address or password incorrect.';
const LINK_SENT = 'Als dit e-mailadres bij een leerling hoort, ontvangt u binnen enkele minuten een e-mail met een link. / If this address belongs to a pupil, you will receive an e-mail with a link within minutes.';
/**
 * Parents at home: e-mail address + own password → choose the child → the child's picture password.
 * Only children whose school turned home access on can be chosen.
 */
function guardianRoutes(deps) {
    const router = (0, express_1.Router)();
    const form = express_1.default.urlencoded({ extended: false, limit: '4kb' });
    const loginForm = (req, res, status = 200, error, notice) => res
        .status(status)
        .type('html')
        .send((0, views_1.render)('parents-login.njk', {
        title: 'Inloggen voor ouders',
        csrf: (0, csrf_1.csrfToken)(req),
        email: typeof req.body?.email === 'string' ? req.body.email : '',
        error,
        notice,
    }));
    const actor = (req, res) => ({
        type: 'anonymous',
        id: 'guardian-login',
        ip: req.ip ?? null,
        requestId: String(res.locals.requestId ?? ''),
    });
    const account = (email) => `guardian:${email.trim().toLowerCase()}`;
    router.get('/login/parents', (req, res) => loginForm(req, res));
    router.post('/login/parents', form, csrf_1.requireCsrf, async (req, res) => {
        const email = String(req.body.email ?? '').slice(0, 254);
        const result = await deps.guardians.authenticate(email, String(req.body.password ?? ''), actor(req, res), deps.knownDevices.deviceFor(req, account(email)));
        if (!result.ok) {
            if (result.reason === 'throttled') {
                res.setHeader('Retry-After', String(result.retryAfterSeconds));
                return loginForm(req, res, 429, messages_1.MESSAGES.throttled(result.retryAfterSeconds));
            }
            return loginForm(req, res, 401, INVALID);
        }
        deps.knownDevices.remember(req, res, account(email));
        await (0, session_1.regenerate)(req);
        req.session.guardian = { emailKey: result.emailKey, since: new Date().toISOString() };
        await (0, session_1.saveSession)(req);
        res.redirect(303, '/login/parents/children');
    });
    const requireGuardian = (req, res) => {
        const g = req.session.guardian;
        // The parent step is short-lived: 30 minutes to choose the child and enter the pictures.
        if (!g || Date.now() - Date.parse(g.since) > 30 * 60_000) {
            delete req.session.guardian;
            res.redirect(303, '/login/parents');
            return null;
        }
        return g.emailKey;
    };
    router.get('/login/parents/children', async (req, res) => {
        const emailKey = requireGuardian(req, res);
        if (!emailKey)
            return;
        const children = (await deps.guardians.children(emailKey)).map((c) => ({
            id: c.person.id,
            firstName: c.person.firstName,
            school: c.school.name,
            available: c.available,
            homeAccess: c.school.homeAccessEnabled,
        }));
        res.type('html').send((0, views_1.render)('parents-children.njk', { title: 'Kies uw kind', children }));
    });
    const childPage = async (req, res, emailKey, status, error) => {
        const personId = String(req.params.personId ?? '');
        const child = (0, ids_1.isUuid)(personId) ? (await deps.guardians.children(emailKey)).find((c) => c.person.id === personId) : undefined;
        if (!child)
            throw new errors_1.NotFoundError('Dit kind hoort niet bij dit e-mailadres. / This child is not linked to this e-mail address.');
        if (!child.available) {
            return (0, pages_1.sendMessagePage)(res, 403, {
                heading_nl: 'Thuistoegang staat uit',
                heading_en: 'Home access is off',
                text_nl: `De school van ${child.person.firstName} heeft thuistoegang niet aangezet, of ${child.person.firstName} heeft nog geen plaatjeswachtwoord. Vraag het de school.`,
                text_en: `${child.person.firstName}'s school has not turned on home access, or ${child.person.firstName} has no picture password yet. Please ask the school.`,
                link: { href: '/login/parents/children', label: 'Terug / Back' },
            });
        }
        const login = await deps.pupilLogin.pictureAccountFor(personId);
        res
            .status(status)
            .type('html')
            .send((0, views_1.render)('pictures-password.njk', {
            title: 'Plaatjes van uw kind',
            firstName: child.person.firstName,
            avatar: (0, pictures_1.avatarById)(login?.avatar ?? ''),
            csrf: (0, csrf_1.csrfToken)(req),
            action: `/login/parents/children/${personId}`,
            back: '/login/parents/children',
            error,
            ...(0, picture_routes_1.pictureGridContext)(),
        }));
    };
    router.get('/login/parents/children/:personId', async (req, res) => {
        const emailKey = requireGuardian(req, res);
        if (emailKey)
            await childPage(req, res, emailKey, 200);
    });
    router.post('/login/parents/children/:personId', form, csrf_1.requireCsrf, async (req, res) => {
        const emailKey = requireGuardian(req, res);
        if (!emailKey)
            return;
        const personId = String(req.params.personId);
        if (!(0, ids_1.isUuid)(personId) || !(await deps.guardians.isChild(emailKey, personId)))
            throw new errors_1.NotFoundError('Dit kind hoort niet bij dit e-mailadres. / This child is not linked to this e-mail address.');
        let sequence;
        try {
            sequence = (0, pictures_1.parsePictureSequence)(String(req.body.sequence ?? ''));
        }
        catch (e) {
            if (e instanceof errors_1.ValidationError)
                return childPage(req, res, emailKey, 400, e.message);
            throw e;
        }
        const result = await deps.pupilLogin.pictureLogin(personId, sequence, {
            actor: (0, guardian_service_1.guardianActor)(emailKey, req.ip),
            knownDevice: deps.knownDevices.deviceFor(req, `pupil:${personId}`),
            viaGuardian: true,
        });
        if (result.ok) {
            // The child's session, marked as opened by this parent: removing the address ends it (see guardian-link middleware).
            await startGuardianChildSession(req, result.credentialId, personId, emailKey);
            return res.redirect(303, '/portal');
        }
        await (0, picture_routes_1.finishPupilLogin)(req, res, result, 'picture', () => childPage(req, res, emailKey, 401, messages_1.MESSAGES.wrongPictures));
    });
    // Setting (or resetting) the parent password by a one-time link mailed to the pupil's home address.
    router.get('/login/parents/password', (req, res) => res.type('html').send((0, views_1.render)('parents-password-request.njk', { title: 'Wachtwoord voor ouders', csrf: (0, csrf_1.csrfToken)(req) })));
    router.post('/login/parents/password', form, csrf_1.requireCsrf, async (req, res) => {
        const admission = await deps.guardians.admitLinkRequest(req.ip);
        if (!admission.ok) {
            res.setHeader('Retry-After', String(admission.retryAfterSeconds));
            return res
                .status(429)
                .type('html')
                .send((0, views_1.render)('parents-password-request.njk', {
                title: 'Wachtwoord voor ouders',
                csrf: (0, csrf_1.csrfToken)(req),
                error: messages_1.MESSAGES.throttled(admission.retryAfterSeconds),
            }));
        }
        // Answered before the address is looked up: the same page at the same moment for every address.
        const email = String(req.body.email ?? '').slice(0, 254);
        const who = actor(req, res);
        deps.background.run('parent password link', () => deps.guardians.requestPasswordLink(email, who));
        loginForm(req, res, 200, undefined, LINK_SENT);
    });
    const invalidLink = (res) => (0, pages_1.sendMessagePage)(res, 410, {
        heading_nl: 'Deze link werkt niet meer',
        heading_en: 'This link no longer works',
        text_nl: 'De link is al gebruikt, verlopen of onjuist. Vraag een nieuwe link aan.',
        text_en: 'The link was used already, has expired or is not valid. Ask for a new link.',
        link: { href: '/login/parents/password', label: 'Nieuwe link / New link' },
    });
    router.get('/login/parents/password/:token', async (req, res) => {
        if (!(await deps.guardians.isValidLink(String(req.params.token))))
            return invalidLink(res);
        res
            .type('html')
            .send((0, views_1.render)('parents-password-set.njk', { title: 'Wachtwoord instellen', csrf: (0, csrf_1.csrfToken)(req), token: req.params.token }));
    });
    router.post('/login/parents/password/:token', form, csrf_1.requireCsrf, async (req, res) => {
        const token = String(req.params.token);
        try {
            const password = String(req.body.password ?? '');
            if (password !== String(req.body.confirm ?? ''))
                return res
                    .status(400)
                    .type('html')
                    .send((0, views_1.render)('parents-password-set.njk', {
                    title: 'Wachtwoord instellen',
                    csrf: (0, csrf_1.csrfToken)(req),
                    token,
                    error: 'De twee wachtwoorden zijn niet gelijk. / The two passwords differ.',
                }));
            await deps.guardians.setPassword(token, password, actor(req, res));
            loginForm(req, res, 200, undefined, 'Uw wachtwoord is ingesteld; log nu in. / Your password is set; please log in.');
        }
        catch (e) {
            if (e instanceof errors_1.NotFoundError)
                return invalidLink(res);
            if (e instanceof errors_1.ValidationError)
                return res
                    .status(400)
                    .type('html')
                    .send((0, views_1.render)('parents-password-set.njk', { title: 'Wachtwoord instellen', csrf: (0, csrf_1.csrfToken)(req), token, error: e.message }));
            throw e;
        }
    });
    return router;
}
async function startGuardianChildSession(req, credentialId, personId, guardianKey) {
    await (0, session_1.regenerate)(req);
    req.session.auth = { credentialId, personId, authnInstant: new Date().toISOString(), method: 'guardian', guardianKey };
    await (0, session_1.saveSession)(req);
}
//# sourceMappingURL=guardian.routes.js.map
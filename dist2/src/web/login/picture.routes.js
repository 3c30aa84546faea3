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
exports.pictureGridContext = exports.SCHOOL_COOKIE = void 0;
exports.pictureLoginRoutes = pictureLoginRoutes;
exports.finishPupilLogin = finishPupilLogin;
const express_1 = __importStar(require("express"));
const errors_1 = require("../../domain/errors");
const pictures_1 = require("../../domain/identity/pictures");
const csrf_1 = require("../middleware/csrf");
const pages_1 = require("../pages");
const session_1 = require("../session");
const views_1 = require("../views");
const messages_1 = require("./messages");
const ids_1 = require("../../domain/ids");
const cookies_1 = require("../cookies");
/** Remembers the chosen school on this device (a functional cookie: a school id, nothing personal). */
exports.SCHOOL_COOKIE = 'leerpoort.school';
const pictureGridContext = () => ({ pictures: pictures_1.PASSWORD_PICTURES, length: pictures_1.PICTURE_PASSWORD_LENGTH });
exports.pictureGridContext = pictureGridContext;
/**
 * Picture login for young pupils: school (remembered on the device) → group → own picture → picture
 * password. Names and pictures of a group are shown only to the school's own network (or anywhere when
 * the school turned home access on), the same rule the login itself obeys.
 */
function pictureLoginRoutes(deps) {
    const router = (0, express_1.Router)();
    const form = express_1.default.urlencoded({ extended: false, limit: '4kb' });
    const page = (res, view, ctx, status = 200) => res.status(status).type('html').send((0, views_1.render)(view, ctx));
    const unknownSchool = (res) => (0, pages_1.sendMessagePage)(res, 404, {
        heading_nl: 'School niet gevonden',
        heading_en: 'School not found',
        text_nl: 'Deze school kennen we niet. Zoek je school opnieuw op naam of BRIN-nummer.',
        text_en: 'We do not know this school. Search for your school again by name or BRIN number.',
        link: { href: '/login/pictures?change=1', label: 'Zoek je school / Find your school' },
    });
    /** The school of the URL, or a friendly refusal already sent (unknown school, outside the school network). */
    const reachableSchool = async (req, res) => {
        const schoolId = String(req.params.schoolId ?? '');
        if (!(0, ids_1.isUuid)(schoolId)) {
            unknownSchool(res);
            return null;
        }
        try {
            const { school, reachable } = await deps.pupilLogin.schoolIfReachable(schoolId, req.ip);
            if (!reachable) {
                (0, messages_1.sendOutsideNetworkPage)(res);
                return null;
            }
            return school;
        }
        catch (e) {
            if (e instanceof errors_1.NotFoundError) {
                unknownSchool(res);
                return null;
            }
            throw e;
        }
    };
    router.get('/login/pictures', async (req, res) => {
        const remembered = (0, cookies_1.readCookie)(req, exports.SCHOOL_COOKIE);
        if (remembered && (0, ids_1.isUuid)(remembered) && !req.query.change && (await deps.repos.schools.findById(remembered)))
            return res.redirect(303, `/login/pictures/${remembered}`);
        const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 60) : '';
        const schools = q.length >= 2 ? await deps.repos.schools.search(q, 20) : [];
        page(res, 'pictures-school.njk', { title: 'Kies je school', q, schools, searched: q.length >= 2, tooShort: q.length === 1 });
    });
    router.get('/login/pictures/:schoolId', async (req, res) => {
        const school = await reachableSchool(req, res);
        if (!school)
            return;
        res.cookie(exports.SCHOOL_COOKIE, school.id, {
            httpOnly: true,
            secure: deps.secure,
            sameSite: 'lax',
            maxAge: 365 * 86_400_000,
            path: '/login',
        });
        const groups = (await deps.repos.groups.listBySchool(school.id)).sort((a, b) => (a.yearGroup ?? 99) - (b.yearGroup ?? 99) || a.name.localeCompare(b.name, 'nl'));
        page(res, 'pictures-groups.njk', { title: 'Kies je groep', school, groups });
    });
    router.get('/login/pictures/:schoolId/groups/:groupId', async (req, res) => {
        const school = await reachableSchool(req, res);
        if (!school)
            return;
        const groupId = String(req.params.groupId ?? '');
        const group = (0, ids_1.isUuid)(groupId) ? await deps.repos.groups.findById(groupId) : null;
        if (!group || group.schoolId !== school.id)
            return unknownSchool(res);
        const accounts = await deps.repos.credentials.pictureAccountsInGroup(group.id);
        const pupils = [];
        for (const a of accounts) {
            const person = await deps.repos.people.findById(a.personId);
            if (person)
                pupils.push({ id: person.id, firstName: person.firstName, avatar: (0, pictures_1.avatarById)(a.avatar) ?? pictures_1.AVATARS[0] });
        }
        pupils.sort((a, b) => a.firstName.localeCompare(b.firstName, 'nl'));
        page(res, 'pictures-pupils.njk', { title: 'Wie ben jij?', school, group, pupils });
    });
    const pupilPage = async (req, res, status, error) => {
        const school = await reachableSchool(req, res);
        if (!school)
            return;
        const personId = String(req.params.personId ?? '');
        const person = (0, ids_1.isUuid)(personId) ? await deps.repos.people.findById(personId) : null;
        const login = person && person.schoolId === school.id && person.status === 'active' ? await deps.repos.credentials.pictureLogin(person.id) : null;
        if (!person || !login)
            return unknownSchool(res);
        page(res, 'pictures-password.njk', {
            title: 'Jouw plaatjes',
            school,
            firstName: person.firstName,
            avatar: (0, pictures_1.avatarById)(login.avatar),
            csrf: (0, csrf_1.csrfToken)(req),
            action: `/login/pictures/${school.id}/pupils/${person.id}`,
            back: `/login/pictures/${school.id}`,
            error,
            ...(0, exports.pictureGridContext)(),
        }, status);
    };
    router.get('/login/pictures/:schoolId/pupils/:personId', (req, res, next) => {
        pupilPage(req, res, 200).catch(next);
    });
    router.post('/login/pictures/:schoolId/pupils/:personId', form, csrf_1.requireCsrf, async (req, res) => {
        const school = await reachableSchool(req, res);
        if (!school)
            return;
        if (!(0, ids_1.isUuid)(req.params.personId))
            return unknownSchool(res);
        let sequence;
        try {
            sequence = (0, pictures_1.parsePictureSequence)(String(req.body.sequence ?? ''));
        }
        catch (e) {
            if (e instanceof errors_1.ValidationError)
                return pupilPage(req, res, 400, e.message);
            throw e;
        }
        const personId = String(req.params.personId);
        const result = await deps.pupilLogin.pictureLogin(personId, sequence, {
            actor: { type: 'anonymous', id: 'picture-login', ip: req.ip ?? null, requestId: String(res.locals.requestId ?? '') },
            knownDevice: deps.knownDevices.deviceFor(req, `pupil:${personId}`),
        });
        if (result.ok && result.person.schoolId !== school.id)
            return unknownSchool(res);
        await finishPupilLogin(req, res, result, 'picture', () => pupilPage(req, res, 401, messages_1.MESSAGES.wrongPictures), () => deps.knownDevices.remember(req, res, `pupil:${personId}`));
    });
    return router;
}
/** The common end of the picture and card logins: a session, or the right friendly refusal. */
async function finishPupilLogin(req, res, result, method, onInvalid, onSuccess) {
    if (result.ok) {
        onSuccess?.();
        await (0, session_1.startLoggedInSession)(req, { credentialId: result.credentialId, personId: result.person.id, method });
        const pending = Object.keys(req.session.pendingSso ?? {});
        res.redirect(303, pending.length === 1 ? `/saml/sso/resume/${pending[0]}` : '/portal');
        return;
    }
    if (result.reason === 'throttled')
        return (0, messages_1.sendThrottledPage)(res, result.retryAfterSeconds ?? 30);
    if (result.reason === 'outside_school_network')
        return (0, messages_1.sendOutsideNetworkPage)(res);
    await onInvalid();
}
//# sourceMappingURL=picture.routes.js.map
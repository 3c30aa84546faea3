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
exports.classRoutes = classRoutes;
const express_1 = __importStar(require("express"));
const qrcode_1 = __importDefault(require("qrcode"));
const errors_1 = require("../../domain/errors");
const pictures_1 = require("../../domain/identity/pictures");
const model_1 = require("../../domain/model");
const csrf_1 = require("../middleware/csrf");
const views_1 = require("../views");
const session_1 = require("../session");
const ids_1 = require("../../domain/ids");
const fmtDate = (d) => d.toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' });
/**
 * "Mijn groep" for teachers (and the school's delegates): the pupils of their groups, a new picture
 * password (shown once, to print or tell), login cards to print, and revoking a lost card.
 * A teacher reaches only pupils of groups they teach; a delegate every pupil of the school.
 */
function classRoutes(deps) {
    const router = (0, express_1.Router)();
    const form = express_1.default.urlencoded({ extended: false, limit: '4kb' });
    /** A teacher or delegate — with the second factor whenever their role and school require it (as /admin does). */
    const staff = async (req, res) => {
        const auth = req.session.auth;
        if (!auth) {
            res.redirect(303, '/login?return=%2Fportal');
            return null;
        }
        const person = await deps.repos.people.findById(auth.personId);
        if (person?.status !== 'active' || (person.role !== 'teacher' && person.role !== 'delegate'))
            throw new errors_1.ForbiddenError('Alleen voor leerkrachten. / Teachers only.');
        const school = await deps.repos.schools.findById(person.schoolId);
        if (school)
            (0, session_1.assertSecondFactorWhereRequired)(auth, person, school);
        return person;
    };
    const actor = (req, person) => ({ type: 'person', id: person.id, ip: req.ip ?? null });
    const pupilParam = (req) => {
        const id = String(req.params.pupilId ?? '');
        if (!(0, ids_1.isUuid)(id))
            throw new errors_1.NotFoundError('Onbekende leerling. / Unknown pupil.');
        return id;
    };
    router.get('/class', async (req, res) => {
        const me = await staff(req, res);
        if (!me)
            return;
        const allGroups = await deps.repos.groups.listBySchool(me.schoolId);
        const taught = new Set((await deps.repos.groups.membershipsOf(me.id)).filter((m) => m.roleInGroup === 'teacher').map((m) => m.groupId));
        const groups = [];
        for (const group of allGroups.filter((g) => me.role === 'delegate' || taught.has(g.id))) {
            const pictures = new Map((await deps.repos.credentials.pictureAccountsInGroup(group.id)).map((a) => [a.personId, a.avatar]));
            const pupils = [];
            for (const id of await deps.repos.groups.memberIds(group.id)) {
                const p = await deps.repos.people.findById(id);
                if (p?.role !== 'pupil' || p.status !== 'active')
                    continue;
                const cards = await deps.repos.loginCards.listFor(p.id);
                const working = cards.find((c) => !c.revokedAt && c.expiresAt > new Date());
                pupils.push({
                    id: p.id,
                    name: (0, model_1.displayName)(p),
                    avatar: (0, pictures_1.avatarById)(pictures.get(p.id) ?? ''),
                    card: working ? fmtDate(working.expiresAt) : null,
                });
            }
            pupils.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
            groups.push({ id: group.id, name: group.name, pupils });
        }
        res.type('html').send((0, views_1.render)('class.njk', {
            title: 'Mijn groep',
            groups,
            csrf: (0, csrf_1.csrfToken)(req),
            notice: req.query.revoked ? 'De inlogkaart is ingetrokken. / The login card was revoked.' : undefined,
        }));
    });
    router.post('/class/pupils/:pupilId/pictures', form, csrf_1.requireCsrf, async (req, res) => {
        const me = await staff(req, res);
        if (!me)
            return;
        const pupil = await deps.pupilLogin.assertMayManage(me.id, pupilParam(req));
        const { avatar, sequence } = await deps.pupilLogin.resetPicturePassword(pupil.id, actor(req, me));
        res.setHeader('Cache-Control', 'no-store');
        res.type('html').send((0, views_1.render)('class-pictures.njk', {
            title: 'Nieuw plaatjeswachtwoord',
            firstName: pupil.firstName,
            avatar: (0, pictures_1.avatarById)(avatar) ?? pictures_1.AVATARS[0],
            sequence: sequence.map((id) => pictures_1.PASSWORD_PICTURES.find((p) => p.id === id)),
        }));
    });
    router.post('/class/pupils/:pupilId/password', form, csrf_1.requireCsrf, async (req, res) => {
        const me = await staff(req, res);
        if (!me)
            return;
        const pupil = await deps.pupilLogin.assertMayManage(me.id, pupilParam(req));
        const password = await deps.pupilLogin.resetPassword(pupil.id, actor(req, me));
        const credential = await deps.repos.credentials.findByPersonId(pupil.id);
        res.setHeader('Cache-Control', 'no-store');
        res
            .type('html')
            .send((0, views_1.render)('class-password.njk', { title: 'Nieuw wachtwoord', firstName: pupil.firstName, username: credential?.username, password }));
    });
    router.post('/class/pupils/:pupilId/card', form, csrf_1.requireCsrf, async (req, res) => {
        const me = await staff(req, res);
        if (!me)
            return;
        const pupil = await deps.pupilLogin.assertMayManage(me.id, pupilParam(req));
        const { card, token, revoked } = await deps.pupilLogin.issueCard(pupil.id, actor(req, me));
        const school = await deps.repos.schools.findById(pupil.schoolId);
        const avatar = (0, pictures_1.avatarById)((await deps.pupilLogin.pictureAccountFor(pupil.id))?.avatar ?? '');
        res.setHeader('Cache-Control', 'no-store');
        res.type('html').send((0, views_1.render)('class-card.njk', {
            title: 'Inlogkaart',
            firstName: pupil.firstName,
            school: school?.name,
            avatar,
            qr: await qrcode_1.default.toDataURL(token, { margin: 2, width: 240, errorCorrectionLevel: 'M' }),
            token,
            expires: fmtDate(card.expiresAt),
            revoked,
        }));
    });
    router.post('/class/pupils/:pupilId/cards/revoke', form, csrf_1.requireCsrf, async (req, res) => {
        const me = await staff(req, res);
        if (!me)
            return;
        const pupil = await deps.pupilLogin.assertMayManage(me.id, pupilParam(req));
        await deps.pupilLogin.revokeCards(pupil.id, actor(req, me));
        res.redirect(303, '/class?revoked=1');
    });
    return router;
}
//# sourceMappingURL=class.routes.js.map
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
exports.peopleRoutes = peopleRoutes;
const express_1 = __importStar(require("express"));
const errors_1 = require("../../domain/errors");
const pictures_1 = require("../../domain/identity/pictures");
const model_1 = require("../../domain/model");
const csrf_1 = require("../middleware/csrf");
const views_1 = require("../views");
const context_1 = require("./context");
const PAGE_SIZE = 25;
const form = express_1.default.urlencoded({ extended: false, limit: '4kb' });
/**
 * Pupils, teachers and groups: list, search, sort, page; a person's page shows everything the hub holds
 * (inzage) with JSON export and a printable version; home-access addresses are corrected here (the LAS
 * does not own them); deletion on the school's request. Names are encrypted at rest, so searching and
 * sorting happen after decryption, per school (a primary school has hundreds of people, not millions).
 */
function peopleRoutes(deps) {
    const router = (0, express_1.Router)();
    router.get('/admin/people', async (req, res) => {
        const { school } = (0, context_1.adminOf)(res);
        const role = req.query.role === 'staff' ? 'staff' : 'pupil';
        const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 60) : '';
        const sort = ['first', 'group'].includes(String(req.query.sort)) ? String(req.query.sort) : 'last';
        const groupFilter = typeof req.query.group === 'string' ? req.query.group : '';
        const groups = new Map((await deps.repos.groups.listBySchool(school.id)).map((g) => [g.id, g]));
        const memberships = await deps.repos.groups.membershipsAtSchool(school.id);
        const groupsOf = new Map();
        for (const m of memberships)
            groupsOf.set(m.personId, [...(groupsOf.get(m.personId) ?? []), groups.get(m.groupId)?.name ?? '']);
        let rows = (await deps.repos.people.listBySchool(school.id)).filter((p) => role === 'pupil' ? p.role === 'pupil' : p.role !== 'pupil');
        if (groupFilter)
            rows = rows.filter((p) => memberships.some((m) => m.personId === p.id && m.groupId === groupFilter));
        const usernames = await deps.repos.credentials.usernamesOf(rows.map((p) => p.id));
        if (q) {
            const needle = q.toLowerCase();
            rows = rows.filter((p) => [(0, model_1.displayName)(p), usernames.get(p.id), ...(groupsOf.get(p.id) ?? [])].some((v) => v?.toLowerCase().includes(needle)));
        }
        const collator = new Intl.Collator('nl', { sensitivity: 'base' });
        const key = (p) => sort === 'first'
            ? `${p.firstName} ${p.lastName}`
            : sort === 'group'
                ? `${(groupsOf.get(p.id) ?? ['~'])[0]} ${p.lastName}`
                : `${p.lastName} ${p.firstName}`;
        rows.sort((a, b) => collator.compare(key(a), key(b)));
        const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
        const page = Math.min(Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1), pages);
        const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((p) => ({
            id: p.id,
            name: (0, model_1.displayName)(p),
            role: p.role,
            username: usernames.get(p.id),
            groups: (groupsOf.get(p.id) ?? []).join(', '),
            active: p.status === 'active',
        }));
        const link = (n) => `/admin/people?${new URLSearchParams({ role, q, sort, ...(groupFilter ? { group: groupFilter } : {}), page: String(n) })}`;
        (0, context_1.renderAdmin)(req, res, 'admin/people.njk', {
            titleKey: role === 'pupil' ? 'people.pupils' : 'people.staff',
            role,
            q,
            sort,
            group: groupFilter,
            people: shown,
            total: rows.length,
            page,
            pages,
            prev: page > 1 ? link(page - 1) : null,
            next: page < pages ? link(page + 1) : null,
        });
    });
    router.get('/admin/groups', async (req, res) => {
        const { school } = (0, context_1.adminOf)(res);
        const memberships = await deps.repos.groups.membershipsAtSchool(school.id);
        const groups = (await deps.repos.groups.listBySchool(school.id))
            .map((g) => ({ ...g, members: memberships.filter((m) => m.groupId === g.id && m.roleInGroup === 'member').length }))
            .sort((a, b) => (a.yearGroup ?? 99) - (b.yearGroup ?? 99) || a.name.localeCompare(b.name, 'nl'));
        (0, context_1.renderAdmin)(req, res, 'admin/groups.njk', { titleKey: 'groups.title', groups });
    });
    const recordView = (r) => ({
        ...r,
        name: (0, model_1.displayName)(r.person),
        avatar: r.account?.pictureAvatar ? (0, pictures_1.avatarById)(r.account.pictureAvatar) : null,
    });
    const personPage = async (req, res, status = 200, error) => {
        const { school } = (0, context_1.adminOf)(res);
        const record = await deps.records.inspect(String(req.params.id), school.id);
        (0, context_1.renderAdmin)(req, res, 'admin/person.njk', {
            titleKey: 'person.title',
            r: recordView(record),
            error,
            resetSent: req.query.reset === 'sent',
            twoFactorReset: req.query.notice === 'two-factor-reset',
            isMe: record.person.id === (0, context_1.adminOf)(res).me.id,
        }, status);
    };
    router.get('/admin/people/:id', (req, res, next) => {
        personPage(req, res).catch(next);
    });
    router.get('/admin/people/:id/export.json', async (req, res) => {
        const { school } = (0, context_1.adminOf)(res);
        const record = await deps.records.inspect(String(req.params.id), school.id);
        await deps.repos.audit.record({
            actor: (0, context_1.adminActor)(req, res),
            action: 'person.export',
            outcome: 'success',
            schoolId: school.id,
            targetType: 'person',
            targetId: record.person.id,
        });
        res.setHeader('Content-Disposition', `attachment; filename="leerpoort-inzage-${record.person.id}.json"`);
        res
            .type('application/json')
            .send(JSON.stringify({ exportedAt: new Date().toISOString(), school: { brin: school.brin, name: school.name }, ...record }, null, 2));
    });
    router.get('/admin/people/:id/print', async (req, res) => {
        const a = (0, context_1.adminOf)(res);
        const record = await deps.records.inspect(String(req.params.id), a.school.id);
        res.setHeader('Cache-Control', 'no-store');
        res.type('html').send((0, views_1.render)('admin/person-print.njk', {
            title: a.t('person.title'),
            lang: a.lang,
            t: a.t,
            ...(0, context_1.formatters)(a.lang),
            school: a.school,
            r: recordView(record),
            printedAt: new Date().toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }),
        }));
    });
    router.post('/admin/people/:id/home-emails', form, csrf_1.requireCsrf, async (req, res) => {
        const { school } = (0, context_1.adminOf)(res);
        const person = await deps.records.personAtSchool(String(req.params.id), school.id);
        const credential = await deps.repos.credentials.findByPersonId(person.id);
        if (!credential)
            throw new errors_1.NotFoundError('Deze leerling heeft geen account. / This pupil has no account.');
        const add = typeof req.body.add === 'string' ? req.body.add : undefined;
        const remove = typeof req.body.remove === 'string' ? req.body.remove : undefined;
        try {
            await deps.accounts.changeHomeAccessEmail(credential.username, add !== undefined ? { add } : { remove }, (0, context_1.adminActor)(req, res));
        }
        catch (e) {
            if (e instanceof errors_1.ValidationError || e instanceof errors_1.ConflictError || e instanceof errors_1.NotFoundError)
                return personPage(req, res, 400, e.message);
            throw e;
        }
        res.redirect(303, `/admin/people/${person.id}`);
    });
    // Staff choose their own password: the school sends them the one-time link (to their work address).
    router.post('/admin/people/:id/reset-link', form, csrf_1.requireCsrf, async (req, res) => {
        const { school } = (0, context_1.adminOf)(res);
        const person = await deps.records.personAtSchool(String(req.params.id), school.id);
        const credential = await deps.repos.credentials.findByPersonId(person.id);
        if (person.role === 'pupil' || !person.staffEmail || !credential)
            return personPage(req, res, 400, 'Alleen voor medewerkers met een e-mailadres. / Only for staff with an e-mail address.');
        await deps.passwordReset.request(credential.username, (0, context_1.adminActor)(req, res));
        res.redirect(303, `/admin/people/${person.id}?reset=sent`);
    });
    // A colleague lost their phone: another delegate of the school removes their second factor (audited,
    // the colleague is mailed, their sessions end; they set up a new one at the next login).
    router.post('/admin/people/:id/two-factor-reset', form, csrf_1.requireCsrf, async (req, res) => {
        const { school, me } = (0, context_1.adminOf)(res);
        const person = await deps.records.personAtSchool(String(req.params.id), school.id);
        try {
            await deps.twoFactor.resetBySchool(me.id, person.id, (0, context_1.adminActor)(req, res));
        }
        catch (e) {
            if (e instanceof errors_1.ConflictError || e instanceof errors_1.ForbiddenError)
                return personPage(req, res, 400, e.message);
            throw e;
        }
        res.redirect(303, `/admin/people/${person.id}?notice=two-factor-reset`);
    });
    router.post('/admin/people/:id/delete', form, csrf_1.requireCsrf, async (req, res) => {
        const { school } = (0, context_1.adminOf)(res);
        const person = await deps.records.personAtSchool(String(req.params.id), school.id);
        try {
            await deps.records.deleteOnRequest(person.id, school.id, (0, context_1.adminActor)(req, res), String(req.body.confirm ?? ''));
        }
        catch (e) {
            if (e instanceof errors_1.ValidationError)
                return personPage(req, res, 400, e.message);
            throw e;
        }
        res.redirect(303, `/admin/people?role=${person.role === 'pupil' ? 'pupil' : 'staff'}&deleted=1`);
    });
    return router;
}
//# sourceMappingURL=people.routes.js.map
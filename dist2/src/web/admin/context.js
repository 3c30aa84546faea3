"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.adminActor = exports.adminOf = void 0;
exports.adminGuard = adminGuard;
exports.renderAdmin = renderAdmin;
exports.formatters = formatters;
const errors_1 = require("../../domain/errors");
const csrf_1 = require("../middleware/csrf");
const views_1 = require("../views");
const session_1 = require("../session");
const i18n_1 = require("./i18n");
const adminOf = (res) => res.locals.admin;
exports.adminOf = adminOf;
/** The delegate as the audit's actor for what they do in the screen (with address and request id). */
const adminActor = (req, res) => ({
    type: 'person',
    id: (0, exports.adminOf)(res).me.id,
    ip: req.ip ?? null,
    requestId: String(res.locals.requestId ?? '') || null,
});
exports.adminActor = adminActor;
/**
 * Only a school delegate, logged in with the second factor, reaches the screen; every route below works
 * for this delegate's own school only. Until the agreement in force is accepted, only the agreement page
 * (and the language switch) opens.
 */
function adminGuard(deps) {
    return async (req, res, next) => {
        const auth = req.session.auth;
        if (!auth)
            return res.redirect(303, `/login?return=${encodeURIComponent('/portal')}`);
        const me = await deps.repos.people.findById(auth.personId);
        if (me?.role !== 'delegate' || me.status !== 'active')
            throw new errors_1.ForbiddenError('Alleen voor beheerders van de school. / School delegates only.');
        const school = (await deps.repos.schools.findById(me.schoolId));
        (0, session_1.assertSecondFactorWhereRequired)(auth, me, school);
        const lang = (0, i18n_1.langOf)(req);
        const agreement = await deps.agreements.status(school.id);
        res.locals.admin = { me, school, lang, t: (0, i18n_1.translator)(lang), agreement };
        res.setHeader('Cache-Control', 'no-store');
        // Mounted at /admin: req.path is relative to it.
        const open = req.path === '/agreement' || req.path.startsWith('/agreement/') || req.path === '/lang';
        if (agreement.kind !== 'accepted' && !open)
            return res.redirect(303, '/admin/agreement');
        next();
    };
}
/** Renders an admin page with the shared context (texts, navigation, CSRF token). */
function renderAdmin(req, res, view, ctx, status = 200) {
    const a = (0, exports.adminOf)(res);
    res
        .status(status)
        .type('html')
        .send((0, views_1.render)(view, {
        title: a.t(String(ctx.titleKey ?? 'app.title')),
        lang: a.lang,
        t: a.t,
        me: a.me,
        school: a.school,
        agreementOk: a.agreement.kind === 'accepted',
        csrf: (0, csrf_1.csrfToken)(req),
        path: req.baseUrl + req.path,
        ...formatters(a.lang),
        ...ctx,
    }));
}
/** Dates and times as the school reads them: Europe/Amsterdam, in the page's language. */
function formatters(lang) {
    const locale = lang === 'en' ? 'en-GB' : 'nl-NL';
    return {
        fmtDate: (d) => d ? new Date(d).toLocaleDateString(locale, { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' }) : '—',
        fmtTime: (d) => (d ? new Date(d).toLocaleString(locale, { timeZone: 'Europe/Amsterdam' }) : '—'),
    };
}
//# sourceMappingURL=context.js.map
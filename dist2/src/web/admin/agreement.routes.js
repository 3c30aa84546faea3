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
exports.agreementRoutes = agreementRoutes;
const express_1 = __importStar(require("express"));
const errors_1 = require("../../domain/errors");
const csrf_1 = require("../middleware/csrf");
const context_1 = require("./context");
const i18n_1 = require("./i18n");
const model_1 = require("../../domain/model");
const form = express_1.default.urlencoded({ extended: false, limit: '4kb' });
/** Overview, the agreement (Akkoord, history, termination) and the language switch. */
function agreementRoutes(deps) {
    const router = (0, express_1.Router)();
    router.get('/admin/lang', (req, res) => {
        const to = req.query.to === 'en' ? 'en' : 'nl';
        res.cookie(i18n_1.LANG_COOKIE, to, { httpOnly: true, secure: deps.secure, sameSite: 'lax', maxAge: 365 * 86_400_000, path: '/' });
        const back = typeof req.query.back === 'string' && /^\/admin(\/[A-Za-z0-9/_-]*)?$/.test(req.query.back) ? req.query.back : '/admin';
        res.redirect(303, back);
    });
    router.get('/admin', async (req, res) => {
        const { school, agreement } = (0, context_1.adminOf)(res);
        const people = await deps.repos.people.listBySchool(school.id);
        const active = people.filter((p) => p.status === 'active');
        (0, context_1.renderAdmin)(req, res, 'admin/home.njk', {
            titleKey: 'nav.home',
            counts: {
                pupils: active.filter((p) => p.role === 'pupil').length,
                staff: active.filter((p) => p.role !== 'pupil').length,
                groups: (await deps.repos.groups.listBySchool(school.id)).length,
            },
            termination: await deps.repos.agreements.termination(school.id),
            upcoming: agreement.kind === 'accepted' ? agreement.upcoming : null,
        });
    });
    router.get('/admin/agreement', async (req, res) => {
        const { school, agreement } = (0, context_1.adminOf)(res);
        const acceptances = await deps.repos.agreements.acceptances(school.id);
        const names = new Map();
        for (const a of acceptances) {
            if (names.has(a.acceptedBy))
                continue;
            const p = await deps.repos.people.findById(a.acceptedBy);
            names.set(a.acceptedBy, p ? (0, model_1.displayName)(p) : a.acceptedBy.slice(0, 8));
        }
        (0, context_1.renderAdmin)(req, res, 'admin/agreement.njk', {
            titleKey: 'agreement.title',
            status: agreement,
            upcomingAccepted: agreement.kind === 'accepted' && agreement.upcoming ? acceptances.some((a) => a.versionId === agreement.upcoming.id) : false,
            acceptances: acceptances.map((a) => ({ ...a, acceptedByName: names.get(a.acceptedBy) })),
            termination: await deps.repos.agreements.termination(school.id),
        });
    });
    router.post('/admin/agreement/accept', form, csrf_1.requireCsrf, async (req, res) => {
        const { school, me } = (0, context_1.adminOf)(res);
        await deps.agreements.accept(school, String(req.body.version ?? ''), me.id, req.ip ?? null);
        res.redirect(303, '/admin');
    });
    router.post('/admin/agreement/terminate', form, csrf_1.requireCsrf, async (req, res) => {
        const { school, me } = (0, context_1.adminOf)(res);
        if (req.body.confirm !== 'yes')
            throw new errors_1.ValidationError('Bevestig de opzegging. / Please confirm the termination.');
        await deps.agreements.terminate(school, me.id, req.ip ?? null);
        res.redirect(303, '/admin/agreement');
    });
    return router;
}
//# sourceMappingURL=agreement.routes.js.map
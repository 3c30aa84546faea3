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
exports.opsSupportRoutes = opsSupportRoutes;
const express_1 = __importStar(require("express"));
const errors_1 = require("../../domain/errors");
const support_service_1 = require("../../domain/identity/support.service");
const csrf_1 = require("../middleware/csrf");
const views_1 = require("../views");
const operator_1 = require("./operator");
/**
 * The helpdesk's support pages (data-processing agreement annex 2 I): find one user, see what support
 * needs, act — each step only with a reason, each audited by the domain service. Everything is POST with
 * the session's CSRF token: the reason travels in the body (never in a URL or the request log), and a
 * view is an audited act, not something a link prefetch may trigger.
 */
function opsSupportRoutes(deps) {
    const router = (0, express_1.Router)();
    const form = express_1.default.urlencoded({ extended: false, limit: '8kb' });
    const helpdesk = (0, operator_1.requireOperator)(deps.repos, 'helpdesk');
    const field = (req, name) => (typeof req.body?.[name] === 'string' ? req.body[name] : '');
    const searchPage = (req, res, status, extra = {}) => res
        .status(status)
        .type('html')
        .send((0, views_1.render)('ops-support.njk', {
        title: 'Ondersteuning',
        csrf: (0, csrf_1.csrfToken)(req),
        reasonMin: support_service_1.SUPPORT_REASON.min,
        values: { by: 'username', username: '', brin: '', name: '', reason: '' },
        ...extra,
    }));
    /** A refusal the operator can correct (reason too short, unknown school, too many matches) is shown beside the form. */
    const shownBeside = (e) => (0, errors_1.isAppError)(e) && (e.kind === 'validation' || e.kind === 'not_found');
    router.get('/ops/support', helpdesk, (req, res) => searchPage(req, res, 200));
    router.post('/ops/support/find', form, csrf_1.requireCsrf, helpdesk, async (req, res) => {
        const values = {
            by: field(req, 'by') === 'name' ? 'name' : 'username',
            username: field(req, 'username').slice(0, 100),
            brin: field(req, 'brin').slice(0, 10),
            name: field(req, 'name').slice(0, 200),
            reason: field(req, 'reason').slice(0, 1000),
        };
        const query = values.by === 'name' ? { brin: values.brin, name: values.name } : { username: values.username };
        try {
            const matches = await deps.support.find(query, values.reason, (0, operator_1.operatorActor)(req, (0, operator_1.currentOperator)(res)));
            await searchPage(req, res, 200, { values, matches, searched: true });
        }
        catch (e) {
            if (shownBeside(e))
                return searchPage(req, res, (0, errors_1.isAppError)(e) ? e.status : 400, { values, error: e.message });
            throw e;
        }
    });
    const personPage = async (req, res, notice) => {
        const view = await deps.support.show(String(req.params.id), field(req, 'reason'), (0, operator_1.operatorActor)(req, (0, operator_1.currentOperator)(res)));
        res.type('html').send((0, views_1.render)('ops-support-person.njk', {
            title: 'Ondersteuning',
            csrf: (0, csrf_1.csrfToken)(req),
            reasonMin: support_service_1.SUPPORT_REASON.min,
            reason: field(req, 'reason'),
            v: view,
            notice,
            at: (d) => d.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }),
        }));
    };
    const withErrors = (work) => async (req, res) => {
        try {
            await work(req, res);
        }
        catch (e) {
            if (shownBeside(e))
                return searchPage(req, res, (0, errors_1.isAppError)(e) ? e.status : 400, {
                    error: e.message,
                    values: { by: 'username', username: '', brin: '', name: '', reason: field(req, 'reason').slice(0, 1000) },
                });
            throw e;
        }
    };
    router.post('/ops/support/people/:id', form, csrf_1.requireCsrf, helpdesk, withErrors((req, res) => personPage(req, res, null)));
    const actions = {
        'end-sessions': async (req, res) => {
            const n = await deps.support.endSessions(String(req.params.id), field(req, 'reason'), (0, operator_1.operatorActor)(req, (0, operator_1.currentOperator)(res)));
            return `${n} sessie(s) beëindigd. / ${n} session(s) ended.`;
        },
        unlock: async (req, res) => {
            await deps.support.unlock(String(req.params.id), field(req, 'reason'), (0, operator_1.operatorActor)(req, (0, operator_1.currentOperator)(res)));
            return 'Inlogblokkade opgeheven. / Login throttle lifted.';
        },
        'reset-link': async (req, res) => {
            await deps.support.sendResetLink(String(req.params.id), field(req, 'reason'), (0, operator_1.operatorActor)(req, (0, operator_1.currentOperator)(res)));
            return 'Wachtwoordlink aangevraagd: die gaat naar het eigen werkadres (hooguit 3 per kwartier). / Password link requested: it goes to their own work address (at most 3 per quarter hour).';
        },
    };
    for (const [name, act] of Object.entries(actions))
        router.post(`/ops/support/people/:id/${name}`, form, csrf_1.requireCsrf, helpdesk, withErrors(async (req, res) => personPage(req, res, await act(req, res))));
    return router;
}
//# sourceMappingURL=support.routes.js.map
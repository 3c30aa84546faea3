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
exports.opsMaintenanceRoutes = opsMaintenanceRoutes;
const express_1 = __importStar(require("express"));
const calendar_1 = require("../../domain/calendar");
const errors_1 = require("../../domain/errors");
const wording_1 = require("../../domain/maintenance/wording");
const csrf_1 = require("../middleware/csrf");
const views_1 = require("../views");
const operator_1 = require("./operator");
/**
 * Maintenance windows in the operator console (product & service agreement art. 4). Only role `dba`:
 * scheduling the platform's downtime is platform operation, which annex 2 I gives to DBAs/platform
 * operators — not to the helpdesk (supports users) nor the security officer (breach register). The rule
 * itself is the domain's (maintenance/notice.ts); this only reads the form and shows the result.
 */
function opsMaintenanceRoutes(deps) {
    const router = (0, express_1.Router)();
    const form = express_1.default.urlencoded({ extended: false, limit: '16kb' });
    async function dba(req) {
        const operator = await (0, operator_1.sessionOperator)(req, deps.repos);
        if (operator)
            (0, operator_1.assertRole)(operator, 'dba');
        return operator;
    }
    async function page(req, res, status, extra = {}) {
        const windows = (await deps.maintenance.list(50)).map((w) => ({
            id: w.id,
            period_nl: (0, wording_1.formatPeriod)(w, 'nl'),
            period_en: (0, wording_1.formatPeriod)(w, 'en'),
            descriptionNl: w.descriptionNl,
            descriptionEn: w.descriptionEn,
            cancelled: w.cancelledAt !== null,
            cancellable: w.cancelledAt === null && w.endsAt > new Date(),
        }));
        res.setHeader('Cache-Control', 'no-store');
        res
            .status(status)
            .type('html')
            .send((0, views_1.render)('ops-maintenance.njk', { title: 'Onderhoud', windows, csrf: (0, csrf_1.csrfToken)(req), ...extra }));
    }
    router.get('/ops/maintenance', async (req, res) => {
        if (!(await dba(req)))
            return res.redirect(303, '/login');
        await page(req, res, 200, {
            notice: req.query.done === 'scheduled' ? 'scheduled' : req.query.done === 'cancelled' ? 'cancelled' : null,
        });
    });
    router.post('/ops/maintenance', form, csrf_1.requireCsrf, async (req, res) => {
        const operator = await dba(req);
        if (!operator)
            return res.redirect(303, '/login');
        const values = {
            start: String(req.body.start ?? ''),
            end: String(req.body.end ?? ''),
            nl: String(req.body.nl ?? ''),
            en: String(req.body.en ?? ''),
        };
        try {
            const startsAt = (0, calendar_1.parseAmsterdamDateTime)(values.start);
            const endsAt = (0, calendar_1.parseAmsterdamDateTime)(values.end);
            if (!startsAt || !endsAt)
                throw new errors_1.ValidationError('Vul begin en einde in als datum en tijd. / Enter start and end as a date and time.');
            await deps.maintenance.schedule({ startsAt, endsAt, descriptionNl: values.nl, descriptionEn: values.en }, (0, operator_1.operatorActor)(req, operator));
        }
        catch (e) {
            // A refusal is shown beside the form, with what was typed, so the operator can correct it.
            if ((0, errors_1.isAppError)(e) && e.kind === 'validation')
                return page(req, res, 400, { error: e.publicMessage, values });
            throw e;
        }
        res.redirect(303, '/ops/maintenance?done=scheduled');
    });
    router.post('/ops/maintenance/:id/cancel', form, csrf_1.requireCsrf, async (req, res) => {
        const operator = await dba(req);
        if (!operator)
            return res.redirect(303, '/login');
        await deps.maintenance.cancel(String(req.params.id), (0, operator_1.operatorActor)(req, operator));
        res.redirect(303, '/ops/maintenance?done=cancelled');
    });
    return router;
}
//# sourceMappingURL=maintenance.routes.js.map
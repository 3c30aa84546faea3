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
exports.opsRoutes = opsRoutes;
const express_1 = __importStar(require("express"));
const csrf_1 = require("../middleware/csrf");
const views_1 = require("../views");
const operator_1 = require("./operator");
/**
 * Operator console entry. Reached only after password + TOTP (operators always enrol). What an operator
 * sees follows their roles (least privilege, data-processing agreement annex 2 I): helpdesk and security
 * officers see the schools list (no personal data) and the helpdesk finds one user to support
 * (support.routes.ts); DBAs see only platform facts (platform.routes.ts, maintenance.routes.ts).
 */
function opsRoutes(deps) {
    const router = (0, express_1.Router)();
    router.get('/ops', async (req, res) => {
        const operator = await (0, operator_1.sessionOperator)(req, deps.repos);
        if (!operator)
            return res.redirect(303, '/login');
        const seesSchools = operator.roles.includes('helpdesk') || operator.roles.includes('security_officer');
        const schools = seesSchools
            ? (await deps.repos.schools.list()).map((s) => ({
                brin: s.brin + (s.dependanceCode === '00' ? '' : s.dependanceCode),
                name: s.name,
                status: s.status,
                homeAccess: s.homeAccessEnabled,
            }))
            : null;
        res.setHeader('Cache-Control', 'no-store');
        res.type('html').send((0, views_1.render)('ops.njk', {
            title: 'Beheerconsole',
            operator,
            schools,
            platform: operator.roles.includes('dba'),
            helpdesk: operator.roles.includes('helpdesk'),
            securityOfficer: operator.roles.includes('security_officer'),
            csrf: (0, csrf_1.csrfToken)(req),
        }));
    });
    router.post('/ops/logout', express_1.default.urlencoded({ extended: false, limit: '2kb' }), csrf_1.requireCsrf, async (req, res) => {
        const auth = req.session.operatorAuth;
        if (auth)
            await deps.repos.audit.record({
                actor: { type: 'operator', id: auth.operatorId, ip: req.ip ?? null },
                action: 'logout',
                outcome: 'success',
            });
        await new Promise((resolve) => req.session.destroy(() => resolve()));
        res.redirect(303, '/login');
    });
    return router;
}
//# sourceMappingURL=ops.routes.js.map
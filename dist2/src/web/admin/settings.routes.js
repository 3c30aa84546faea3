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
exports.settingsRoutes = settingsRoutes;
const express_1 = __importStar(require("express"));
const errors_1 = require("../../domain/errors");
const brin_1 = require("../../domain/identity/brin");
const csrf_1 = require("../middleware/csrf");
const context_1 = require("./context");
const form = express_1.default.urlencoded({ extended: false, limit: '16kb' });
/** Home access on/off with the school's network ranges, and the two-step requirement for teachers. */
function settingsRoutes(deps) {
    const router = (0, express_1.Router)();
    const page = async (req, res, status = 200, error, networksText) => {
        const { school } = (0, context_1.adminOf)(res);
        const fresh = (await deps.repos.schools.findById(school.id));
        (0, context_1.renderAdmin)(req, res, 'admin/settings.njk', {
            titleKey: 'settings.title',
            settings: fresh,
            networks: networksText ?? (await deps.repos.schoolNetworks.list(school.id)).join('\n'),
            error,
            saved: req.query.saved === '1',
        }, status);
    };
    router.get('/admin/settings', (req, res, next) => {
        page(req, res).catch(next);
    });
    router.post('/admin/settings', form, csrf_1.requireCsrf, async (req, res) => {
        const { school } = (0, context_1.adminOf)(res);
        const actor = (0, context_1.adminActor)(req, res);
        const brin = (0, brin_1.formatBrin)({ brin: school.brin, dependanceCode: school.dependanceCode });
        const networksText = String(req.body.networks ?? '');
        try {
            // Networks first: a bad range changes nothing at all.
            await deps.schools.setNetworks(brin, networksText.split(/[\s,]+/), actor);
        }
        catch (e) {
            if (e instanceof errors_1.ValidationError)
                return page(req, res, 400, e.message, networksText);
            throw e;
        }
        const homeAccess = req.body.homeAccess === 'on';
        const teacher2fa = req.body.teacher2fa === 'on';
        if (homeAccess !== school.homeAccessEnabled)
            await deps.schools.setHomeAccess(brin, homeAccess, actor);
        if (teacher2fa !== school.teacher2faRequired)
            await deps.schools.setTeacherTwoFactor(brin, teacher2fa, actor);
        res.redirect(303, '/admin/settings?saved=1');
    });
    return router;
}
//# sourceMappingURL=settings.routes.js.map
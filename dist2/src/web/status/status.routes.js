"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.statusRoutes = statusRoutes;
const express_1 = require("express");
const wording_1 = require("../../domain/maintenance/wording");
const views_1 = require("../views");
/**
 * The public status page (product & service agreement art. 4): maintenance going on now and planned, and
 * disruptions. No login and no session: it is mounted before the session middleware, so it sets no cookie
 * and works for anyone, including a school that cannot log in. Disruptions come from the incident
 * register of a later issue; until then the section says there are none.
 */
function statusRoutes(deps) {
    const router = (0, express_1.Router)();
    const asJson = (w) => ({
        id: w.id,
        startsAt: w.startsAt.toISOString(),
        endsAt: w.endsAt.toISOString(),
        description: { nl: w.descriptionNl, en: w.descriptionEn },
    });
    const asView = (w) => ({
        period_nl: (0, wording_1.formatPeriod)(w, 'nl'),
        period_en: (0, wording_1.formatPeriod)(w, 'en'),
        startsAt: w.startsAt.toISOString(),
        descriptionNl: w.descriptionNl,
        descriptionEn: w.descriptionEn,
    });
    router.get('/status.json', async (_req, res) => {
        const now = new Date();
        const status = await deps.maintenance.status(now);
        // Short-lived: schools and monitors poll it; a window that starts must show within a minute.
        res.setHeader('Cache-Control', 'public, max-age=30');
        res.json({
            generatedAt: now.toISOString(),
            maintenance: { current: status.current.map(asJson), planned: status.planned.map(asJson) },
            disruptions: [],
        });
    });
    router.get('/status', async (_req, res) => {
        const status = await deps.maintenance.status();
        res.setHeader('Cache-Control', 'public, max-age=30');
        res
            .type('html')
            .send((0, views_1.render)('status.njk', { title: 'Status', current: status.current.map(asView), planned: status.planned.map(asView) }));
    });
    return router;
}
//# sourceMappingURL=status.routes.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.opsAccessLogRoutes = opsAccessLogRoutes;
const express_1 = require("express");
const views_1 = require("../views");
const operator_1 = require("./operator");
const SUPPORT_ACTIONS = ['support.find', 'support.view', 'support.sessions_end', 'support.unlock', 'support.reset_link'];
/**
 * Oversight of the helpdesk (data-processing agreement annex 2 I): the security officer sees who looked
 * at whom and why — the support entries of the audit log with the operator, the target's hub id (a
 * pseudonym, never a name) and the reason given. Read-only; only role `security_officer`.
 */
function opsAccessLogRoutes(deps) {
    const router = (0, express_1.Router)();
    router.get('/ops/access-log', (0, operator_1.requireOperator)(deps.repos, 'security_officer'), async (_req, res) => {
        const names = new Map((await deps.repos.operators.list()).map((o) => [o.id, o.displayName]));
        const events = [];
        for (const action of SUPPORT_ACTIONS)
            events.push(...(await deps.repos.audit.list({ action, limit: 100 })));
        const rows = events
            .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())
            .slice(0, 100)
            .map((e) => ({
            at: e.occurredAt.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }),
            who: e.actor.type === 'operator' ? (names.get(e.actor.id) ?? e.actor.id) : `${e.actor.type}:${e.actor.id}`,
            action: e.action,
            outcome: e.outcome,
            target: e.targetId ?? '–',
            reason: typeof e.details?.reason === 'string' ? e.details.reason : '',
        }));
        res.type('html').send((0, views_1.render)('ops-access-log.njk', { title: 'Inzagelog', rows }));
    });
    return router;
}
//# sourceMappingURL=access-log.routes.js.map
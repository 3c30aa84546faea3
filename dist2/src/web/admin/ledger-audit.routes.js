"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ledgerAuditRoutes = ledgerAuditRoutes;
const express_1 = require("express");
const calendar_1 = require("../../domain/calendar");
const errors_1 = require("../../domain/errors");
const context_1 = require("./context");
const ids_1 = require("../../domain/ids");
const AUDIT_PAGE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** CSV cells: quoted, quotes doubled, and a leading = + - @ neutralised (no formulas in spreadsheets). */
const csvCell = (v) => {
    const s = String(v);
    return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};
/** The release ledger (filter by participant and period, CSV export) and the school's audit log. */
function ledgerAuditRoutes(deps) {
    const router = (0, express_1.Router)();
    const ledgerQuery = async (req, res) => {
        const { school } = (0, context_1.adminOf)(res);
        const participant = typeof req.query.participant === 'string' && (0, ids_1.isUuid)(req.query.participant) ? req.query.participant : '';
        const from = typeof req.query.from === 'string' && DAY.test(req.query.from) ? req.query.from : '';
        const to = typeof req.query.to === 'string' && DAY.test(req.query.to) ? req.query.to : '';
        if (from && to && from > to)
            throw new errors_1.ValidationError('De begindatum ligt na de einddatum. / The start date is after the end date.');
        const rows = await deps.repos.ledger.list({
            schoolId: school.id,
            participantId: participant || undefined,
            since: from ? (0, calendar_1.amsterdamMidnight)(from) : undefined,
            until: to ? (0, calendar_1.amsterdamMidnight)(new Date(Date.parse(`${to}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) : undefined,
            limit: 10_000,
        });
        return { participant, from, to, rows };
    };
    router.get('/admin/ledger', async (req, res) => {
        const q = await ledgerQuery(req, res);
        const participants = (await deps.repos.participants.list()).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
        const csv = `/admin/ledger.csv?${new URLSearchParams({ participant: q.participant, from: q.from, to: q.to })}`;
        (0, context_1.renderAdmin)(req, res, 'admin/ledger.njk', {
            titleKey: 'ledger.title',
            ...q,
            rows: q.rows.slice(0, 500),
            total: q.rows.length,
            participants,
            csv,
        });
    });
    router.get('/admin/ledger.csv', async (req, res) => {
        const { school } = (0, context_1.adminOf)(res);
        const q = await ledgerQuery(req, res);
        const lines = [['datum_tijd_utc', 'uitgever', 'kanaal', 'dienst', 'categorieen', 'personen'].map(csvCell).join(',')];
        for (const r of q.rows)
            lines.push([
                r.occurredAt.toISOString(),
                r.participantName,
                r.channel,
                r.serviceProviderEntityId ?? r.apiClientId ?? '',
                r.categories.join(' '),
                r.peopleCount,
            ]
                .map(csvCell)
                .join(','));
        await deps.repos.audit.record({
            actor: (0, context_1.adminActor)(req, res),
            action: 'ledger.export',
            outcome: 'success',
            schoolId: school.id,
            details: { rows: q.rows.length },
        });
        res.setHeader('Content-Disposition', `attachment; filename="leerpoort-verstrekkingen-${school.brin}.csv"`);
        res.type('text/csv; charset=utf-8').send(`\uFEFF${lines.join('\r\n')}\r\n`);
    });
    router.get('/admin/audit', async (req, res) => {
        const { school } = (0, context_1.adminOf)(res);
        const page = Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1);
        const events = await deps.repos.audit.list({ schoolId: school.id, limit: AUDIT_PAGE + 1, offset: (page - 1) * AUDIT_PAGE });
        (0, context_1.renderAdmin)(req, res, 'admin/audit.njk', {
            titleKey: 'audit.title',
            events: events.slice(0, AUDIT_PAGE).map((e) => ({
                at: e.occurredAt,
                action: e.action,
                outcome: e.outcome,
                actor: `${e.actor.type}:${e.actor.id.slice(0, 36)}`,
                ip: e.actor.ip,
                target: e.targetType ? `${e.targetType}:${e.targetId ?? ''}` : '',
            })),
            page,
            prev: page > 1 ? `/admin/audit?page=${page - 1}` : null,
            next: events.length > AUDIT_PAGE ? `/admin/audit?page=${page + 1}` : null,
        });
    });
    return router;
}
//# sourceMappingURL=ledger-audit.routes.js.map
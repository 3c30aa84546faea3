import { type Request, type Response, Router } from 'express';
import { amsterdamMidnight } from '../../domain/calendar';
import { ValidationError } from '../../domain/errors';
import type { Repositories } from '../../domain/ports';
import { adminActor, adminOf, renderAdmin } from './context';
import { isUuid } from '../../domain/ids';
import { ledgerChannelLabel, ledgerRecipient } from '../../domain/audit/ledger-channel';

const AUDIT_PAGE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** CSV cells: quoted, quotes doubled, and a leading = + - @ neutralised (no formulas in spreadsheets). */
const csvCell = (v: string | number) => {
  const s = String(v);
  return `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

/** The release ledger (filter by participant and period, CSV export) and the school's audit log. */
export function ledgerAuditRoutes(deps: { repos: Pick<Repositories, 'audit' | 'ledger' | 'participants'> }): Router {
  const router = Router();

  const ledgerQuery = async (req: Request, res: Response) => {
    const { school } = adminOf(res);
    const participant = typeof req.query.participant === 'string' && isUuid(req.query.participant) ? req.query.participant : '';
    const from = typeof req.query.from === 'string' && DAY.test(req.query.from) ? req.query.from : '';
    const to = typeof req.query.to === 'string' && DAY.test(req.query.to) ? req.query.to : '';
    if (from && to && from > to) throw new ValidationError('De begindatum ligt na de einddatum. / The start date is after the end date.');
    const rows = await deps.repos.ledger.list({
      schoolId: school.id,
      participantId: participant || undefined,
      since: from ? amsterdamMidnight(from) : undefined,
      until: to ? amsterdamMidnight(new Date(Date.parse(`${to}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) : undefined,
      limit: 10_000,
    });
    return { participant, from, to, rows };
  };

  router.get('/admin/ledger', async (req, res) => {
    const q = await ledgerQuery(req, res);
    const participants = (await deps.repos.participants.list()).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    const csv = `/admin/ledger.csv?${new URLSearchParams({ participant: q.participant, from: q.from, to: q.to })}`;
    renderAdmin(req, res, 'admin/ledger.njk', {
      titleKey: 'ledger.title',
      ...q,
      rows: q.rows.slice(0, 500).map((r) => ({ ...r, via: ledgerChannelLabel(r) })),
      total: q.rows.length,
      participants,
      csv,
    });
  });

  router.get('/admin/ledger.csv', async (req, res) => {
    const { school } = adminOf(res);
    const q = await ledgerQuery(req, res);
    const lines = [['datum_tijd_utc', 'uitgever', 'kanaal', 'dienst', 'categorieen', 'personen'].map(csvCell).join(',')];
    for (const r of q.rows)
      lines.push(
        [r.occurredAt.toISOString(), r.participantName, r.channel, ledgerRecipient(r), r.categories.join(' '), r.peopleCount]
          .map(csvCell)
          .join(','),
      );
    await deps.repos.audit.record({
      actor: adminActor(req, res),
      action: 'ledger.export',
      outcome: 'success',
      schoolId: school.id,
      details: { rows: q.rows.length },
    });
    res.setHeader('Content-Disposition', `attachment; filename="leerpoort-verstrekkingen-${school.brin}.csv"`);
    res.type('text/csv; charset=utf-8').send(`\uFEFF${lines.join('\r\n')}\r\n`);
  });

  router.get('/admin/audit', async (req, res) => {
    const { school } = adminOf(res);
    const page = Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1);
    const events = await deps.repos.audit.list({ schoolId: school.id, limit: AUDIT_PAGE + 1, offset: (page - 1) * AUDIT_PAGE });
    renderAdmin(req, res, 'admin/audit.njk', {
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

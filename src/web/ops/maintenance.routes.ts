import express, { Router } from 'express';
import { parseAmsterdamDateTime } from '../../domain/calendar';
import { isAppError, ValidationError } from '../../domain/errors';
import type { MaintenanceService } from '../../domain/maintenance/maintenance.service';
import { formatPeriod } from '../../domain/maintenance/wording';
import type { Repositories } from '../../domain/ports';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { render } from '../views';
import { assertRole, operatorActor, sessionOperator } from './operator';

/**
 * Maintenance windows in the operator console (product & service agreement art. 4). Only role `dba`:
 * scheduling the platform's downtime is platform operation, which annex 2 I gives to DBAs/platform
 * operators — not to the helpdesk (supports users) nor the security officer (breach register). The rule
 * itself is the domain's (maintenance/notice.ts); this only reads the form and shows the result.
 */
export function opsMaintenanceRoutes(deps: { repos: Pick<Repositories, 'operators'>; maintenance: MaintenanceService }): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  async function dba(req: express.Request) {
    const operator = await sessionOperator(req, deps.repos);
    if (operator) assertRole(operator, 'dba');
    return operator;
  }

  async function page(req: express.Request, res: express.Response, status: number, extra: Record<string, unknown> = {}) {
    const windows = (await deps.maintenance.list(50)).map((w) => ({
      id: w.id,
      period_nl: formatPeriod(w, 'nl'),
      period_en: formatPeriod(w, 'en'),
      descriptionNl: w.descriptionNl,
      descriptionEn: w.descriptionEn,
      cancelled: w.cancelledAt !== null,
      cancellable: w.cancelledAt === null && w.endsAt > new Date(),
    }));
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(status)
      .type('html')
      .send(render('ops-maintenance.njk', { title: 'Onderhoud', windows, csrf: csrfToken(req), ...extra }));
  }

  router.get('/ops/maintenance', async (req, res) => {
    if (!(await dba(req))) return res.redirect(303, '/login');
    await page(req, res, 200, {
      notice: req.query.done === 'scheduled' ? 'scheduled' : req.query.done === 'cancelled' ? 'cancelled' : null,
    });
  });

  router.post('/ops/maintenance', form, requireCsrf, async (req, res) => {
    const operator = await dba(req);
    if (!operator) return res.redirect(303, '/login');
    const values = {
      start: String(req.body.start ?? ''),
      end: String(req.body.end ?? ''),
      nl: String(req.body.nl ?? ''),
      en: String(req.body.en ?? ''),
    };
    try {
      const startsAt = parseAmsterdamDateTime(values.start);
      const endsAt = parseAmsterdamDateTime(values.end);
      if (!startsAt || !endsAt) {
        const reason = 'Vul begin en einde in als datum en tijd. / Enter start and end as a date and time.';
        await deps.maintenance.refused(operatorActor(req, operator), reason, { startsAt, endsAt });
        throw new ValidationError(reason);
      }
      await deps.maintenance.schedule(
        { startsAt, endsAt, descriptionNl: values.nl, descriptionEn: values.en },
        operatorActor(req, operator),
      );
    } catch (e) {
      // A refusal is shown beside the form, with what was typed, so the operator can correct it.
      if (isAppError(e) && e.kind === 'validation') return page(req, res, 400, { error: e.publicMessage, values });
      throw e;
    }
    res.redirect(303, '/ops/maintenance?done=scheduled');
  });

  router.post('/ops/maintenance/:id/cancel', form, requireCsrf, async (req, res) => {
    const operator = await dba(req);
    if (!operator) return res.redirect(303, '/login');
    await deps.maintenance.cancel(String(req.params.id), operatorActor(req, operator));
    res.redirect(303, '/ops/maintenance?done=cancelled');
  });

  return router;
}

import express, { Router } from 'express';
import { parseAmsterdamDateTime } from '../../domain/calendar';
import { isAppError, ValidationError } from '../../domain/errors';
import { formatWhen } from '../../domain/maintenance/wording';
import type { ServiceNoticeService } from '../../domain/notices/service-notice.service';
import type { Repositories } from '../../domain/ports';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { render } from '../views';
import { assertRole, operatorActor, sessionOperator } from './operator';

const DONE = ['announced', 'browser', 'withdrawn', 'cancelled'] as const;

/**
 * Three-month notices in the operator console (agreement art. 6 and 11): the end of the service at the
 * start of a school year, the supported browsers and the end of support for one. Platform operation, so
 * role `dba` only (as maintenance); the rule is the domain's (notices/notice-period.ts).
 */
export function opsNoticesRoutes(deps: { repos: Pick<Repositories, 'operators'>; notices: ServiceNoticeService }): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '8kb' });

  async function dba(req: express.Request) {
    const operator = await sessionOperator(req, deps.repos);
    if (operator) assertRole(operator, 'dba');
    return operator;
  }

  async function page(req: express.Request, res: express.Response, status: number, extra: Record<string, unknown> = {}) {
    const now = new Date();
    const state = await deps.notices.status(now);
    const notices = (await deps.notices.list()).map((n) => ({
      id: n.id,
      what_nl: n.kind === 'service_end' ? 'Einde van de dienst' : `Einde ondersteuning ${n.browser}`,
      what_en: n.kind === 'service_end' ? 'End of the service' : `End of support for ${n.browser}`,
      at_nl: formatWhen(n.effectiveAt, 'nl'),
      at_en: formatWhen(n.effectiveAt, 'en'),
      cancellable: n.effectiveAt > now,
    }));
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(status)
      .type('html')
      .send(
        render('ops-notices.njk', {
          title: 'Aankondigingen',
          notices,
          browsers: state.browsers,
          csrf: csrfToken(req),
          values: {},
          ...extra,
        }),
      );
  }

  const refusal = (e: unknown) => isAppError(e) && ['validation', 'conflict', 'not_found'].includes(e.kind);

  router.get('/ops/notices', async (req, res) => {
    if (!(await dba(req))) return res.redirect(303, '/login');
    await page(req, res, 200, { done: DONE.find((d) => d === req.query.done) ?? null });
  });

  router.post('/ops/notices/service-end', form, requireCsrf, async (req, res) => {
    const operator = await dba(req);
    if (!operator) return res.redirect(303, '/login');
    const year = String(req.body.year ?? '');
    try {
      if (!/^\d{4}$/.test(year)) throw new ValidationError('Vul een jaartal in, bijvoorbeeld 2027. / Enter a year, e.g. 2027.');
      await deps.notices.announceServiceEnd(Number(year), operatorActor(req, operator));
    } catch (e) {
      if (refusal(e))
        return page(req, res, isAppError(e) ? e.status : 400, {
          endError: (e as { publicMessage: string }).publicMessage,
          values: { year },
        });
      throw e;
    }
    res.redirect(303, '/ops/notices?done=announced');
  });

  router.post('/ops/notices/browsers', form, requireCsrf, async (req, res) => {
    const operator = await dba(req);
    if (!operator) return res.redirect(303, '/login');
    const values = { name: String(req.body.name ?? ''), version: String(req.body.version ?? '') };
    try {
      await deps.notices.addBrowser(values.name, values.version, operatorActor(req, operator));
    } catch (e) {
      if (refusal(e)) return page(req, res, 400, { browserError: (e as { publicMessage: string }).publicMessage, values });
      throw e;
    }
    res.redirect(303, '/ops/notices?done=browser');
  });

  router.post('/ops/notices/browsers/withdraw', form, requireCsrf, async (req, res) => {
    const operator = await dba(req);
    if (!operator) return res.redirect(303, '/login');
    const values = { withdrawName: String(req.body.name ?? ''), from: String(req.body.from ?? '') };
    try {
      const from = parseAmsterdamDateTime(values.from);
      if (!from) throw new ValidationError('Vul de datum in als datum en tijd. / Enter the date as a date and time.');
      await deps.notices.withdrawBrowser(values.withdrawName, from, operatorActor(req, operator));
    } catch (e) {
      if (refusal(e))
        return page(req, res, isAppError(e) ? e.status : 400, { withdrawError: (e as { publicMessage: string }).publicMessage, values });
      throw e;
    }
    res.redirect(303, '/ops/notices?done=withdrawn');
  });

  router.post('/ops/notices/:id/cancel', form, requireCsrf, async (req, res) => {
    const operator = await dba(req);
    if (!operator) return res.redirect(303, '/login');
    await deps.notices.cancel(String(req.params.id), operatorActor(req, operator));
    res.redirect(303, '/ops/notices?done=cancelled');
  });

  return router;
}

import express, { Router } from 'express';
import { parseAmsterdamDateTime } from '../../domain/calendar';
import type { DisruptionService } from '../../domain/disruptions/disruption.service';
import { isAppError, ValidationError } from '../../domain/errors';
import { formatBrin } from '../../domain/identity/brin';
import { formatWhen } from '../../domain/maintenance/wording';
import type { Repositories } from '../../domain/ports';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { render } from '../views';
import { assertRole, operatorActor, sessionOperator } from './operator';

const STATE_TEXT: Record<string, string> = {
  open: 'open',
  due_soon: 'bijna te laat / due soon',
  missed: 'te laat / missed',
  met: 'op tijd / in time',
  late: 'te laat gedaan / done late',
};

/**
 * Disruptions in the operator console (agreement art. 5): the open reports with their two deadlines in
 * office time, those about to miss one first; recording a phone call; acknowledge, estimate, resolve.
 * Supporting schools is the helpdesk's work (annex 2 I), so role `helpdesk`; others get 403.
 */
export function opsDisruptionRoutes(deps: { repos: Pick<Repositories, 'operators' | 'schools'>; disruptions: DisruptionService }): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });

  async function helpdesk(req: express.Request) {
    const operator = await sessionOperator(req, deps.repos);
    if (operator) assertRole(operator, 'helpdesk');
    return operator;
  }

  async function page(req: express.Request, res: express.Response, status: number, extra: Record<string, unknown> = {}) {
    const schools = new Map((await deps.repos.schools.list()).map((s) => [s.id, `${s.name} (${formatBrin(s)})`]));
    const reports = (await deps.disruptions.open())
      .sort((a, b) => Number(b.attention) - Number(a.attention) || a.reportedAt.getTime() - b.reportedAt.getTime())
      .map((d) => ({
        id: d.id,
        school: d.schoolId ? (schools.get(d.schoolId) ?? d.schoolId) : '—',
        channel: d.channel === 'admin' ? 'beheerscherm / management screen' : 'telefoon / phone',
        description: d.description,
        reported: formatWhen(d.reportedAt, 'nl'),
        acknowledged: d.acknowledgedAt !== null,
        estimated: d.estimatedRepairAt ? formatWhen(d.estimatedRepairAt, 'nl') : null,
        ackBy: formatWhen(d.deadlines.acknowledgeBy, 'nl'),
        estimateBy: formatWhen(d.deadlines.estimateBy, 'nl'),
        ackState: STATE_TEXT[d.deadlines.acknowledge],
        estimateState: STATE_TEXT[d.deadlines.estimate],
        attention: d.attention,
      }));
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(status)
      .type('html')
      .send(render('ops-disruptions.njk', { title: 'Storingen', reports, csrf: csrfToken(req), values: {}, ...extra }));
  }
  const refusal = (e: unknown) => isAppError(e) && ['validation', 'conflict', 'not_found'].includes(e.kind);
  const fail = (req: express.Request, res: express.Response, e: unknown, extra: Record<string, unknown> = {}) =>
    page(req, res, isAppError(e) ? e.status : 400, { error: (e as { publicMessage: string }).publicMessage, ...extra });

  router.get('/ops/disruptions', async (req, res) => {
    if (!(await helpdesk(req))) return res.redirect(303, '/login');
    await page(req, res, 200, { done: req.query.done === '1' });
  });

  router.post('/ops/disruptions', form, requireCsrf, async (req, res) => {
    const operator = await helpdesk(req);
    if (!operator) return res.redirect(303, '/login');
    const values = { brin: String(req.body.brin ?? ''), description: String(req.body.description ?? '') };
    try {
      await deps.disruptions.recordCall(values.brin.trim() || null, values.description, operatorActor(req, operator));
    } catch (e) {
      if (refusal(e)) return fail(req, res, e, { values });
      throw e;
    }
    res.redirect(303, '/ops/disruptions?done=1');
  });

  router.post('/ops/disruptions/:id/:step', form, requireCsrf, async (req, res) => {
    const operator = await helpdesk(req);
    if (!operator) return res.redirect(303, '/login');
    const id = String(req.params.id);
    const actor = operatorActor(req, operator);
    try {
      if (req.params.step === 'acknowledge')
        await deps.disruptions.acknowledge(id, { nl: String(req.body.nl ?? ''), en: String(req.body.en ?? '') }, actor);
      else if (req.params.step === 'estimate') {
        const at = parseAmsterdamDateTime(String(req.body.at ?? ''));
        if (!at) throw new ValidationError('Vul de hersteltijd in als datum en tijd. / Enter the repair time as a date and time.');
        await deps.disruptions.estimate(id, at, actor);
      } else if (req.params.step === 'resolve') await deps.disruptions.resolve(id, actor);
      else return res.status(404).type('text/plain').send('not found');
    } catch (e) {
      if (refusal(e)) return fail(req, res, e);
      throw e;
    }
    res.redirect(303, '/ops/disruptions?done=1');
  });

  return router;
}

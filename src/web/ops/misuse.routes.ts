import express, { Router } from 'express';
import { parseAmsterdamDateTime } from '../../domain/calendar';
import { isAppError, ValidationError } from '../../domain/errors';
import { formatBrin } from '../../domain/identity/brin';
import { formatWhen } from '../../domain/maintenance/wording';
import type { MisuseService } from '../../domain/misuse/misuse.service';
import { IMMEDIATE_REASONS, isSuspended } from '../../domain/misuse/suspension';
import type { Repositories } from '../../domain/ports';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { render } from '../views';
import { assertRole, operatorActor, sessionOperator } from './operator';

const DONE = ['warned', 'closed', 'suspended', 'lifted'] as const;

/**
 * Misuse and suspension in the operator console (product & service agreement art. 12). Only the security
 * officer: warning and suspending a school is an enforcement decision, not user support (helpdesk) or
 * platform work (dba), who get 403. The rules are the domain's (misuse/suspension.ts); this reads the
 * forms and shows refusals beside them with what was typed.
 */
export function opsMisuseRoutes(deps: { repos: Pick<Repositories, 'operators' | 'schools'>; misuse: MisuseService }): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '32kb' });

  async function officer(req: express.Request) {
    const operator = await sessionOperator(req, deps.repos);
    if (operator) assertRole(operator, 'security_officer');
    return operator;
  }

  async function page(req: express.Request, res: express.Response, status: number, extra: Record<string, unknown> = {}) {
    const now = new Date();
    const schools = await deps.repos.schools.list();
    const byId = new Map(schools.map((s) => [s.id, s]));
    const warnings = (await deps.misuse.openWarnings(now)).map((w) => {
      const s = byId.get(w.schoolId);
      return {
        id: w.id,
        school: s ? `${s.name} (${formatBrin(s)})` : w.schoolId,
        observed: w.observed,
        requiredMeasures: w.requiredMeasures,
        deadline_nl: formatWhen(w.deadline, 'nl'),
        deadline_en: formatWhen(w.deadline, 'en'),
        expired: w.state === 'expired',
      };
    });
    const suspended = schools.filter(isSuspended).map((s) => ({
      brin: formatBrin(s),
      name: s.name,
      since_nl: formatWhen(s.suspendedAt!, 'nl'),
      since_en: formatWhen(s.suspendedAt!, 'en'),
    }));
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(status)
      .type('html')
      .send(
        render('ops-misuse.njk', {
          title: 'Misbruik en opschorting',
          warnings,
          suspended,
          schools: schools.filter((s) => s.status !== 'terminated').map((s) => ({ brin: formatBrin(s), name: s.name })),
          reasons: Object.entries(IMMEDIATE_REASONS).map(([key, text]) => ({ key, nl: text.nl, en: text.en })),
          csrf: csrfToken(req),
          values: {},
          ...extra,
        }),
      );
  }

  /** A refusal of the rules (validation, conflict) goes beside the form; anything else to the error handler. */
  const shown = (e: unknown) => isAppError(e) && (e.kind === 'validation' || e.kind === 'conflict' || e.kind === 'not_found');

  router.get('/ops/misuse', async (req, res) => {
    if (!(await officer(req))) return res.redirect(303, '/login');
    const done = DONE.find((d) => d === req.query.done) ?? null;
    await page(req, res, 200, { done });
  });

  router.post('/ops/misuse/warnings', form, requireCsrf, async (req, res) => {
    const operator = await officer(req);
    if (!operator) return res.redirect(303, '/login');
    const values = {
      brin: String(req.body.brin ?? ''),
      observed: String(req.body.observed ?? ''),
      measures: String(req.body.measures ?? ''),
      deadline: String(req.body.deadline ?? ''),
    };
    try {
      const deadline = parseAmsterdamDateTime(values.deadline);
      if (!deadline) throw new ValidationError('Vul de termijn in als datum en tijd. / Enter the deadline as a date and time.');
      await deps.misuse.warn(
        values.brin,
        { observed: values.observed, requiredMeasures: values.measures, deadline },
        operatorActor(req, operator),
      );
    } catch (e) {
      if (shown(e))
        return page(req, res, isAppError(e) ? e.status : 400, {
          warnError: (e as Error & { publicMessage: string }).publicMessage,
          values,
        });
      throw e;
    }
    res.redirect(303, '/ops/misuse?done=warned');
  });

  router.post('/ops/misuse/warnings/:id/close', form, requireCsrf, async (req, res) => {
    const operator = await officer(req);
    if (!operator) return res.redirect(303, '/login');
    await deps.misuse.closeWarning(
      String(req.params.id),
      req.body.closing === 'withdrawn' ? 'withdrawn' : 'measures_taken',
      operatorActor(req, operator),
    );
    res.redirect(303, '/ops/misuse?done=closed');
  });

  router.post('/ops/misuse/suspensions', form, requireCsrf, async (req, res) => {
    const operator = await officer(req);
    if (!operator) return res.redirect(303, '/login');
    const values = {
      suspendBrin: String(req.body.brin ?? ''),
      immediate: String(req.body.immediate ?? ''),
      explanation: String(req.body.explanation ?? ''),
    };
    try {
      await deps.misuse.suspend(
        values.suspendBrin,
        { immediateReason: values.immediate || null, explanation: values.explanation },
        operatorActor(req, operator),
      );
    } catch (e) {
      if (shown(e))
        return page(req, res, isAppError(e) ? e.status : 400, {
          suspendError: (e as Error & { publicMessage: string }).publicMessage,
          values,
        });
      throw e;
    }
    res.redirect(303, '/ops/misuse?done=suspended');
  });

  router.post('/ops/misuse/suspensions/lift', form, requireCsrf, async (req, res) => {
    const operator = await officer(req);
    if (!operator) return res.redirect(303, '/login');
    const brin = String(req.body.brin ?? '');
    try {
      await deps.misuse.lift(brin, String(req.body.note ?? ''), operatorActor(req, operator));
    } catch (e) {
      if (shown(e))
        return page(req, res, isAppError(e) ? e.status : 400, { liftError: (e as Error & { publicMessage: string }).publicMessage });
      throw e;
    }
    res.redirect(303, '/ops/misuse?done=lifted');
  });

  return router;
}

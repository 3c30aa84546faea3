import express, { Router } from 'express';
import type { BreachInput, BreachService } from '../../domain/breaches/breach.service';
import { notificationState } from '../../domain/breaches/deadline';
import { AFFECTED_KIND_LABELS, AFFECTED_KINDS, BREACH_NATURES, type Breach, NATURE_LABELS } from '../../domain/breaches/model';
import { parseAmsterdamDateTime } from '../../domain/calendar';
import { isAppError } from '../../domain/errors';
import { formatWhen } from '../../domain/maintenance/wording';
import type { Repositories } from '../../domain/ports';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { render } from '../views';
import { assertRole, operatorActor, sessionOperator } from './operator';

/**
 * The breach register in the operator console (DPA annex 2; security annex C). Only role
 * `security_officer` — annex 2 I gives the register to the security officer, not to the helpdesk (which
 * supports users) nor the platform operators. The rules (fields, the 24-hour clock, who is mailed) are the
 * domain's; this reads the forms and shows where each breach stands.
 */
export function opsBreachRoutes(deps: { repos: Pick<Repositories, 'operators'>; breaches: BreachService }): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });

  async function officer(req: express.Request) {
    const operator = await sessionOperator(req, deps.repos);
    if (operator) assertRole(operator, 'security_officer');
    return operator;
  }

  const noStore = (res: express.Response) => res.setHeader('Cache-Control', 'no-store');
  const when = (d: Date | null) => (d ? { nl: formatWhen(d, 'nl'), en: formatWhen(d, 'en') } : null);
  const view = (b: Breach, now: Date) => {
    const state = notificationState(b, now);
    return {
      id: b.id,
      detected: when(b.detectedAt),
      recorded: when(b.recordedAt),
      confirmed: when(b.confirmedAt),
      notified: when(b.notifiedAt),
      summary: b.summary,
      cause: b.cause,
      measures: b.measures,
      natures: b.natures.map((n) => NATURE_LABELS[n]),
      kinds: b.affectedKinds.map((k) => AFFECTED_KIND_LABELS[k]),
      categories: b.dataCategories.map((c) => deps.breaches.categories[c] ?? { nl: c, en: c }),
      accessDataAffected: b.accessDataAffected,
      schools: b.affectedSchools,
      people: b.affectedSchools.reduce((n, s) => n + s.peopleCount, 0),
      delegatesNotified: b.delegatesNotified,
      state: state.state,
      late: state.state === 'notified' && state.late,
      deadline: 'deadline' in state ? when(state.deadline) : null,
      hoursLeft: state.state === 'due' ? Math.floor(state.msLeft / 3_600_000) : null,
      hoursOver: state.state === 'overdue' ? Math.floor(state.msOver / 3_600_000) : null,
    };
  };

  const choices = () => ({
    natures: BREACH_NATURES.map((value) => ({ value, ...NATURE_LABELS[value] })),
    kinds: AFFECTED_KINDS.map((value) => ({ value, ...AFFECTED_KIND_LABELS[value] })),
    categories: Object.entries(deps.breaches.categories).map(([value, l]) => ({ value, ...l })),
  });

  router.get('/ops/breaches', async (req, res) => {
    if (!(await officer(req))) return res.redirect(303, '/login');
    const now = new Date();
    const breaches = (await deps.breaches.list()).map((b) => view(b, now));
    noStore(res);
    res.type('html').send(
      render('ops-breaches.njk', {
        title: 'Datalekkenregister',
        breaches,
        overdue: breaches.filter((b) => b.state === 'overdue').length,
      }),
    );
  });

  router.get('/ops/breaches/new', async (req, res) => {
    if (!(await officer(req))) return res.redirect(303, '/login');
    noStore(res);
    res.type('html').send(
      render('ops-breach-new.njk', {
        title: 'Datalek vastleggen',
        ...choices(),
        values: { natures: [], kinds: [], categories: [] },
        csrf: csrfToken(req),
      }),
    );
  });

  router.post('/ops/breaches', form, requireCsrf, async (req, res) => {
    const operator = await officer(req);
    if (!operator) return res.redirect(303, '/login');
    const many = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
    const values = {
      detected: String(req.body.detected ?? ''),
      summary: String(req.body.summary ?? ''),
      cause: String(req.body.cause ?? ''),
      measures: String(req.body.measures ?? ''),
      schools: String(req.body.schools ?? ''),
      natures: many(req.body.nature),
      kinds: many(req.body.kind),
      categories: many(req.body.category),
      access: req.body.access === 'yes',
    };
    let id: string;
    try {
      const detectedAt = parseAmsterdamDateTime(values.detected);
      const input: BreachInput = {
        // An unreadable time goes to the service as invalid: it refuses it (and audits the refusal) like any other.
        detectedAt: detectedAt ?? new Date(Number.NaN),
        summary: values.summary,
        cause: values.cause,
        measures: values.measures,
        natures: values.natures,
        affectedKinds: values.kinds,
        dataCategories: values.categories,
        accessDataAffected: values.access,
        schools: [values.schools],
      };
      id = (await deps.breaches.record(input, operatorActor(req, operator))).id;
    } catch (e) {
      // A refusal is shown beside the form with what was typed, so the officer can correct it.
      if (isAppError(e) && e.kind === 'validation') {
        noStore(res);
        return res
          .status(400)
          .type('html')
          .send(
            render('ops-breach-new.njk', {
              title: 'Datalek vastleggen',
              ...choices(),
              values,
              error: e.publicMessage,
              csrf: csrfToken(req),
            }),
          );
      }
      throw e;
    }
    res.redirect(303, `/ops/breaches/${id}?done=recorded`);
  });

  router.get('/ops/breaches/:id', async (req, res) => {
    if (!(await officer(req))) return res.redirect(303, '/login');
    const breach = view(await deps.breaches.get(String(req.params.id)), new Date());
    const done = String(req.query.done ?? '');
    noStore(res);
    res.type('html').send(
      render('ops-breach.njk', {
        title: 'Datalek',
        breach,
        notice: ['recorded', 'confirmed', 'notified'].includes(done) ? done : null,
        csrf: csrfToken(req),
      }),
    );
  });

  router.post('/ops/breaches/:id/confirm', form, requireCsrf, async (req, res) => {
    const operator = await officer(req);
    if (!operator) return res.redirect(303, '/login');
    const breach = await deps.breaches.confirm(String(req.params.id), operatorActor(req, operator));
    res.redirect(303, `/ops/breaches/${breach.id}?done=confirmed`);
  });

  router.post('/ops/breaches/:id/notify', form, requireCsrf, async (req, res) => {
    const operator = await officer(req);
    if (!operator) return res.redirect(303, '/login');
    const { breach } = await deps.breaches.notify(String(req.params.id), operatorActor(req, operator));
    res.redirect(303, `/ops/breaches/${breach.id}?done=notified`);
  });

  return router;
}

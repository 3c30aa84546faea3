import express, { type Request, type Response, Router } from 'express';
import { isAppError } from '../../domain/errors';
import { SUPPORT_REASON, type SupportQuery, type SupportService } from '../../domain/identity/support.service';
import type { Repositories } from '../../domain/ports';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { render } from '../views';
import { currentOperator, operatorActor, requireOperator } from './operator';
import { field } from './form';

/**
 * The helpdesk's support pages (data-processing agreement annex 2 I): find one user, see what support
 * needs, act — each step only with a reason, each audited by the domain service. Everything is POST with
 * the session's CSRF token: the reason travels in the body (never in a URL or the request log), and a
 * view is an audited act, not something a link prefetch may trigger.
 */
export function opsSupportRoutes(deps: { repos: Pick<Repositories, 'operators'>; support: SupportService }): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '8kb' });
  const helpdesk = requireOperator(deps.repos, 'helpdesk');

  const searchPage = (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) =>
    res
      .status(status)
      .type('html')
      .send(
        render('ops-support.njk', {
          title: 'Ondersteuning',
          csrf: csrfToken(req),
          reasonMin: SUPPORT_REASON.min,
          values: { by: 'username', username: '', brin: '', name: '', reason: '' },
          ...extra,
        }),
      );

  /** A refusal the operator can correct (reason too short, unknown school, too many matches) is shown beside the form. */
  const shownBeside = (e: unknown) => isAppError(e) && (e.kind === 'validation' || e.kind === 'not_found');

  router.get('/ops/support', helpdesk, (req, res) => searchPage(req, res, 200));

  router.post('/ops/support/find', form, requireCsrf, helpdesk, async (req, res) => {
    const values = {
      by: field(req, 'by') === 'name' ? 'name' : 'username',
      username: field(req, 'username').slice(0, 100),
      brin: field(req, 'brin').slice(0, 10),
      name: field(req, 'name').slice(0, 200),
      reason: field(req, 'reason').slice(0, 1000),
    };
    const query: SupportQuery = values.by === 'name' ? { brin: values.brin, name: values.name } : { username: values.username };
    try {
      const matches = await deps.support.find(query, values.reason, operatorActor(req, currentOperator(res)));
      await searchPage(req, res, 200, { values, matches, searched: true });
    } catch (e) {
      if (shownBeside(e)) return searchPage(req, res, isAppError(e) ? e.status : 400, { values, error: (e as Error).message });
      throw e;
    }
  });

  const personPage = async (req: Request, res: Response, notice: string | null) => {
    const view = await deps.support.show(String(req.params.id), field(req, 'reason'), operatorActor(req, currentOperator(res)));
    res.type('html').send(
      render('ops-support-person.njk', {
        title: 'Ondersteuning',
        csrf: csrfToken(req),
        reasonMin: SUPPORT_REASON.min,
        reason: field(req, 'reason'),
        v: view,
        notice,
        at: (d: Date) => d.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }),
      }),
    );
  };

  const withErrors = (work: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await work(req, res);
    } catch (e) {
      if (shownBeside(e))
        return searchPage(req, res, isAppError(e) ? e.status : 400, {
          error: (e as Error).message,
          values: { by: 'username', username: '', brin: '', name: '', reason: field(req, 'reason').slice(0, 1000) },
        });
      throw e;
    }
  };

  router.post(
    '/ops/support/people/:id',
    form,
    requireCsrf,
    helpdesk,
    withErrors((req, res) => personPage(req, res, null)),
  );

  const actions = {
    'end-sessions': async (req: Request, res: Response) => {
      const n = await deps.support.endSessions(String(req.params.id), field(req, 'reason'), operatorActor(req, currentOperator(res)));
      return `${n} sessie(s) beëindigd. / ${n} session(s) ended.`;
    },
    unlock: async (req: Request, res: Response) => {
      await deps.support.unlock(String(req.params.id), field(req, 'reason'), operatorActor(req, currentOperator(res)));
      return 'Inlogblokkade opgeheven. / Login throttle lifted.';
    },
    'reset-link': async (req: Request, res: Response) => {
      await deps.support.sendResetLink(String(req.params.id), field(req, 'reason'), operatorActor(req, currentOperator(res)));
      return 'Wachtwoordlink aangevraagd: die gaat naar het eigen werkadres (hooguit 3 per kwartier). / Password link requested: it goes to their own work address (at most 3 per quarter hour).';
    },
  };
  for (const [name, act] of Object.entries(actions))
    router.post(
      `/ops/support/people/:id/${name}`,
      form,
      requireCsrf,
      helpdesk,
      withErrors(async (req, res) => personPage(req, res, await act(req, res))),
    );

  return router;
}

import express, { type Request, type Response, Router } from 'express';
import { isAppError } from '../../domain/errors';
import type { PasswordResetService } from '../../domain/identity/password-reset.service';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { sendMessagePage } from '../pages';
import { render } from '../views';
import type { BackgroundWork } from '../background';
import { MESSAGES } from './messages';

/** Staff password reset by a one-time link. */
export function passwordResetRoutes(deps: { passwordReset: PasswordResetService; background: BackgroundWork }): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const resetPage = (req: Request, res: Response, status: number, extra: Record<string, unknown>) =>
    res
      .status(status)
      .type('html')
      .send(render('reset.njk', { title: 'Wachtwoord vergeten', csrf: csrfToken(req), ...extra }));
  const linkUnusable = (res: Response) =>
    sendMessagePage(res, 400, {
      heading_nl: 'Deze link werkt niet (meer)',
      heading_en: 'This link does not work (any more)',
      text_nl: 'De link is al gebruikt, verlopen of onjuist. Vraag een nieuwe aan via "Wachtwoord vergeten" op de inlogpagina.',
      text_en: 'The link was used already, has expired or is wrong. Ask for a new one via "Forgot password" on the login page.',
    });

  router.get('/login/reset', (req, res) => resetPage(req, res, 200, {}));

  router.post('/login/reset', form, requireCsrf, async (req, res) => {
    const account = typeof req.body.account === 'string' ? req.body.account.slice(0, 256) : '';
    const admission = await deps.passwordReset.admitRequest(req.ip);
    if (!admission.ok) {
      res.setHeader('Retry-After', String(admission.retryAfterSeconds));
      return resetPage(req, res, 429, { error: MESSAGES.throttled(admission.retryAfterSeconds) });
    }
    // The same answer at the same moment whoever asked: it goes out before anything depends on whether
    // the account exists.
    const actor = { type: 'anonymous' as const, id: 'reset-form', ip: req.ip ?? null };
    if (account.trim()) deps.background.run('password reset request', () => deps.passwordReset.request(account, actor));
    resetPage(req, res, 200, { done: true });
  });

  router.get('/login/reset/:token', async (req, res) => {
    const token = String(req.params.token);
    if (!/^[A-Za-z0-9_-]{43}$/.test(token) || !(await deps.passwordReset.isValid(token))) return linkUnusable(res);
    res.setHeader('Referrer-Policy', 'no-referrer');
    resetPage(req, res, 200, { token });
  });

  router.post('/login/reset/:token', form, requireCsrf, async (req, res) => {
    const token = String(req.params.token);
    try {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return linkUnusable(res);
      await deps.passwordReset.complete(token, String(req.body.password ?? ''), {
        type: 'anonymous',
        id: 'reset-link',
        ip: req.ip ?? null,
      });
      req.session.notice = 'Je nieuwe wachtwoord is opgeslagen; log in. / Your new password is saved; please log in.';
      res.redirect(303, '/login');
    } catch (e) {
      if (isAppError(e) && e.kind === 'not_found') return linkUnusable(res);
      if (isAppError(e) && e.kind === 'validation') return resetPage(req, res, 400, { token, error: e.publicMessage });
      throw e;
    }
  });

  return router;
}

import express, { type Request, type Response, Router } from 'express';
import QRCode from 'qrcode';
import type { TwoFactorService } from '../../domain/identity/two-factor.service';
import type { Repositories } from '../../domain/ports';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import type { Actor } from '../../domain/model';
import { regenerate, saveSession, startLoggedInSession } from '../session';
import { render } from '../views';

const MAX_SECOND_FACTOR_FAILURES = 5;

/** The second login step (TOTP or a recovery code) and first-time enrolment; the password step is in login.routes. */
export function twoFactorRoutes(deps: { twoFactor: TwoFactorService; repos: Repositories; showLoginForm: (req: Request, res: Response, status?: number, error?: string) => void }): Router {
  const router = Router();
  const showForm = deps.showLoginForm;
  /** The second step; a new session id again once both factors passed (privilege change). */
  const completeLogin = async (req: Request, twoFactor: boolean) => {
    const p = req.session.pendingLogin!;
    if (p.operatorId) {
      // Operators: their own session, never a person's; always the operator console.
      await regenerate(req);
      req.session.operatorAuth = { credentialId: p.credentialId, operatorId: p.operatorId, authnInstant: new Date().toISOString() };
      await saveSession(req);
      return '/ops';
    }
    await startLoggedInSession(req, { credentialId: p.credentialId, personId: p.personId!, twoFactor, method: 'password' });
    return p.returnTo;
  };
  const actorFor = (req: Request): Actor => {
    const p = req.session.pendingLogin!;
    return p.operatorId ? { type: 'operator', id: p.operatorId, ip: req.ip ?? null } : { type: 'person', id: p.personId!, ip: req.ip ?? null };
  };
  const tooManyFailures = async (req: Request, res: Response) => {
    const p = req.session.pendingLogin!;
    p.failures++;
    if (p.failures < MAX_SECOND_FACTOR_FAILURES) return false;
    delete req.session.pendingLogin;
    await saveSession(req);
    showForm(req, res, 429, 'Te veel onjuiste codes: log opnieuw in. / Too many wrong codes: please log in again.');
    return true;
  };
  const twoFactorPage = (req: Request, res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).type('html').send(render('two-factor.njk', { title: 'Tweestapsverificatie', csrf: csrfToken(req), ...extra }));
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  router.get('/login/2fa', (req, res) => {
    if (!req.session.pendingLogin) return res.redirect(303, '/login');
    twoFactorPage(req, res, 200, { action: '/login/2fa' });
  });

  router.post('/login/2fa', form, requireCsrf, async (req, res, next) => {
    try {
      if (!req.session.pendingLogin) return res.redirect(303, '/login');
      const result = await deps.twoFactor.verify(req.session.pendingLogin.credentialId, String(req.body.code ?? ''), actorFor(req));
      if (!result.ok) {
        if (await tooManyFailures(req, res)) return;
        return twoFactorPage(req, res, 401, {
          action: '/login/2fa',
          error: result.reason === 'replayed' ? 'Deze code is al gebruikt; wacht op de volgende. / This code was already used; wait for the next one.' : 'Onjuiste code. / Wrong code.',
        });
      }
      res.redirect(303, await completeLogin(req, true));
    } catch (e) {
      next(e);
    }
  });

  router.get('/login/2fa/setup', async (req, res, next) => {
    try {
      const p = req.session.pendingLogin;
      if (!p) return res.redirect(303, '/login');
      const credential = p.personId ? await deps.repos.credentials.findByPersonId(p.personId) : null;
      const { secret, uri } = deps.twoFactor.newSecret(credential?.username ?? (p.operatorId ? 'operator' : 'leerpoort'));
      p.secret ??= secret;
      const shownUri = p.secret === secret ? uri : uri.replace(/secret=[A-Z2-7]+/, `secret=${p.secret}`);
      twoFactorPage(req, res, req.query.wrong ? 401 : 200, {
        action: '/login/2fa/setup',
        setup: true,
        secret: p.secret,
        qr: await QRCode.toDataURL(shownUri, { margin: 1, width: 200 }),
        error: req.query.wrong ? 'Onjuiste code; probeer het nog eens. / Wrong code; try again.' : undefined,
      });
    } catch (e) {
      next(e);
    }
  });

  router.post('/login/2fa/setup', form, requireCsrf, async (req, res, next) => {
    try {
      const p = req.session.pendingLogin;
      if (!p?.secret) return res.redirect(303, '/login');
      const codes = await deps.twoFactor.confirmEnrolment(p.credentialId, p.secret, String(req.body.code ?? ''), actorFor(req));
      if (!codes) {
        if (await tooManyFailures(req, res)) return;
        return res.redirect(303, '/login/2fa/setup?wrong=1');
      }
      const next_ = await completeLogin(req, true);
      res.status(200).type('html').send(render('recovery-codes.njk', { title: 'Herstelcodes', codes, next: next_ }));
    } catch (e) {
      next(e);
    }
  });


  return router;
}

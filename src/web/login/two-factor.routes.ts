import express, { type Request, type Response, Router } from 'express';
import QRCode from 'qrcode';
import type { LoginService } from '../../domain/identity/login.service';
import type { TwoFactorService } from '../../domain/identity/two-factor.service';
import type { Repositories } from '../../domain/ports';
import type { Actor } from '../../domain/model';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { regenerate, saveSession, startLoggedInSession, type PendingLogin } from '../session';
import { render } from '../views';
import { MESSAGES } from './messages';

/** The second step must follow the password within this time; after it, the password is asked again. */
export const PENDING_LOGIN_MINUTES = 10;

/**
 * The second login step (TOTP or a recovery code) and first-time enrolment; the password step is in
 * login.routes. A session here holds only `pendingLogin`: it is not logged in, reaches nothing but these
 * pages, and every step asks the database again — whether the account is still active, whether it has a
 * second factor (enrolment is offered only to an account without one, and the write itself re-checks).
 */
export function twoFactorRoutes(deps: {
  twoFactor: TwoFactorService;
  login: LoginService;
  repos: Pick<Repositories, 'credentials'>;
}): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  /** The pending login of this session, while fresh; otherwise it is dropped and the user starts again. */
  const pendingOf = async (req: Request): Promise<PendingLogin | null> => {
    const p = req.session.pendingLogin;
    if (!p) return null;
    if (Date.now() - Date.parse(p.startedAt) > PENDING_LOGIN_MINUTES * 60_000 || !(await deps.login.stillActive(p.credentialId))) {
      delete req.session.pendingLogin;
      req.session.notice = 'Log opnieuw in. / Please log in again.';
      return null;
    }
    return p;
  };
  const toLogin = (res: Response) => res.redirect(303, '/login');

  /** Logged in now, on a new session id (a privilege change); operators get their own kind of session. */
  const completeLogin = async (req: Request, p: PendingLogin): Promise<string> => {
    if (p.operatorId) {
      await regenerate(req);
      req.session.operatorAuth = { credentialId: p.credentialId, operatorId: p.operatorId, authnInstant: new Date().toISOString() };
      await saveSession(req);
      return '/ops';
    }
    // After a school-IdP login the first step was the IdP: its login (for Single Logout) stays with the session.
    const upstream = p.upstream ? req.session.upstream : undefined;
    await startLoggedInSession(
      req,
      { credentialId: p.credentialId, personId: p.personId!, twoFactor: true, method: upstream ? 'upstream' : 'password' },
      upstream,
    );
    return p.returnTo;
  };
  const actorFor = (req: Request, p: PendingLogin): Actor =>
    p.operatorId ? { type: 'operator', id: p.operatorId, ip: req.ip ?? null } : { type: 'person', id: p.personId!, ip: req.ip ?? null };

  const page = (req: Request, res: Response, status: number, extra: Record<string, unknown>) =>
    res
      .status(status)
      .type('html')
      .send(render('two-factor.njk', { title: 'Tweestapsverificatie', csrf: csrfToken(req), ...extra }));
  const throttledPage = (req: Request, res: Response, action: string, seconds: number, extra: Record<string, unknown> = {}) => {
    res.setHeader('Retry-After', String(seconds));
    page(req, res, 429, { action, error: MESSAGES.tooManyCodes(seconds), ...extra });
  };
  const setupPage = async (req: Request, res: Response, p: PendingLogin, status: number, error?: string) => {
    const credential = await deps.repos.credentials.findById(p.credentialId);
    p.secret ??= deps.twoFactor.newSecret('').secret;
    await saveSession(req);
    const uri = deps.twoFactor.uriFor(p.secret, credential?.username ?? 'leerpoort');
    page(req, res, status, {
      action: '/login/2fa/setup',
      setup: true,
      secret: p.secret,
      qr: await QRCode.toDataURL(uri, { margin: 1, width: 200 }),
      error,
    });
  };

  router.get('/login/2fa', async (req, res) => {
    const p = await pendingOf(req);
    if (!p) return toLogin(res);
    if (!(await deps.twoFactor.isEnrolled(p.credentialId))) return res.redirect(303, '/login/2fa/setup');
    page(req, res, 200, { action: '/login/2fa' });
  });

  router.post('/login/2fa', form, requireCsrf, async (req, res) => {
    const p = await pendingOf(req);
    if (!p) return toLogin(res);
    const result = await deps.twoFactor.verify(p.credentialId, String(req.body.code ?? ''), actorFor(req, p));
    if (!result.ok) {
      if (result.reason === 'throttled') return throttledPage(req, res, '/login/2fa', result.retryAfterSeconds);
      return page(req, res, 401, {
        action: '/login/2fa',
        error: result.reason === 'replayed' ? MESSAGES.codeReplayed : MESSAGES.wrongCode,
      });
    }
    res.redirect(303, await completeLogin(req, p));
  });

  // Enrolment: only while the account has no second factor. An account that has one never sees a new
  // secret here; replacing a factor is done logged in, at /account/two-factor.
  router.get('/login/2fa/setup', async (req, res) => {
    const p = await pendingOf(req);
    if (!p) return toLogin(res);
    if (await deps.twoFactor.isEnrolled(p.credentialId)) return res.redirect(303, '/login/2fa');
    await setupPage(req, res, p, 200);
  });

  router.post('/login/2fa/setup', form, requireCsrf, async (req, res) => {
    const p = await pendingOf(req);
    if (!p) return toLogin(res);
    if (!p.secret) return res.redirect(303, '/login/2fa/setup');
    const result = await deps.twoFactor.enrol(p.credentialId, p.secret, String(req.body.code ?? ''), actorFor(req, p));
    if (!result.ok) {
      if (result.reason === 'throttled') return throttledPage(req, res, '/login/2fa/setup', result.retryAfterSeconds);
      if (result.reason === 'already_enrolled') {
        delete p.secret;
        await saveSession(req);
        return page(req, res, 409, { action: '/login/2fa', error: MESSAGES.alreadyEnrolled });
      }
      return setupPage(req, res, p, 401, MESSAGES.wrongCodeTryAgain);
    }
    const next = await completeLogin(req, p);
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(200)
      .type('html')
      .send(render('recovery-codes.njk', { title: 'Herstelcodes', codes: result.codes, next }));
  });

  return router;
}

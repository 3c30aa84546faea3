import express, { type Request, type Response, Router } from 'express';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import QRCode from 'qrcode';
import { isAppError } from '../../domain/errors';
import type { LoginResult, LoginService } from '../../domain/identity/login.service';
import type { PasswordResetService } from '../../domain/identity/password-reset.service';
import { sendMessagePage } from '../pages';
import { twoFactorRequired, type TwoFactorService } from '../../domain/identity/two-factor.service';
import type { Repositories } from '../../domain/ports';
import type { Logger } from '../../logger';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { regenerate, saveSession } from '../session';
import type { KnownDevices } from './known-device';
import { render } from '../views';

/** Where a login may send the user back to: only our own resume and portal pages (no open redirect). */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(saml\/sso\/resume\/[A-Za-z0-9_-]{8,64}|portal)$/.test(value) ? value : '/portal';
}

const INVALID = 'Gebruikersnaam of wachtwoord onjuist. / Username or password incorrect.';

const MAX_SECOND_FACTOR_FAILURES = 5;

export function loginRoutes(deps: { login: LoginService; twoFactor: TwoFactorService; passwordReset: PasswordResetService; repos: Repositories; logger: Logger; knownDevices: KnownDevices }): Router {
  const router = Router();
  const authenticator = new passport.Passport();
  authenticator.use(
    new LocalStrategy({ usernameField: 'username', passwordField: 'password', passReqToCallback: true, session: false } as never, ((
      req: Request,
      username: string,
      password: string,
      done: (err: unknown, user?: LoginResult | false) => void,
    ) => {
      deps.login
        .authenticate(username, password, { type: 'anonymous', id: 'login-form', ip: req.ip ?? null, requestId: String(req.res?.locals.requestId ?? '') }, new Date(), deps.knownDevices.deviceFor(req, username))
        .then((r) => done(null, r), done);
    }) as never),
  );

  const showForm = (req: Request, res: Response, status = 200, error?: string) => {
    const notice = req.session.notice;
    if (notice) delete req.session.notice;
    res.status(status).type('html').send(render('login.njk', { title: 'Inloggen', csrf: csrfToken(req), returnTo: safeReturnTo(req.query.return ?? req.body?.return), username: typeof req.body?.username === 'string' ? req.body.username : '', error: error ?? notice }));
  };

  router.get('/login', (req, res) => showForm(req, res));

  router.post('/login', express.urlencoded({ extended: false, limit: '8kb' }), requireCsrf, (req, res, next) => {
    authenticator.authenticate('local', { session: false }, async (err: unknown, result: LoginResult | false) => {
      try {
        if (err) return next(err);
        if (!result || !result.ok) {
          if (result && result.reason === 'throttled') {
            res.setHeader('Retry-After', String(result.retryAfterSeconds));
            return showForm(req, res, 429, `Te veel mislukte pogingen. Probeer het over ${result.retryAfterSeconds} seconden opnieuw. / Too many failed attempts; try again in ${result.retryAfterSeconds} seconds.`);
          }
          return showForm(req, res, 401, INVALID);
        }
        if (!result.person) return showForm(req, res, 403, 'Dit account kan hier niet inloggen. / This account cannot log in here.');
        deps.knownDevices.remember(req, res, String(req.body.username ?? ''));
        // New session id at login (no fixation); pending SSO requests survive the switch.
        const pending = req.session.pendingSso;
        const returnTo = safeReturnTo(req.body.return);
        await regenerate(req);
        req.session.pendingSso = pending;
        const school = await deps.repos.schools.findById(result.person.schoolId);
        if (result.credential.totpEnabled || (school && twoFactorRequired(result.person, school))) {
          req.session.pendingLogin = { credentialId: result.credential.id, personId: result.person.id, returnTo, failures: 0 };
          await saveSession(req);
          return res.redirect(303, result.credential.totpEnabled ? '/login/2fa' : '/login/2fa/setup');
        }
        req.session.auth = { credentialId: result.credential.id, personId: result.person.id, authnInstant: new Date().toISOString() };
        await saveSession(req);
        res.redirect(303, returnTo);
      } catch (e) {
        next(e);
      }
    })(req, res, next);
  });

  /** The second step; a new session id again once both factors passed (privilege change). */
  const completeLogin = async (req: Request, twoFactor: boolean) => {
    const p = req.session.pendingLogin!;
    const pending = req.session.pendingSso;
    await regenerate(req);
    req.session.pendingSso = pending;
    req.session.auth = { credentialId: p.credentialId, personId: p.personId, authnInstant: new Date().toISOString(), twoFactor };
    await saveSession(req);
    return p.returnTo;
  };
  const actorFor = (req: Request) => ({ type: 'person' as const, id: req.session.pendingLogin!.personId, ip: req.ip ?? null });
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
      const credential = await deps.repos.credentials.findByPersonId(p.personId);
      const { secret, uri } = deps.twoFactor.newSecret(credential?.username ?? 'leerpoort');
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

  // Staff password reset by a one-time link.
  const resetPage = (req: Request, res: Response, status: number, extra: Record<string, unknown>) =>
    res.status(status).type('html').send(render('reset.njk', { title: 'Wachtwoord vergeten', csrf: csrfToken(req), ...extra }));
  const linkUnusable = (res: Response) =>
    sendMessagePage(res, 400, {
      heading_nl: 'Deze link werkt niet (meer)',
      heading_en: 'This link does not work (any more)',
      text_nl: 'De link is al gebruikt, verlopen of onjuist. Vraag een nieuwe aan via "Wachtwoord vergeten" op de inlogpagina.',
      text_en: 'The link was used already, has expired or is wrong. Ask for a new one via "Forgot password" on the login page.',
    });

  router.get('/login/reset', (req, res) => resetPage(req, res, 200, {}));

  router.post('/login/reset', form, requireCsrf, async (req, res, next) => {
    try {
      const account = typeof req.body.account === 'string' ? req.body.account.slice(0, 256) : '';
      if (account.trim()) await deps.passwordReset.request(account, { type: 'anonymous', id: 'reset-form', ip: req.ip ?? null });
      // The same answer whoever asked: no way to learn which accounts exist.
      resetPage(req, res, 200, { done: true });
    } catch (e) {
      next(e);
    }
  });

  router.get('/login/reset/:token', async (req, res, next) => {
    try {
      const token = String(req.params.token);
      if (!/^[A-Za-z0-9_-]{43}$/.test(token) || !(await deps.passwordReset.isValid(token))) return linkUnusable(res);
      res.setHeader('Referrer-Policy', 'no-referrer');
      resetPage(req, res, 200, { token });
    } catch (e) {
      next(e);
    }
  });

  router.post('/login/reset/:token', form, requireCsrf, async (req, res, next) => {
    const token = String(req.params.token);
    try {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return linkUnusable(res);
      await deps.passwordReset.complete(token, String(req.body.password ?? ''), { type: 'anonymous', id: 'reset-link', ip: req.ip ?? null });
      req.session.notice = 'Je nieuwe wachtwoord is opgeslagen; log in. / Your new password is saved; please log in.';
      res.redirect(303, '/login');
    } catch (e) {
      if (isAppError(e) && e.kind === 'not_found') return linkUnusable(res);
      if (isAppError(e) && e.kind === 'validation') return resetPage(req, res, 400, { token, error: e.publicMessage });
      next(e);
    }
  });

  return router;
}

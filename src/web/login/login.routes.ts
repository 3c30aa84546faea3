import express, { type NextFunction, type Request, type Response, Router } from 'express';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { LoginResult, LoginService } from '../../domain/identity/login.service';
import type { PasswordResetService } from '../../domain/identity/password-reset.service';
import { twoFactorRequired, type TwoFactorService } from '../../domain/identity/two-factor.service';
import { passwordResetRoutes } from './password-reset.routes';
import { twoFactorRoutes } from './two-factor.routes';
import type { Repositories } from '../../domain/ports';
import type { Logger } from '../../logger';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { regenerateKeepingPending, saveSession, startLoggedInSession } from '../session';
import { MESSAGES, sendOutsideNetworkPage, sendSchoolSuspendedPage } from './messages';
import type { KnownDevices } from './known-device';
import { render } from '../views';
import type { BackgroundWork } from '../background';
import type { SchoolAccountLogin } from './school-account';

/** Where a login may send the user back to: only our own resume and portal pages (no open redirect). */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' &&
    /^\/(saml\/sso\/resume\/[A-Za-z0-9_-]{8,64}|oidc\/interaction\/[A-Za-z0-9_-]{8,64}|portal)$/.test(value)
    ? value
    : '/portal';
}

const INVALID = 'Gebruikersnaam of wachtwoord onjuist. / Username or password incorrect.';

export function loginRoutes(deps: {
  login: LoginService;
  twoFactor: TwoFactorService;
  passwordReset: PasswordResetService;
  repos: Pick<Repositories, 'credentials' | 'schools'>;
  logger: Logger;
  knownDevices: KnownDevices;
  background: BackgroundWork;
  schoolAccount: SchoolAccountLogin;
}): Router {
  const router = Router();
  const authenticator = new passport.Passport();
  authenticator.use(
    new LocalStrategy(
      { usernameField: 'username', passwordField: 'password', passReqToCallback: true, session: false } as never,
      ((req: Request, username: string, password: string, done: (err: unknown, user?: LoginResult | false) => void) => {
        deps.login
          .authenticate(
            username,
            password,
            { type: 'anonymous', id: 'login-form', ip: req.ip ?? null, requestId: String(req.res?.locals.requestId ?? '') },
            new Date(),
            deps.knownDevices.deviceFor(req, username),
          )
          .then((r) => done(null, r), done);
      }) as never,
    ),
  );

  const showForm = async (req: Request, res: Response, status = 200, error?: string) => {
    const notice = req.session.notice;
    if (notice) delete req.session.notice;
    // The school this device logs in with (its own IdP), offered first with a way to choose another.
    const remembered = await deps.schoolAccount.remembered(req);
    res
      .status(status)
      .type('html')
      .send(
        render('login.njk', {
          title: 'Inloggen',
          csrf: csrfToken(req),
          returnTo: safeReturnTo(req.query.return ?? req.body?.return),
          username: typeof req.body?.username === 'string' ? req.body.username : '',
          schoolAccount: remembered ? { id: remembered.school.id, name: remembered.school.name } : null,
          error: error ?? notice,
        }),
      );
  };

  router.get('/login', (req, res, next) => {
    showForm(req, res).catch(next);
  });

  /**
   * A login name at a school's registered e-mail domain goes to that school's IdP; the hub password is
   * not asked (nor read). Decided on the domain alone, before any account lookup, so the answer is the
   * same whether or not a hub account of that name exists — and no hub username has an '@'. Any other
   * name without a password gets the same request for one, again without a lookup.
   */
  const schoolAccountByLoginName = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const account = await deps.schoolAccount.forLoginName(String(req.body.username ?? ''));
      if (account) {
        if (!(await deps.schoolAccount.start(req, res, account, safeReturnTo(req.body.return))))
          await showForm(req, res, 503, MESSAGES.schoolAccountUnavailable);
        return;
      }
      if (!req.body.password) return await showForm(req, res, 400, MESSAGES.passwordMissing);
      next();
    } catch (e) {
      next(e);
    }
  };

  router.post('/login', express.urlencoded({ extended: false, limit: '8kb' }), requireCsrf, schoolAccountByLoginName, (req, res, next) => {
    authenticator.authenticate('local', { session: false }, async (err: unknown, result: LoginResult | false) => {
      try {
        if (err) return next(err);
        // biome-ignore lint/complexity/useOptionalChain: `result` is `false | LoginResult`; optional chaining does not narrow `false`
        if (!result || !result.ok) {
          if (result && result.reason === 'throttled') {
            res.setHeader('Retry-After', String(result.retryAfterSeconds));
            return await showForm(req, res, 429, MESSAGES.throttled(result.retryAfterSeconds));
          }
          if (result && result.reason === 'outside_school_network') return sendOutsideNetworkPage(res);
          if (result && result.reason === 'school_suspended') return sendSchoolSuspendedPage(res);
          return await showForm(req, res, 401, INVALID);
        }
        deps.knownDevices.remember(req, res, String(req.body.username ?? ''));
        const returnTo = safeReturnTo(req.body.return);
        const operatorId = result.person ? null : result.credential.operatorId;
        if (!result.person && !operatorId)
          return await showForm(req, res, 403, 'Dit account kan hier niet inloggen. / This account cannot log in here.');
        const school = result.person ? await deps.repos.schools.findById(result.person.schoolId) : null;
        // Operators always need the second factor (security annex B); people when their role or school says so.
        if (operatorId || result.credential.totpEnabled || (result.person && school && twoFactorRequired(result.person, school))) {
          // New session id at login (no fixation); pending SSO requests survive the switch.
          await regenerateKeepingPending(req);
          req.session.pendingLogin = {
            credentialId: result.credential.id,
            personId: result.person?.id ?? null,
            operatorId,
            returnTo,
            startedAt: new Date().toISOString(),
          };
          await saveSession(req);
          return res.redirect(303, result.credential.totpEnabled ? '/login/2fa' : '/login/2fa/setup');
        }
        await startLoggedInSession(req, { credentialId: result.credential.id, personId: result.person!.id, method: 'password' });
        res.redirect(303, returnTo);
      } catch (e) {
        next(e);
      }
    })(req, res, next);
  });

  router.use(twoFactorRoutes({ twoFactor: deps.twoFactor, login: deps.login, repos: deps.repos }));
  router.use(passwordResetRoutes({ passwordReset: deps.passwordReset, background: deps.background }));

  return router;
}

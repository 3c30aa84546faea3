import express, { type Request, type Response, Router } from 'express';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { type GuardianService, guardianActor } from '../../domain/identity/guardian.service';
import { avatarById, parsePictureSequence } from '../../domain/identity/pictures';
import type { PupilLoginService } from '../../domain/identity/pupil-login.service';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { sendMessagePage } from '../pages';
import { regenerate, saveSession } from '../session';
import { render } from '../views';
import type { BackgroundWork } from '../background';
import type { KnownDevices } from './known-device';
import { MESSAGES } from './messages';
import { finishPupilLogin, pictureGridContext } from './picture.routes';
import { isUuid } from '../../domain/ids';

const INVALID = 'E-mailadres of wachtwoord onjuist. / E-mail address or password incorrect.';
const LINK_SENT =
  'Als dit e-mailadres bij een leerling hoort, ontvangt u binnen enkele minuten een e-mail met een link. / If this address belongs to a pupil, you will receive an e-mail with a link within minutes.';

/**
 * Parents at home: e-mail address + own password → choose the child → the child's picture password.
 * Only children whose school turned home access on can be chosen.
 */
export function guardianRoutes(deps: {
  guardians: GuardianService;
  pupilLogin: PupilLoginService;
  knownDevices: KnownDevices;
  background: BackgroundWork;
}): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const loginForm = (req: Request, res: Response, status = 200, error?: string, notice?: string) =>
    res
      .status(status)
      .type('html')
      .send(
        render('parents-login.njk', {
          title: 'Inloggen voor ouders',
          csrf: csrfToken(req),
          email: typeof req.body?.email === 'string' ? req.body.email : '',
          error,
          notice,
        }),
      );
  const actor = (req: Request, res: Response) => ({
    type: 'anonymous' as const,
    id: 'guardian-login',
    ip: req.ip ?? null,
    requestId: String(res.locals.requestId ?? ''),
  });
  const account = (email: string) => `guardian:${email.trim().toLowerCase()}`;

  router.get('/login/parents', (req, res) => loginForm(req, res));

  router.post('/login/parents', form, requireCsrf, async (req, res) => {
    const email = String(req.body.email ?? '').slice(0, 254);
    const result = await deps.guardians.authenticate(
      email,
      String(req.body.password ?? ''),
      actor(req, res),
      deps.knownDevices.deviceFor(req, account(email)),
    );
    if (!result.ok) {
      if (result.reason === 'throttled') {
        res.setHeader('Retry-After', String(result.retryAfterSeconds));
        return loginForm(req, res, 429, MESSAGES.throttled(result.retryAfterSeconds));
      }
      return loginForm(req, res, 401, INVALID);
    }
    deps.knownDevices.remember(req, res, account(email));
    await regenerate(req);
    req.session.guardian = { emailKey: result.emailKey, since: new Date().toISOString() };
    await saveSession(req);
    res.redirect(303, '/login/parents/children');
  });

  const requireGuardian = (req: Request, res: Response): string | null => {
    const g = req.session.guardian;
    // The parent step is short-lived: 30 minutes to choose the child and enter the pictures.
    if (!g || Date.now() - Date.parse(g.since) > 30 * 60_000) {
      delete req.session.guardian;
      res.redirect(303, '/login/parents');
      return null;
    }
    return g.emailKey;
  };

  router.get('/login/parents/children', async (req, res) => {
    const emailKey = requireGuardian(req, res);
    if (!emailKey) return;
    const children = (await deps.guardians.children(emailKey)).map((c) => ({
      id: c.person.id,
      firstName: c.person.firstName,
      school: c.school.name,
      available: c.available,
      homeAccess: c.school.homeAccessEnabled,
    }));
    res.type('html').send(render('parents-children.njk', { title: 'Kies uw kind', children }));
  });

  const childPage = async (req: Request, res: Response, emailKey: string, status: number, error?: string) => {
    const personId = String(req.params.personId ?? '');
    const child = isUuid(personId) ? (await deps.guardians.children(emailKey)).find((c) => c.person.id === personId) : undefined;
    if (!child) throw new NotFoundError('Dit kind hoort niet bij dit e-mailadres. / This child is not linked to this e-mail address.');
    if (!child.available) {
      return sendMessagePage(res, 403, {
        heading_nl: 'Thuistoegang staat uit',
        heading_en: 'Home access is off',
        text_nl: `De school van ${child.person.firstName} heeft thuistoegang niet aangezet, of ${child.person.firstName} heeft nog geen plaatjeswachtwoord. Vraag het de school.`,
        text_en: `${child.person.firstName}'s school has not turned on home access, or ${child.person.firstName} has no picture password yet. Please ask the school.`,
        link: { href: '/login/parents/children', label: 'Terug / Back' },
      });
    }
    const login = await deps.pupilLogin.pictureAccountFor(personId);
    res
      .status(status)
      .type('html')
      .send(
        render('pictures-password.njk', {
          title: 'Plaatjes van uw kind',
          firstName: child.person.firstName,
          avatar: avatarById(login?.avatar ?? ''),
          csrf: csrfToken(req),
          action: `/login/parents/children/${personId}`,
          back: '/login/parents/children',
          error,
          ...pictureGridContext(),
        }),
      );
  };

  router.get('/login/parents/children/:personId', async (req, res) => {
    const emailKey = requireGuardian(req, res);
    if (emailKey) await childPage(req, res, emailKey, 200);
  });

  router.post('/login/parents/children/:personId', form, requireCsrf, async (req, res) => {
    const emailKey = requireGuardian(req, res);
    if (!emailKey) return;
    const personId = String(req.params.personId);
    if (!isUuid(personId) || !(await deps.guardians.isChild(emailKey, personId)))
      throw new NotFoundError('Dit kind hoort niet bij dit e-mailadres. / This child is not linked to this e-mail address.');
    let sequence: string[];
    try {
      sequence = parsePictureSequence(String(req.body.sequence ?? ''));
    } catch (e) {
      if (e instanceof ValidationError) return childPage(req, res, emailKey, 400, e.message);
      throw e;
    }
    const result = await deps.pupilLogin.pictureLogin(personId, sequence, {
      actor: guardianActor(emailKey, req.ip),
      knownDevice: deps.knownDevices.deviceFor(req, `pupil:${personId}`),
      viaGuardian: true,
    });
    if (result.ok) {
      // The child's session, marked as opened by this parent: removing the address ends it (see guardian-link middleware).
      await startGuardianChildSession(req, result.credentialId, personId, emailKey);
      return res.redirect(303, '/portal');
    }
    await finishPupilLogin(req, res, result, 'picture', () => childPage(req, res, emailKey, 401, MESSAGES.wrongPictures));
  });

  // Setting (or resetting) the parent password by a one-time link mailed to the pupil's home address.
  router.get('/login/parents/password', (req, res) =>
    res.type('html').send(render('parents-password-request.njk', { title: 'Wachtwoord voor ouders', csrf: csrfToken(req) })),
  );

  router.post('/login/parents/password', form, requireCsrf, async (req, res) => {
    const admission = await deps.guardians.admitLinkRequest(req.ip);
    if (!admission.ok) {
      res.setHeader('Retry-After', String(admission.retryAfterSeconds));
      return res
        .status(429)
        .type('html')
        .send(
          render('parents-password-request.njk', {
            title: 'Wachtwoord voor ouders',
            csrf: csrfToken(req),
            error: MESSAGES.throttled(admission.retryAfterSeconds),
          }),
        );
    }
    // Answered before the address is looked up: the same page at the same moment for every address.
    const email = String(req.body.email ?? '').slice(0, 254);
    const who = actor(req, res);
    deps.background.run('parent password link', () => deps.guardians.requestPasswordLink(email, who));
    loginForm(req, res, 200, undefined, LINK_SENT);
  });

  const invalidLink = (res: Response) =>
    sendMessagePage(res, 410, {
      heading_nl: 'Deze link werkt niet meer',
      heading_en: 'This link no longer works',
      text_nl: 'De link is al gebruikt, verlopen of onjuist. Vraag een nieuwe link aan.',
      text_en: 'The link was used already, has expired or is not valid. Ask for a new link.',
      link: { href: '/login/parents/password', label: 'Nieuwe link / New link' },
    });

  router.get('/login/parents/password/:token', async (req, res) => {
    if (!(await deps.guardians.isValidLink(String(req.params.token)))) return invalidLink(res);
    res
      .type('html')
      .send(render('parents-password-set.njk', { title: 'Wachtwoord instellen', csrf: csrfToken(req), token: req.params.token }));
  });

  router.post('/login/parents/password/:token', form, requireCsrf, async (req, res) => {
    const token = String(req.params.token);
    try {
      const password = String(req.body.password ?? '');
      if (password !== String(req.body.confirm ?? ''))
        return res
          .status(400)
          .type('html')
          .send(
            render('parents-password-set.njk', {
              title: 'Wachtwoord instellen',
              csrf: csrfToken(req),
              token,
              error: 'De twee wachtwoorden zijn niet gelijk. / The two passwords differ.',
            }),
          );
      await deps.guardians.setPassword(token, password, actor(req, res));
      loginForm(req, res, 200, undefined, 'Uw wachtwoord is ingesteld; log nu in. / Your password is set; please log in.');
    } catch (e) {
      if (e instanceof NotFoundError) return invalidLink(res);
      if (e instanceof ValidationError)
        return res
          .status(400)
          .type('html')
          .send(render('parents-password-set.njk', { title: 'Wachtwoord instellen', csrf: csrfToken(req), token, error: e.message }));
      throw e;
    }
  });

  return router;
}

async function startGuardianChildSession(req: Request, credentialId: string, personId: string, guardianKey: string): Promise<void> {
  await regenerate(req);
  req.session.auth = { credentialId, personId, authnInstant: new Date().toISOString(), method: 'guardian', guardianKey };
  await saveSession(req);
}

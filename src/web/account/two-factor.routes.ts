import express, { type Request, type Response, Router } from 'express';
import QRCode from 'qrcode';
import type { TwoFactorService } from '../../domain/identity/two-factor.service';
import type { Actor } from '../../domain/model';
import type { Repositories } from '../../domain/ports';
import { MESSAGES } from '../login/messages';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { saveSession, startLoggedInSession } from '../session';
import { render } from '../views';

const CHANGED_MEANWHILE =
  'Je tweestapsverificatie is intussen gewijzigd; laad de pagina opnieuw. / Your two-step verification changed meanwhile; reload the page.';
const REFUSAL_TEXT: Record<string, string> = {
  replayed: MESSAGES.codeReplayed,
  new_code_invalid: 'De code van de nieuwe app klopt niet. / The code from the new app is wrong.',
  already_enrolled: CHANGED_MEANWHILE,
  not_enrolled: CHANGED_MEANWHILE,
};

interface Owner {
  readonly credentialId: string;
  readonly actor: Actor;
  /** This session passed the second factor (operators always have). */
  readonly twoFactor: boolean;
  readonly back: string;
}

/**
 * The owner's own second factor: turn it on (staff whose school does not require it), replace it (a new
 * phone — the current factor is proven again in the same form) or make new recovery codes. Pupils have
 * none. An account that has a factor is managed only from a session that passed it.
 */
export function accountTwoFactorRoutes(deps: { twoFactor: TwoFactorService; repos: Pick<Repositories, 'credentials' | 'people'> }): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  const ownerOf = async (req: Request, res: Response): Promise<Owner | null> => {
    const op = req.session.operatorAuth;
    if (op)
      return {
        credentialId: op.credentialId,
        actor: { type: 'operator', id: op.operatorId, ip: req.ip ?? null },
        twoFactor: true,
        back: '/ops',
      };
    const auth = req.session.auth;
    const person = auth ? await deps.repos.people.findById(auth.personId) : null;
    if (!auth || !person || person.status !== 'active') {
      res.redirect(303, '/login?return=%2Fportal');
      return null;
    }
    if (person.role === 'pupil' || auth.method === 'guardian') {
      res.redirect(303, '/portal');
      return null;
    }
    return {
      credentialId: auth.credentialId,
      actor: { type: 'person', id: person.id, ip: req.ip ?? null },
      twoFactor: auth.twoFactor === true,
      back: '/portal',
    };
  };

  const show = async (req: Request, res: Response, owner: Owner, status = 200, error?: string) => {
    const enrolled = await deps.twoFactor.isEnrolled(owner.credentialId);
    if (enrolled && !owner.twoFactor) {
      return res
        .status(403)
        .type('html')
        .send(
          render('message.njk', {
            title: 'Tweestapsverificatie',
            heading_nl: 'Log opnieuw in met tweestapsverificatie',
            heading_en: 'Log in again with two-step verification',
            text_nl: 'Deze sessie is begonnen zonder je tweede stap. Log uit en weer in.',
            text_en: 'This session started without your second step. Log out and in again.',
          }),
        );
    }
    req.session.newTotpSecret ??= deps.twoFactor.newSecret('').secret;
    await saveSession(req);
    const credential = await deps.repos.credentials.findById(owner.credentialId);
    const uri = deps.twoFactor.uriFor(req.session.newTotpSecret, credential?.username ?? 'leerpoort');
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(status)
      .type('html')
      .send(
        render('account-two-factor.njk', {
          title: 'Tweestapsverificatie',
          csrf: csrfToken(req),
          enrolled,
          codesLeft: enrolled ? await deps.twoFactor.recoveryCodesLeft(owner.credentialId) : 0,
          secret: req.session.newTotpSecret,
          qr: await QRCode.toDataURL(uri, { margin: 1, width: 200 }),
          error,
          back: owner.back,
        }),
      );
  };
  const showCodes = (res: Response, codes: string[], next: string) => {
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(200)
      .type('html')
      .send(render('recovery-codes.njk', { title: 'Herstelcodes', codes, next }));
  };
  /** The owner's form again, saying why the change was refused. */
  const refuse = (req: Request, res: Response, owner: Owner, result: { reason: string; retryAfterSeconds?: number }) => {
    if (result.reason === 'throttled') {
      res.setHeader('Retry-After', String(result.retryAfterSeconds));
      return show(req, res, owner, 429, MESSAGES.tooManyCodes(result.retryAfterSeconds ?? 30));
    }
    const changedMeanwhile = result.reason === 'already_enrolled' || result.reason === 'not_enrolled';
    return show(req, res, owner, changedMeanwhile ? 409 : 401, REFUSAL_TEXT[result.reason] ?? MESSAGES.wrongCode);
  };

  router.get('/account/two-factor', async (req, res) => {
    const owner = await ownerOf(req, res);
    if (owner) await show(req, res, owner);
  });

  router.post('/account/two-factor/enrol', form, requireCsrf, async (req, res) => {
    const owner = await ownerOf(req, res);
    if (!owner) return;
    const secret = req.session.newTotpSecret;
    if (!secret) return res.redirect(303, '/account/two-factor');
    const result = await deps.twoFactor.enrol(owner.credentialId, secret, String(req.body.code ?? ''), owner.actor);
    if (!result.ok) return refuse(req, res, owner, result);
    delete req.session.newTotpSecret;
    // The session now has both factors: a privilege change, so a new session id.
    const auth = req.session.auth;
    if (auth)
      await startLoggedInSession(
        req,
        { credentialId: auth.credentialId, personId: auth.personId, method: auth.method, twoFactor: true },
        // Still the same school-IdP login (if it was one): logout must still reach the school's IdP.
        req.session.upstream,
      );
    else await saveSession(req);
    showCodes(res, result.codes, owner.back);
  });

  for (const action of ['replace', 'recovery-codes'] as const) {
    router.post(`/account/two-factor/${action}`, form, requireCsrf, async (req, res) => {
      const owner = await ownerOf(req, res);
      if (!owner) return;
      if (!owner.twoFactor) return show(req, res, owner, 403);
      const current = String(req.body.current ?? '');
      const secret = req.session.newTotpSecret;
      if (action === 'replace' && !secret) return res.redirect(303, '/account/two-factor');
      const result =
        action === 'replace'
          ? await deps.twoFactor.replace(owner.credentialId, current, secret!, String(req.body.code ?? ''), owner.actor)
          : await deps.twoFactor.renewRecoveryCodes(owner.credentialId, current, owner.actor);
      if (!result.ok) return refuse(req, res, owner, result);
      if (action === 'replace') delete req.session.newTotpSecret;
      await saveSession(req);
      showCodes(res, result.codes, owner.back);
    });
  }

  return router;
}

import { type Request, type Response, Router } from 'express';
import { SUSPENDED_NOTICE } from '../../domain/misuse/suspension';
import type { Repositories } from '../../domain/ports';
import type { OidcInteraction, OidcPages, OidcProvider } from '../../oidc/provider';
import { oidcGate } from '../../oidc/release';
import { sendMessagePage } from '../pages';
import { endLogin, saveSession } from '../session';
import { render } from '../views';

/** The hub page's path for an authorization waiting for the login (also a valid login `return`). */
export const interactionPath = (uid: string) => `/oidc/interaction/${uid}`;

/** An interaction the provider no longer knows (expired, or its cookie is gone). */
function expiredPage(res: Response): void {
  sendMessagePage(res, 400, {
    heading_nl: 'Deze inlogpoging is verlopen',
    heading_en: 'This login attempt has expired',
    text_nl: 'Start opnieuw vanuit het lesmateriaal of je Leerpoort-portaal.',
    text_en: 'Please start again from the learning material or your Leerpoort portal.',
    errorId: String(res.locals.requestId ?? ''),
  });
}

/** The provider's pages in the hub's look (Dutch first, English too). */
export const OIDC_PAGES: OidcPages = {
  // A request that cannot be answered at the client's redirect URI (an unknown client, a redirect URI that
  // is not registered exactly, a broken request): the user is told, the client is not.
  error(out) {
    // Only the error code, never the description: that can echo the request path, and a crafted link would
    // put someone's words on a Leerpoort page.
    const why = /^[a-z_]{1,64}$/.test(out.error) ? out.error : 'invalid_request';
    return render('message.njk', {
      title: 'Inloggen via deze link lukt niet',
      heading_nl: 'Inloggen via deze link lukt niet',
      heading_en: 'This login link does not work',
      text_nl: `De aanvraag van de lesmateriaal-aanbieder is geweigerd (${why}). Probeer het opnieuw vanuit het lesmateriaal of via je Leerpoort-portaal.`,
      text_en: `The learning material provider's request was refused (${why}). Start again from the learning material or from your Leerpoort portal.`,
    });
  },
  logout: (form, req) => {
    // The hub session ends at the confirmation only when this page was shown to this browser (its xsrf
    // token kept in the hub session): a forged cross-site POST, or the provider's own auto-posting form,
    // ends the provider's session at most, never the hub login.
    const session = (req as Request).session;
    if (session) session.oidcLogoutXsrf = form.xsrf;
    return render('oidc-logout.njk', { title: 'Uitloggen', ...form });
  },
  loggedOut: () =>
    render('message.njk', {
      title: 'Je bent uitgelogd',
      heading_nl: 'Je bent uitgelogd',
      heading_en: 'You are logged out',
      text_nl:
        'Je bent uitgelogd bij Leerpoort en bij dit lesmateriaal. Ander lesmateriaal dat je in deze browser opende, kan nog open staan: sluit de browser als je klaar bent.',
      text_en:
        'You are logged out of Leerpoort and this learning material. Other learning materials you opened in this browser may still be open: close the browser when you are done.',
    }),
};

/**
 * Is the hub login recent enough for this request? prompt=login wants a login newer than the request (as
 * SAML's ForceAuthn), max_age one within that many seconds.
 */
function freshEnough(i: OidcInteraction, authnInstant: Date, now: Date): boolean {
  if ((i.params.prompt ?? '').split(' ').includes('login') && authnInstant.getTime() < i.iat * 1000) return false;
  const maxAge = i.params.max_age === undefined ? null : Number(i.params.max_age);
  return maxAge === null || !Number.isFinite(maxAge) || now.getTime() - authnInstant.getTime() <= maxAge * 1000;
}

/**
 * OpenID Connect under /oidc: the provider itself (discovery, JWKS, authorization, token, userinfo,
 * revocation, logout) and the hand-off to the hub's login. Every authorization comes to
 * /oidc/interaction/:uid (see the policy in oidc/provider.ts): without a hub login (fresh enough) the
 * user goes to the hub's login page — password, pictures, card, 2FA, the school's own IdP — and comes
 * back here; then the licence gate decides. Allowed: a grant for the requested scopes (consent is the
 * school's activation: no consent screen) and the provider resumes and issues the code. Refused: the
 * client gets `error=access_denied` at its redirect URI, and nothing is released.
 */
export function oidcRoutes(deps: { provider: OidcProvider; repos: Repositories }): Router {
  const { provider, repos } = deps;
  const router = Router();

  router.get('/oidc/interaction/:uid', async (req: Request, res: Response) => {
    let interaction: OidcInteraction;
    try {
      interaction = await provider.interactionDetails(req, res);
    } catch (e) {
      if ((e as Error).name === 'SessionNotFound') return expiredPage(res);
      throw e;
    }
    if (interaction.uid !== req.params.uid) return expiredPage(res);
    const auth = req.session.auth;
    if (!auth || !freshEnough(interaction, new Date(auth.authnInstant), new Date())) {
      // The picture and card logins do not carry a return address: the session remembers this one.
      req.session.pendingOidc = interaction.uid;
      await saveSession(req);
      return res.redirect(303, `/login?return=${encodeURIComponent(interactionPath(interaction.uid))}`);
    }
    // Back from the hub's login form: the way to the client leaves the form's navigation first. A browser
    // holds every redirect after a form submission to the login page's form-action ('self'), so the
    // answer is a page that moves on by meta refresh (as the school-login hand-off does).
    const afterLoginForm = req.session.pendingOidc === interaction.uid;
    if (req.session.pendingOidc) {
      delete req.session.pendingOidc;
      await saveSession(req);
    }
    const finish = async (result: Record<string, unknown>) => {
      if (!afterLoginForm) return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
      const url = await provider.interactionResult(req, res, result, { mergeWithLastSubmission: false });
      res
        .status(200)
        .type('html')
        .send(render('oidc-continue.njk', { title: 'Terug naar je lesmateriaal', url }));
    };
    const record = await repos.oidcClients.findByClientId(String(interaction.params.client_id ?? ''));
    const gate = record
      ? await oidcGate(repos, auth.personId, record, new Date(), { ip: req.ip ?? null, requestId: String(res.locals.requestId ?? '') })
      : ({ allowed: false, reason: 'unknown_user', schoolId: null } as const);
    if (!gate.allowed) {
      // A suspended school's login ends here too (art. 12), as at SAML SSO.
      if (gate.reason === 'school_suspended') {
        endLogin(req, `${SUSPENDED_NOTICE.nl} / ${SUSPENDED_NOTICE.en}`);
        await saveSession(req);
      }
      return finish({ error: 'access_denied', error_description: gate.reason });
    }
    const grant = new provider.Grant({ accountId: auth.personId, clientId: record!.clientId });
    grant.addOIDCScope(interaction.params.scope ?? 'openid');
    const grantId = await grant.save();
    await finish({
      login: { accountId: auth.personId, ts: Math.floor(new Date(auth.authnInstant).getTime() / 1000), remember: false },
      consent: { grantId },
    });
  });

  // RP-initiated logout the user confirmed ends the hub session too, as an SP's SAML LogoutRequest does
  // (the provider itself ends its session and tells the clients that registered a back-channel URI).
  provider.use(async (kctx, next) => {
    const offered = (kctx.req as Request).session?.oidcLogoutXsrf;
    await next();
    if (kctx.oidc?.route !== 'end_session_confirm' || !kctx.oidc.body?.logout) return;
    const req = kctx.req as Request;
    const auth = req.session?.auth;
    // Only a confirmation the provider accepted (it redirects) of the page this browser was shown.
    if (!auth || kctx.status !== 303 || !offered || kctx.oidc.body.xsrf !== offered) return;
    await repos.audit.record({
      actor: { type: 'person', id: auth.personId, ip: req.ip ?? null },
      action: 'logout',
      outcome: 'success',
      details: { source: 'oidc' },
    });
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
  });

  // oidc-provider (a Koa app) under /oidc; issuer = BASE_URL + '/oidc'.
  router.use('/oidc', provider.callback());
  return router;
}

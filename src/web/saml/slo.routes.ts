import express, { type Request, type Response, Router } from 'express';
import { SamlRequestError } from '../../domain/errors';
import { decodePost, decodeRedirect, type InboundMessage } from '../../saml/bindings/inbound';
import type { IdpContext } from '../../saml/idp-context';
import { checkLogoutRequest, checkLogoutResponse, logoutRequestTo, logoutResponseTo } from '../../saml/slo';
import { STATUS } from '../../saml/xml/namespaces';
import { requireCsrf } from '../middleware/csrf';
import { deliver, sendMessagePage } from '../pages';
import { saveSession } from '../session';
import type { EndOidcForAccount } from '../../domain/federation/oidc-payloads';

const UNKNOWN_PRINCIPAL = 'urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal';

/**
 * Single Logout. An SP's LogoutRequest (Redirect or POST) that names this session's NameID and
 * SessionIndex for that SP ends the hub session at once and is propagated (front channel, one SP after
 * the other) to the session's other SPs; then the initiator gets a signed LogoutResponse. POST /logout
 * starts the same from the hub. A request naming anyone else logs out nobody. The checks and messages
 * are saml/slo.ts; the logout's progress lives in the session.
 *
 * Both logouts end the person's OpenID Connect side as well (provider sessions, grants, tokens; clients
 * with a back-channel URI told). The person's, not only this browser's: the provider's records carry the
 * account but neither the hub session nor the browser (the provider's own session is keyed by its own
 * signed cookie), so nothing ties a grant or refresh token to the browser that logs out.
 */
export function sloRoutes(ctx: IdpContext, more: { endOidcForAccount: EndOidcForAccount }): Router {
  const router = Router();

  const loggedOutPage = (res: Response, partial: boolean) =>
    sendMessagePage(res, 200, {
      heading_nl: 'Je bent uitgelogd',
      heading_en: 'You are logged out',
      text_nl: partial
        ? 'Je bent uitgelogd bij Leerpoort. Niet elk lesmateriaal bevestigde het uitloggen: sluit je browser om zeker te zijn.'
        : 'Je bent uitgelogd bij Leerpoort en bij je lesmateriaal.',
      text_en: partial
        ? 'You are logged out of Leerpoort. Not every learning application confirmed the logout: close your browser to be sure.'
        : 'You are logged out of Leerpoort and your learning materials.',
    });

  const refusePage = async (req: Request, res: Response, e: SamlRequestError) => {
    await ctx.repos.audit.record({
      actor: { type: 'sp', id: 'unknown', ip: req.ip ?? null, requestId: String(res.locals.requestId ?? '') },
      action: 'saml.logout.refused',
      outcome: 'failure',
      details: { reason: e.publicMessage },
    });
    sendMessagePage(res, 400, {
      heading_nl: 'Uitloggen via deze link lukt niet',
      heading_en: 'This logout link does not work',
      text_nl: `Het bericht is geweigerd: ${e.publicMessage}.`,
      text_en: `The message was refused: ${e.publicMessage}.`,
      errorId: String(res.locals.requestId ?? ''),
    });
  };

  /** Sends the next propagated LogoutRequest, or finishes with the initiator's LogoutResponse. */
  const continueLogout = async (req: Request, res: Response): Promise<void> => {
    const progress = req.session.logout;
    if (!progress) return loggedOutPage(res, false);
    for (let entry = progress.remaining.shift(); entry; entry = progress.remaining.shift()) {
      const sp = await ctx.repos.serviceProviders.findByEntityId(entry.spEntityId);
      const next = sp ? logoutRequestTo(ctx, sp, entry) : null;
      if (!sp || !next) continue;
      progress.pendingRequestId = next.id;
      progress.pendingSp = sp.entityId;
      await saveSession(req);
      return deliver(res, next.delivery);
    }
    const { initiator, partial = false } = progress;
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    const sp = initiator ? await ctx.repos.serviceProviders.findByEntityId(initiator.spEntityId) : null;
    const answer =
      sp && initiator
        ? logoutResponseTo(ctx, sp, initiator.requestId, STATUS.success, partial ? STATUS.partialLogout : undefined, initiator.relayState)
        : null;
    return answer ? deliver(res, answer) : loggedOutPage(res, partial);
  };

  const handleRequest = async (req: Request, res: Response, message: InboundMessage) => {
    const { sp, request } = await checkLogoutRequest(ctx, message, new Date());
    const sessions = req.session.samlSessions ?? [];
    const mine = sessions.find(
      (s) =>
        s.spEntityId === sp.entityId &&
        s.nameId === request.nameId &&
        (request.sessionIndexes.length === 0 || request.sessionIndexes.includes(s.sessionIndex)),
    );
    const auth = req.session.auth;
    if (!mine || !auth) {
      await ctx.repos.audit.record({
        actor: { type: 'sp', id: sp.entityId, ip: req.ip ?? null },
        action: 'saml.logout',
        outcome: 'failure',
        targetType: 'service_provider',
        targetId: sp.id,
        details: { reason: 'no matching session' },
      });
      const answer = logoutResponseTo(ctx, sp, request.id, STATUS.requester, UNKNOWN_PRINCIPAL, message.relayState);
      return answer ? deliver(res, answer) : loggedOutPage(res, true);
    }
    const oidc = await more.endOidcForAccount(auth.personId);
    await ctx.repos.audit.record({
      actor: { type: 'person', id: auth.personId, ip: req.ip ?? null },
      action: 'saml.logout',
      outcome: 'success',
      targetType: 'service_provider',
      targetId: sp.id,
      details: { initiator: sp.entityId, oidcRecords: oidc.records, oidcBackchannel: oidc.notified },
    });
    // The hub session ends now; what is left is only the list of SPs still to be told.
    req.session.logout = {
      initiator: {
        spEntityId: sp.entityId,
        requestId: request.id,
        ...(message.relayState !== undefined ? { relayState: message.relayState } : {}),
        binding: message.binding,
      },
      remaining: sessions.filter((s) => s !== mine),
    };
    delete req.session.auth;
    delete req.session.samlSessions;
    delete req.session.pendingSso;
    await continueLogout(req, res);
  };

  const handleResponse = async (req: Request, res: Response, message: InboundMessage) => {
    const progress = req.session.logout;
    const { response } = await checkLogoutResponse(ctx, message, new Date());
    if (!progress || response.issuer !== progress.pendingSp || response.inResponseTo !== progress.pendingRequestId) {
      throw new SamlRequestError('LogoutResponse does not answer a logout this session started');
    }
    if (response.status !== STATUS.success) progress.partial = true;
    delete progress.pendingRequestId;
    delete progress.pendingSp;
    await continueLogout(req, res);
  };

  const handle = (binding: 'redirect' | 'post') => async (req: Request, res: Response) => {
    try {
      const kinds = ['SAMLRequest', 'SAMLResponse'] as const;
      const message =
        binding === 'redirect' ? await decodeRedirect(req.originalUrl.split('?')[1] ?? '', kinds) : decodePost(req.body, kinds);
      if (message.kind === 'SAMLRequest') await handleRequest(req, res, message);
      else await handleResponse(req, res, message);
    } catch (e) {
      if (e instanceof SamlRequestError) return refusePage(req, res, e);
      throw e;
    }
  };

  router.get('/saml/slo', handle('redirect'));
  router.post('/saml/slo', express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 10 }), handle('post'));

  /** IdP-initiated logout from the hub's own pages. */
  router.post('/logout', express.urlencoded({ extended: false, limit: '4kb' }), requireCsrf, async (req, res) => {
    const auth = req.session.auth;
    if (auth) {
      const oidc = await more.endOidcForAccount(auth.personId);
      await ctx.repos.audit.record({
        actor: { type: 'person', id: auth.personId, ip: req.ip ?? null },
        action: 'logout',
        outcome: 'success',
        details: { oidcRecords: oidc.records, oidcBackchannel: oidc.notified },
      });
    }
    req.session.logout = { initiator: null, remaining: [...(req.session.samlSessions ?? [])] };
    delete req.session.auth;
    delete req.session.samlSessions;
    delete req.session.pendingSso;
    await continueLogout(req, res);
  });

  return router;
}

import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { SamlRequestError } from '../../domain/errors';
import { requireCsrf } from '../middleware/csrf';
import { sendMessagePage, sendPostBinding } from '../pages';
import { saveSession } from '../session';
import { decodePost, decodeRedirect, type InboundMessage } from '../../saml/bindings/inbound';
import { redirectUrl, signedPostValue } from '../../saml/bindings/outbound';
import type { IdpContext } from '../../saml/idp-context';
import { buildLogoutRequest, buildLogoutResponse, checkLogoutRequest, checkLogoutResponse, logoutEndpoint } from '../../saml/logout';
import { BINDING, STATUS } from '../../saml/xml/namespaces';

const UNKNOWN_PRINCIPAL = 'urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal';

/**
 * Single Logout. An SP's LogoutRequest (Redirect or POST) that names this session's NameID and
 * SessionIndex for that SP ends the hub session at once and is propagated (front channel, one SP after
 * the other) to the session's other SPs; then the initiator gets a signed LogoutResponse. POST /logout
 * starts the same from the hub. A request naming anyone else logs out nobody.
 */
export function sloRoutes(ctx: IdpContext): Router {
  const router = Router();
  const signing = () => ctx.signingKeys.active;

  const loggedOutPage = (res: Response, partial: boolean) =>
    sendMessagePage(res, 200, {
      heading_nl: 'Je bent uitgelogd',
      heading_en: 'You are logged out',
      text_nl: partial ? 'Je bent uitgelogd bij Leerpoort. Niet elk lesmateriaal bevestigde het uitloggen: sluit je browser om zeker te zijn.' : 'Je bent uitgelogd bij Leerpoort en bij je lesmateriaal.',
      text_en: partial ? 'You are logged out of Leerpoort. Not every learning application confirmed the logout: close your browser to be sure.' : 'You are logged out of Leerpoort and your learning materials.',
    });

  const refusePage = async (req: Request, res: Response, e: SamlRequestError, what: string) => {
    await ctx.repos.audit.record({ actor: { type: 'sp', id: 'unknown', ip: req.ip ?? null, requestId: String(res.locals.requestId ?? '') }, action: `saml.${what}.refused`, outcome: 'failure', details: { reason: e.publicMessage } });
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
    const state = req.session.logout;
    if (!state) return loggedOutPage(res, false);
    while (state.remaining.length > 0) {
      const entry = JSON.parse(state.remaining.shift()!) as { spEntityId: string; nameId: string; nameIdFormat: string; sessionIndex: string };
      const sp = await ctx.repos.serviceProviders.findByEntityId(entry.spEntityId);
      const endpoint = sp ? logoutEndpoint(sp, false) : null;
      if (!sp || !endpoint) continue;
      const { id, xml } = buildLogoutRequest(ctx, endpoint.url, entry);
      state.pendingRequestId = id;
      state.pendingSp = sp.entityId;
      await saveSession(req);
      if (endpoint.binding === BINDING.redirect) return res.redirect(303, redirectUrl(endpoint.url, 'SAMLRequest', xml, undefined, signing()));
      return sendPostBinding(res, { action: endpoint.url, field: 'SAMLRequest', value: signedPostValue(xml, 'LogoutRequest', id, signing()) });
    }
    const initiator = state.initiator;
    const partial = state.partial === true;
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    if (!initiator) return loggedOutPage(res, partial);
    const sp = await ctx.repos.serviceProviders.findByEntityId(initiator.spEntityId);
    const endpoint = sp ? logoutEndpoint(sp, true) : null;
    if (!endpoint) return loggedOutPage(res, partial);
    const { id, xml } = buildLogoutResponse(ctx, endpoint.url, initiator.requestId, STATUS.success, partial ? STATUS.partialLogout : undefined);
    if (endpoint.binding === BINDING.redirect) return res.redirect(303, redirectUrl(endpoint.url, 'SAMLResponse', xml, initiator.relayState, signing()));
    return sendPostBinding(res, { action: endpoint.url, field: 'SAMLResponse', value: signedPostValue(xml, 'LogoutResponse', id, signing()), relayState: initiator.relayState });
  };

  const handleRequest = async (req: Request, res: Response, message: InboundMessage) => {
    const now = new Date();
    const { sp, request } = await checkLogoutRequest(ctx, message, now);
    const sessions = req.session.samlSessions ?? [];
    const mine = sessions.find((s) => s.spEntityId === sp.entityId && s.nameId === request.nameId && (request.sessionIndexes.length === 0 || request.sessionIndexes.includes(s.sessionIndex)));
    const endpoint = logoutEndpoint(sp, true);
    const auth = req.session.auth;
    if (!mine || !auth) {
      await ctx.repos.audit.record({ actor: { type: 'sp', id: sp.entityId, ip: req.ip ?? null }, action: 'saml.logout', outcome: 'failure', targetType: 'service_provider', targetId: sp.id, details: { reason: 'no matching session' } });
      if (!endpoint) return loggedOutPage(res, true);
      const { id, xml } = buildLogoutResponse(ctx, endpoint.url, request.id, STATUS.requester, UNKNOWN_PRINCIPAL, now);
      if (endpoint.binding === BINDING.redirect) return res.redirect(303, redirectUrl(endpoint.url, 'SAMLResponse', xml, message.relayState, signing()));
      return sendPostBinding(res, { action: endpoint.url, field: 'SAMLResponse', value: signedPostValue(xml, 'LogoutResponse', id, signing()), relayState: message.relayState });
    }
    await ctx.repos.audit.record({ actor: { type: 'person', id: auth.personId, ip: req.ip ?? null }, action: 'saml.logout', outcome: 'success', targetType: 'service_provider', targetId: sp.id, details: { initiator: sp.entityId } });
    // The hub session ends now; what is left is only the list of SPs still to be told.
    req.session.logout = {
      initiator: { spEntityId: sp.entityId, requestId: request.id, ...(message.relayState !== undefined ? { relayState: message.relayState } : {}), binding: message.binding },
      remaining: sessions.filter((s) => s !== mine).map((s) => JSON.stringify(s)),
    };
    delete req.session.auth;
    delete req.session.samlSessions;
    delete req.session.pendingSso;
    await continueLogout(req, res);
  };

  const handleResponse = async (req: Request, res: Response, message: InboundMessage) => {
    const state = req.session.logout;
    const { response } = await checkLogoutResponse(ctx, message, new Date());
    if (!state || response.issuer !== state.pendingSp || response.inResponseTo !== state.pendingRequestId) {
      throw new SamlRequestError('LogoutResponse does not answer a logout this session started');
    }
    if (response.status !== STATUS.success) state.partial = true;
    delete state.pendingRequestId;
    delete state.pendingSp;
    await continueLogout(req, res);
  };

  const handle = (binding: 'redirect' | 'post') => async (req: Request, res: Response, next: NextFunction) => {
    let message: InboundMessage;
    try {
      message =
        binding === 'redirect' ? await decodeRedirect(req.originalUrl.split('?')[1] ?? '', ['SAMLRequest', 'SAMLResponse']) : decodePost(req.body, ['SAMLRequest', 'SAMLResponse']);
      if (message.kind === 'SAMLRequest') await handleRequest(req, res, message);
      else await handleResponse(req, res, message);
    } catch (e) {
      if (e instanceof SamlRequestError) return refusePage(req, res, e, 'logout');
      next(e);
    }
  };

  router.get('/saml/slo', handle('redirect'));
  router.post('/saml/slo', express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 10 }), handle('post'));

  /** IdP-initiated logout from the hub's own pages. */
  router.post('/logout', express.urlencoded({ extended: false, limit: '4kb' }), requireCsrf, async (req, res, next) => {
    try {
      const auth = req.session.auth;
      if (auth) await ctx.repos.audit.record({ actor: { type: 'person', id: auth.personId, ip: req.ip ?? null }, action: 'logout', outcome: 'success' });
      req.session.logout = { initiator: null, remaining: (req.session.samlSessions ?? []).map((s) => JSON.stringify(s)) };
      delete req.session.auth;
      delete req.session.samlSessions;
      delete req.session.pendingSso;
      await continueLogout(req, res);
    } catch (e) {
      next(e);
    }
  });

  return router;
}

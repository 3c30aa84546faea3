import express, { type Request, type Response, Router } from 'express';
import { SamlRequestError } from '../../domain/errors';
import { decodePost, decodeRedirect, type InboundMessage } from '../../saml/bindings/inbound';
import type { IdpContext } from '../../saml/idp-context';
import type { SamlSessionEntry } from '../../saml/sso-state';
import { checkLogoutRequest, checkLogoutResponse, logoutRequestTo, logoutResponseTo } from '../../saml/slo';
import {
  logoutNames,
  logoutRequestKey,
  peekInResponseTo,
  peekLogoutIssuer,
  upstreamLogoutResponse,
  validateUpstreamLogoutRequest,
  validateUpstreamLogoutResponse,
} from '../../saml/upstream/logout';
import { STATUS } from '../../saml/xml/namespaces';
import { requireCsrf } from '../middleware/csrf';
import { deliver, sendMessagePage } from '../pages';
import { saveSession } from '../session';
import type { EndOidcForAccount } from '../../domain/federation/oidc-payloads';
import {
  type LogoutInitiator,
  logoutAtSchoolIdp,
  schoolMayStillBeSignedInPage,
  sendToSchoolIdp,
  upstreamSloContext,
} from './upstream-logout';

const UNKNOWN_PRINCIPAL = 'urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal';

/**
 * Single Logout. An SP's LogoutRequest (Redirect or POST) that names this session's NameID and
 * SessionIndex for that SP ends the hub session at once and is propagated (front channel, one SP after
 * the other) to the session's other SPs; then the initiator gets a signed LogoutResponse. POST /logout
 * starts the same from the hub. A request naming anyone else logs out nobody. The checks and messages
 * are saml/slo.ts; the logout's progress lives in the session.
 *
 * With a school's own IdP (issue 17) the logout goes both ways: a session that came from the school's
 * IdP ends there too — after the publishers, the hub sends the IdP a signed LogoutRequest and finishes
 * when its LogoutResponse arrives at /saml/upstream/slo (saml/upstream/logout.ts); and the IdP's own
 * LogoutRequest there ends the hub sessions it names, is propagated to their publishers the same way,
 * and is answered with a signed LogoutResponse.
 *
 * Every logout here ends the person's OpenID Connect side as well (provider sessions, grants, tokens;
 * clients with a back-channel URI told). The person's, not only this browser's: the provider's records
 * carry the account but neither the hub session nor the browser (the provider's own session is keyed by
 * its own signed cookie), so nothing ties a grant or refresh token to the browser that logs out.
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
    const { initiator, partial = false, upstreamInitiator, carrierOnly } = progress;
    const schoolLogin = req.session.upstream;
    if (carrierOnly) {
      // This browser's session only carried someone else's logout (the school IdP named another person).
      delete req.session.logout;
      await saveSession(req);
    } else await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    if (upstreamInitiator) {
      // The school's IdP asked: it gets the answer (Success, PartialLogout when a publisher did not confirm).
      const idp = await ctx.repos.upstreamIdps.findBySchool(upstreamInitiator.schoolId);
      const answer =
        idp && idp.entityId === upstreamInitiator.idpEntityId
          ? upstreamLogoutResponse(
              upstreamSloContext(ctx),
              idp,
              upstreamInitiator.requestId,
              STATUS.success,
              partial ? STATUS.partialLogout : undefined,
              upstreamInitiator.relayState,
              ctx.signingKeys.active,
            )
          : null;
      return answer ? deliver(res, answer) : loggedOutPage(res, partial);
    }
    if (schoolLogin) {
      // Logged in through the school's IdP: it is told last, and its answer finishes the logout.
      const toIdp = await logoutAtSchoolIdp(ctx, schoolLogin, initiator, partial);
      if (toIdp) return sendToSchoolIdp(res, toIdp);
      if (!initiator) return schoolMayStillBeSignedInPage(res);
    }
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

  type Handler = (req: Request, res: Response, message: InboundMessage) => Promise<void>;
  /** One endpoint, both bindings: a request or a response, each to its handler; a refused message gets the error page. */
  const handle =
    (binding: 'redirect' | 'post', onRequest: Handler = handleRequest, onResponse: Handler = handleResponse) =>
    async (req: Request, res: Response) => {
      try {
        const kinds = ['SAMLRequest', 'SAMLResponse'] as const;
        const message =
          binding === 'redirect' ? await decodeRedirect(req.originalUrl.split('?')[1] ?? '', kinds) : decodePost(req.body, kinds);
        if (message.kind === 'SAMLRequest') await onRequest(req, res, message);
        else await onResponse(req, res, message);
      } catch (e) {
        if (e instanceof SamlRequestError) return refusePage(req, res, e);
        throw e;
      }
    };

  /** The end of a logout the hub started at the school's IdP: the initiating SP's LogoutResponse, or a page. */
  const finishAtSchool = async (res: Response, context: Readonly<Record<string, unknown>>, confirmed: boolean) => {
    const initiator = (context.initiator ?? null) as LogoutInitiator;
    const partial = context.partial === true;
    const sp = initiator ? await ctx.repos.serviceProviders.findByEntityId(initiator.spEntityId) : null;
    const answer =
      sp && initiator
        ? logoutResponseTo(ctx, sp, initiator.requestId, STATUS.success, partial ? STATUS.partialLogout : undefined, initiator.relayState)
        : null;
    if (answer) return deliver(res, answer);
    return confirmed ? loggedOutPage(res, partial) : schoolMayStillBeSignedInPage(res);
  };

  /** The school IdP's LogoutResponse to the hub's LogoutRequest. */
  const handleUpstreamResponse = async (req: Request, res: Response, message: InboundMessage) => {
    const inResponseTo = peekInResponseTo(message);
    const pending = inResponseTo ? await ctx.repos.upstreamRequests.find(logoutRequestKey(inResponseTo)) : null;
    const schoolId = pending?.context.kind === 'logout' ? pending.context.schoolId : null;
    const idp = typeof schoolId === 'string' ? await ctx.repos.upstreamIdps.findBySchool(schoolId) : null;
    if (!idp || idp.entityId !== pending?.idpEntityId)
      throw new SamlRequestError('LogoutResponse: InResponseTo does not name a LogoutRequest the hub sent to a school IdP');
    const answer = await validateUpstreamLogoutResponse({
      message,
      idp,
      sp: upstreamSloContext(ctx),
      now: new Date(),
      requests: ctx.repos.upstreamRequests,
      replayCache: ctx.repos.replayCache,
    });
    const confirmed = answer.status === STATUS.success && answer.subStatus !== STATUS.partialLogout;
    await ctx.repos.audit.record({
      actor: { type: 'anonymous', id: 'upstream-logout', ip: req.ip ?? null, requestId: String(res.locals.requestId ?? '') },
      action: 'saml.logout.upstream_response',
      outcome: confirmed ? 'success' : 'failure',
      schoolId: idp.schoolId,
      targetType: 'upstream_idp',
      targetId: idp.id,
      details: { idp: idp.entityId, status: answer.status, subStatus: answer.subStatus },
    });
    await finishAtSchool(res, answer.request.context, confirmed);
  };

  /**
   * The school IdP's LogoutRequest: every live hub session that came from this IdP (for a school its
   * signature verified for) with this NameID — and SessionIndex, when given — ends now; their publishers
   * are told one after the other in this browser; then the IdP gets a signed LogoutResponse. A NameID
   * with no session here is answered Success with nothing ended: the person is not logged in at the hub,
   * which is what the IdP asks for (core §3.7.3.2 — the session participant invalidates the sessions it
   * has; there is no error in having none).
   */
  const handleUpstreamRequest = async (req: Request, res: Response, message: InboundMessage) => {
    const now = new Date();
    const registrations = await ctx.repos.upstreamIdps.findByEntityId(peekLogoutIssuer(message));
    const request = await validateUpstreamLogoutRequest({
      message,
      registrations,
      sp: upstreamSloContext(ctx),
      now,
      replayCache: ctx.repos.replayCache,
    });
    const named = (await ctx.repos.sessions.findByUpstreamSubject(request.idpEntityId, request.subject.nameId, now)).filter((s) =>
      logoutNames(request, s.link),
    );
    const remaining: SamlSessionEntry[] = [];
    let current = false;
    for (const s of named) {
      remaining.push(...((s.data.samlSessions as SamlSessionEntry[] | undefined) ?? []));
      if (s.sid === req.sessionID) current = true;
      // This browser's own session carries the logout's progress and is destroyed at its end.
      else await ctx.repos.sessions.destroy(s.sid);
    }
    const personIds = [...new Set(named.map((s) => (s.data.auth as { personId?: string } | undefined)?.personId).filter(Boolean))];
    const oidc = { records: 0, notified: 0 };
    for (const personId of personIds) {
      const ended = await more.endOidcForAccount(String(personId));
      oidc.records += ended.records;
      oidc.notified += ended.notified;
    }
    await ctx.repos.audit.record({
      actor: { type: 'anonymous', id: 'upstream-logout', ip: req.ip ?? null, requestId: String(res.locals.requestId ?? '') },
      action: 'saml.logout.upstream',
      outcome: 'success',
      schoolId: request.schoolIds[0] ?? null,
      ...(personIds.length === 1 ? { targetType: 'person', targetId: String(personIds[0]) } : {}),
      details: {
        idp: request.idpEntityId,
        sessions: named.length,
        sessionIndexes: request.sessionIndexes.length,
        encryptedId: request.encryptedId,
        oidcRecords: oidc.records,
        oidcBackchannel: oidc.notified,
      },
    });
    // A browser whose own session is not among the named ones only carries the logout: whatever it holds
    // (a login, or one half-way through a second factor or a pending SSO) stays as it was.
    const carrierOnly = !current;
    if (current) {
      delete req.session.auth;
      delete req.session.samlSessions;
      delete req.session.pendingSso;
      delete req.session.pendingLogin;
      delete req.session.upstream;
    }
    req.session.logout = {
      initiator: null,
      upstreamInitiator: {
        schoolId: request.schoolIds[0]!,
        idpEntityId: request.idpEntityId,
        requestId: request.id,
        ...(request.relayState !== undefined ? { relayState: request.relayState } : {}),
      },
      remaining,
      ...(carrierOnly ? { carrierOnly: true } : {}),
    };
    await continueLogout(req, res);
  };

  // The hub as SP towards schools' IdPs: their LogoutRequests, and their answers to the hub's.
  router.get('/saml/upstream/slo', handle('redirect', handleUpstreamRequest, handleUpstreamResponse));
  router.post(
    '/saml/upstream/slo',
    express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 10 }),
    handle('post', handleUpstreamRequest, handleUpstreamResponse),
  );

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
